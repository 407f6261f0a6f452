import './texts.ts';
import type { MailingStatus, RecipientStatus } from '@guanxi/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const statusColors: Record<MailingStatus, string> = {
  draft: 'default',
  scheduled: 'purple',
  sending: 'processing',
  sent: 'green',
  cancelled: 'default',
};

const recipientColors: Record<RecipientStatus, string> = {
  pending: 'default',
  sending: 'processing',
  sent: 'green',
  failed: 'red',
  bounced: 'volcano',
  suppressed: 'gold',
};

export function MailingStatusTag({ status }: { status: MailingStatus }) {
  const { t } = useTranslation('mailings');
  return <Tag color={statusColors[status]}>{t(`statuses.${status}`)}</Tag>;
}

export function RecipientStatusTag({ status }: { status: RecipientStatus }) {
  const { t } = useTranslation('mailings');
  return <Tag color={recipientColors[status]}>{t(`recipientStatuses.${status}`)}</Tag>;
}
