import './texts.ts';
import type { ChurnStatus } from '@guanxi/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colours: Record<ChurnStatus, string> = {
  warning: 'red',
  delayed: 'orange',
  confirmed: 'default',
  recovered: 'green',
};

export function ChurnStatusTag({ status }: { status: ChurnStatus }) {
  const { t } = useTranslation('churn');
  return <Tag color={colours[status]}>{t(`statuses.${status}`)}</Tag>;
}
