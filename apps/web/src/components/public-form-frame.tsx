import { HONEYPOT_FIELD } from '@guanxi/contract';
import type { UseQueryResult } from '@tanstack/react-query';
import { Form, type FormRule, Input, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { PublicPage } from './public-page.tsx';

/**
 * A page opened from a link without signing in (网页表单, 在线报修, 工单进度): what the link's
 * token loads, a skeleton meanwhile, and `closed` (404) when the link no longer works.
 */
export function PublicFormFrame<T>({
  query,
  closed,
  children,
}: {
  query: UseQueryResult<T>;
  closed: string;
  children: (data: T) => ReactNode;
}) {
  return (
    <PublicPage>
      {query.isError ? (
        <Result status="404" subTitle={closed} />
      ) : query.data === undefined ? (
        <Skeleton active />
      ) : (
        children(query.data)
      )}
    </PublicPage>
  );
}

/** The honeypot: off screen and out of the tab order, so only a bot fills it (the server drops those). */
export function HoneypotField() {
  return (
    <div aria-hidden style={{ position: 'absolute', left: -10000, width: 1, height: 1, overflow: 'hidden' }}>
      <Form.Item name={HONEYPOT_FIELD} label="Website">
        <Input tabIndex={-1} autoComplete="off" />
      </Form.Item>
    </div>
  );
}

/** A visitor's mobile or e-mail field: at least one of `reach` must be given (`message` otherwise). */
export function ContactField({
  name,
  label,
  reach,
  message,
}: {
  name: 'mobile' | 'email';
  label: string;
  reach: readonly string[];
  message: string;
}) {
  const rules: FormRule[] = [
    ({ getFieldValue }) => ({
      validator: () =>
        reach.some((o) => getFieldValue(o)?.trim()) ? Promise.resolve() : Promise.reject(new Error(message)),
    }),
    ...(name === 'email' ? [{ type: 'email' as const }] : []),
  ];
  return (
    <Form.Item name={name} label={label} dependencies={reach.filter((o) => o !== name)} rules={rules}>
      <Input
        inputMode={name === 'mobile' ? 'tel' : 'email'}
        autoComplete={name === 'mobile' ? 'tel' : 'email'}
      />
    </Form.Item>
  );
}

/** A visitor's answers as sent: trimmed, blanks left out. */
export const trimmed = (values: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(values).map(([k, x]) => [k, x?.trim() || undefined]));
