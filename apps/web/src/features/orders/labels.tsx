import './texts.ts';
import type { OrderStatus } from '@guanxi/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<OrderStatus, string> = {
  new: 'default',
  confirmed: 'blue',
  paid: 'cyan',
  delivered: 'purple',
  completed: 'green',
  cancelled: 'red',
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation('orders');
  return <Tag color={colors[status]}>{t(`statuses.${status}`)}</Tag>;
}
