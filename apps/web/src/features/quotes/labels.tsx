import './texts.ts';
import type { QuoteStatus } from '@guanxi/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<QuoteStatus, string> = {
  draft: 'default',
  'in-approval': 'orange',
  approved: 'blue',
  sent: 'cyan',
  accepted: 'green',
  rejected: 'red',
  expired: 'default',
};

export function QuoteStatusTag({ status }: { status: QuoteStatus }) {
  const { t } = useTranslation('quotes');
  return <Tag color={colors[status]}>{t(`statuses.${status}`)}</Tag>;
}
