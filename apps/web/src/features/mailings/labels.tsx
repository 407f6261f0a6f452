import './texts.ts';
import type { Mailing, MailingStatus, RecipientStatus } from '@guanxi/contract';
import { Tag, Typography } from 'antd';
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

/** 发送情况 in a list cell: sent of total, then what went wrong, when anything did. */
export function ProgressText({ counts }: { counts: Mailing['counts'] }) {
  const { t } = useTranslation('mailings');
  const problems = [
    counts.failed ? t('countFailed', { count: counts.failed }) : null,
    counts.bounced ? t('countBounced', { count: counts.bounced }) : null,
    counts.suppressed ? t('countSuppressed', { count: counts.suppressed }) : null,
  ].filter(Boolean);
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {t('progressShort', counts)}
      {problems.length ? <Typography.Text type="secondary"> · {problems.join(' · ')}</Typography.Text> : null}
    </span>
  );
}
