import './texts.ts';
import type { InvoiceStatus, PaymentPlan, PaymentStatus, PlanStatus } from '@guanxi/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

const planColors: Record<PlanStatus, string> = { open: 'default', partial: 'gold', paid: 'green' };
const paymentColors: Record<PaymentStatus, string> = {
  pending: 'processing',
  counted: 'green',
  rejected: 'red',
};
const invoiceColors: Record<InvoiceStatus, string> = {
  requested: 'processing',
  approved: 'blue',
  rejected: 'red',
  issued: 'green',
};

export function PlanStatusTag({ plan }: { plan: Pick<PaymentPlan, 'status' | 'daysOverdue'> }) {
  const { t } = useTranslation('receivables');
  return (
    <Tag color={plan.daysOverdue > 0 ? 'red' : planColors[plan.status]}>
      {t(`planStatuses.${plan.status}`)}
    </Tag>
  );
}

export function PaymentStatusTag({ status }: { status: PaymentStatus }) {
  const { t } = useTranslation('receivables');
  return <Tag color={paymentColors[status]}>{t(`paymentStatuses.${status}`)}</Tag>;
}

export function InvoiceStatusTag({ status }: { status: InvoiceStatus }) {
  const { t } = useTranslation('receivables');
  return <Tag color={invoiceColors[status]}>{t(`invoiceStatuses.${status}`)}</Tag>;
}

/** The contract (its detail) or the order a row belongs to, by number. */
export function DocumentLink({
  row,
}: {
  row: {
    contractId: string | null;
    contractNumber: string | null;
    orderId: string | null;
    orderNumber: string | null;
  };
}) {
  if (row.contractId)
    return (
      <Link to={`/contracts?id=${row.contractId}`}>{row.contractNumber ?? row.contractId.slice(0, 8)}</Link>
    );
  if (row.orderId)
    return <Link to={`/orders?id=${row.orderId}`}>{row.orderNumber ?? row.orderId.slice(0, 8)}</Link>;
  return null;
}

/** Today in the browser's calendar (`YYYY-MM-DD`), the default of a date field. */
export const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
