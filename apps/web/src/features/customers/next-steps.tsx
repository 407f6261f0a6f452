import './texts.ts';
import type { Customer } from '@guanxi/contract';
import { Alert, Flex } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';

type Note = { key: string; type: 'info' | 'warning' | 'success' | 'error'; text: string };

/** The 360 header's hints: what this customer needs next (submit, claim, an overdue follow-up …). */
export function NextSteps({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  const notes: Note[] = [];
  if (c.state === 'draft') notes.push({ key: 'draft', type: 'info', text: t('next.draft') });
  if (c.state === 'pool')
    notes.push({ key: 'pool', type: 'warning', text: t('next.pool', { pool: c.poolName ?? '' }) });
  if (!c.valid) {
    const reason = c.invalidReason ? ` ${t('invalid.reason', { reason: c.invalidReason })}` : '';
    notes.push({
      key: 'invalid',
      type: 'error',
      text: t('invalid.notice', { at: c.invalidatedAt ? formatDateTime(c.invalidatedAt) : '' }) + reason,
    });
  } else if (c.state === 'active') {
    if (c.nextFollowUpAt && dayjs(c.nextFollowUpAt).isBefore(dayjs()))
      notes.push({
        key: 'overdue',
        type: 'warning',
        text: t('next.overdue', { at: formatDateTime(c.nextFollowUpAt) }),
      });
    else if (!c.nextFollowUpAt) notes.push({ key: 'plan', type: 'info', text: t('next.planFollowUp') });
    if (c.protectedUntil && !dayjs(c.protectedUntil).isBefore(dayjs(), 'day'))
      notes.push({
        key: 'protected',
        type: 'success',
        text: t('next.protected', { date: c.protectedUntil }),
      });
    if (!c.canEdit) notes.push({ key: 'readOnly', type: 'info', text: t('next.readOnly') });
  }
  if (!notes.length) return null;
  return (
    <Flex vertical gap={8}>
      {notes.map((n) => (
        <Alert key={n.key} type={n.type} showIcon title={n.text} />
      ))}
    </Flex>
  );
}
