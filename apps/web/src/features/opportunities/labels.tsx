import './texts.ts';
import { WarningOutlined } from '@ant-design/icons';
import type { Opportunity, OpportunityStatus } from '@guanxi/contract';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../customers/money.ts';

const statusColors: Record<OpportunityStatus, string> = {
  unassigned: 'gold',
  developing: 'blue',
  won: 'green',
  lost: 'default',
};

export function OpportunityStatusTag({ status }: { status: OpportunityStatus }) {
  const { t } = useTranslation('opportunities');
  return <Tag color={statusColors[status]}>{t(`status.${status}`)}</Tag>;
}

/** 停滞: an open deal without progress for its stage's days (the server decides). */
export function StalledBadge({ o, days }: { o: Pick<Opportunity, 'stalled'>; days?: number }) {
  const { t } = useTranslation('opportunities');
  if (!o.stalled) return null;
  const tag = (
    <Tag color="red" icon={<WarningOutlined aria-hidden />}>
      {t('stalled')}
    </Tag>
  );
  return days ? <Tooltip title={t('stalledHint', { days })}>{tag}</Tooltip> : tag;
}

/** The customer's name, or the prospect's. */
export const targetName = (o: Pick<Opportunity, 'customerName' | 'prospectName'>) =>
  o.customerName ?? o.prospectName ?? '';

/** `¥1,234.50` from the API's decimal string (never parsed to a float). */
export const yuan = (value: string) => `¥${formatMoney(value)}`;
