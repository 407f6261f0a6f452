import { Button, Drawer, Flex, Form, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../lib/use-is-phone.ts';
import { type SaveForm, useFormSubmit } from './use-form-submit.ts';

/** Another way to save the same form, e.g. 保存为草稿 beside 保存. */
export type OtherSubmit<V> = { key: string; label: string; onSubmit: SaveForm<V> };

type Props<V> = {
  open: boolean;
  title: ReactNode;
  /** Desktop width; on a phone the drawer takes the whole screen. */
  width: number;
  onClose: () => void;
  /** Form name, unique on the page (the fields' ids start with it). */
  name: string;
  /** The caller fills it when the target changes (the drawer keeps the form mounted). */
  form: FormInstance<V>;
  /** Saves; the button spins meanwhile. The caller closes the drawer on success. */
  onSubmit: SaveForm<V>;
  /** The main button's words (保存 unless said). */
  submitText?: string;
  /** Shown before the main button; they check the form, then save their own way. */
  otherSubmits?: OtherSubmit<V>[];
  /** False: view only — the fields are disabled and there is nothing to save. */
  editable?: boolean;
  /** Buttons in the drawer's header. */
  extra?: ReactNode;
  /** Puts the form into the body, e.g. as the first of several tabs (the form alone by default). */
  body?: (form: ReactNode) => ReactNode;
  /** After the body, e.g. a dialog the drawer opens. */
  after?: ReactNode;
  children: ReactNode;
};

/**
 * A drawer around a vertical form, with 取消 and 保存 in its footer: the button spins while
 * saving, a failed save puts the server's field errors on the fields (the message on top).
 */
export function FormDrawer<V>({
  open,
  title,
  width,
  onClose,
  name,
  form,
  onSubmit,
  submitText,
  otherSubmits = [],
  editable = true,
  extra,
  body = (node) => node,
  after,
  children,
}: Props<V>) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const { saving, submit } = useFormSubmit(form);
  const formNode = (
    <Form<V>
      name={name}
      form={form}
      layout="vertical"
      disabled={!editable}
      onFinish={(values) => void submit('main', onSubmit, values)}
    >
      {children}
    </Form>
  );
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={isPhone ? '100%' : width}
      // the form stays mounted, so the caller can fill it before it shows
      forceRender
      destroyOnHidden={false}
      extra={extra}
      footer={
        editable ? (
          <Flex justify="flex-end" gap={8} wrap>
            <Button onClick={onClose}>{t('actions.cancel')}</Button>
            {otherSubmits.map((other) => (
              <Button
                key={other.key}
                loading={saving === other.key}
                disabled={saving !== null && saving !== other.key}
                onClick={() => void submit(other.key, other.onSubmit)}
              >
                {other.label}
              </Button>
            ))}
            <Button
              type="primary"
              loading={saving === 'main'}
              disabled={saving !== null && saving !== 'main'}
              onClick={() => form.submit()}
            >
              {submitText ?? t('actions.save')}
            </Button>
          </Flex>
        ) : null
      }
    >
      {body(formNode)}
      {after}
    </Drawer>
  );
}
