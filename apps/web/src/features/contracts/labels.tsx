import './texts.ts';
import type { Contract, ContractStatus } from '@guanxi/contract';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<ContractStatus, string> = {
  draft: 'default',
  'in-approval': 'processing',
  active: 'green',
  expired: 'orange',
  terminated: 'red',
};

export function ContractStatusTag({ status }: { status: ContractStatus }) {
  const { t } = useTranslation('contracts');
  return <Tag color={colors[status]}>{t(`statuses.${status}`)}</Tag>;
}

/** Days to an active contract's end (red within 30 days); nothing for the others. */
export function DaysToEnd({ contract }: { contract: Pick<Contract, 'status' | 'daysToEnd'> }) {
  const { t } = useTranslation('contracts');
  if (contract.status !== 'active') return null;
  if (contract.daysToEnd < 0)
    return (
      <Typography.Text type="danger">{t('overdueDays', { count: -contract.daysToEnd })}</Typography.Text>
    );
  return (
    <Typography.Text type={contract.daysToEnd <= 30 ? 'warning' : undefined}>
      {t('days', { count: contract.daysToEnd })}
    </Typography.Text>
  );
}
