import './texts.ts';
import { DownloadOutlined } from '@ant-design/icons';
import { type Payment, type PaymentPlan, paymentStatuses, planStatuses } from '@guanxi/contract';
import { Button, Form, Segmented, Select, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { formatMoney } from '../customers/money.ts';
import { fetchOverdue, fetchPayments, fetchPlans, receivableKeys } from './api.ts';
import { DocumentLink, PaymentStatusTag, PlanStatusTag } from './labels.tsx';
import { PaymentDetail } from './payment-detail.tsx';

type Tab = 'plans' | 'payments' | 'overdue';
const tabs: Tab[] = ['plans', 'payments', 'overdue'];

/** 回款: payment plans, payments, and the overdue plans (most overdue first) in my scope; `?tab=`. */
export function ReceivablesPage() {
  const { t } = useTranslation('receivables');
  const can = useCan();
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const tab: Tab =
    tabs.find((x) => x === params.get('tab')) ?? (params.get('payment') ? 'payments' : 'plans');
  // one payment in a drawer (`?payment=`, where 审批中心 links)
  const paymentId = params.get('payment');
  const openPayment = useCallback(
    (id: string | null) =>
      updateParams((p) => (id ? p.set('payment', id) : p.delete('payment')), { replace: true }),
    [updateParams],
  );

  const planColumns = useMemo<ListColumn<PaymentPlan>[]>(
    () => [
      {
        key: 'document',
        title: t('fields.document'),
        alwaysVisible: true,
        render: (p) => <DocumentLink row={p} />,
      },
      { key: 'customer', title: t('fields.customer'), ellipsis: true, render: (p) => p.customerName },
      {
        key: 'instalment',
        title: t('fields.instalment'),
        render: (p) => t('fields.instalmentN', { n: p.instalment }),
      },
      { key: 'dueDate', title: t('fields.dueDate'), sortable: true, render: (p) => p.dueDate },
      { key: 'amount', title: t('fields.amount'), align: 'right', render: (p) => formatMoney(p.amount) },
      { key: 'paid', title: t('fields.paid'), align: 'right', render: (p) => formatMoney(p.paid) },
      {
        key: 'outstanding',
        title: t('fields.outstanding'),
        align: 'right',
        render: (p) => formatMoney(p.outstanding),
      },
      {
        key: 'daysOverdue',
        title: t('fields.daysOverdue'),
        align: 'right',
        render: (p) =>
          p.daysOverdue > 0 ? (
            <Typography.Text type="danger">{t('daysOverdue', { count: p.daysOverdue })}</Typography.Text>
          ) : (
            ''
          ),
      },
      { key: 'status', title: t('fields.status'), render: (p) => <PlanStatusTag plan={p} /> },
      { key: 'owner', title: t('fields.owner'), render: (p) => p.ownerName },
    ],
    [t],
  );

  const paymentColumns = useMemo<ListColumn<Payment>[]>(
    () => [
      {
        key: 'paidAt',
        title: t('fields.paidAt'),
        sortable: true,
        alwaysVisible: true,
        render: (p) => p.paidAt,
      },
      { key: 'document', title: t('fields.document'), render: (p) => <DocumentLink row={p} /> },
      { key: 'customer', title: t('fields.customer'), ellipsis: true, render: (p) => p.customerName },
      { key: 'amount', title: t('fields.amount'), align: 'right', render: (p) => formatMoney(p.amount) },
      {
        key: 'applied',
        title: t('fields.applied'),
        align: 'right',
        defaultHidden: true,
        render: (p) => formatMoney(p.applied),
      },
      {
        key: 'prepaid',
        title: t('fields.prepaid'),
        align: 'right',
        render: (p) => (p.prepaid === '0.00' ? '' : formatMoney(p.prepaid)),
      },
      { key: 'method', title: t('fields.method'), render: (p) => p.methodName },
      { key: 'payer', title: t('fields.payer'), ellipsis: true, render: (p) => p.payer ?? '' },
      { key: 'status', title: t('fields.status'), render: (p) => <PaymentStatusTag status={p.status} /> },
      { key: 'owner', title: t('fields.owner'), render: (p) => p.ownerName },
    ],
    [t],
  );

  const header = (
    <PageHeader
      title={t('title')}
      extra={
        tab === 'payments' && can('receivables:export') ? (
          <Button
            icon={<DownloadOutlined aria-hidden />}
            href={`/api/v1/payments/export?format=xlsx`}
            target="_blank"
          >
            {t('actions.export')}
          </Button>
        ) : null
      }
    />
  );
  const toolbar = (
    <Segmented<Tab>
      value={tab}
      onChange={(next) =>
        updateParams((p) => {
          p.set('tab', next);
          for (const k of ['page', 'cursor', 'sort', 'q', 'status', 'payment']) p.delete(k);
        })
      }
      options={tabs.map((v) => ({ value: v, label: t(`tabs.${v}`) }))}
    />
  );
  const statusFilter = (options: { value: string; label: string }[]) => [
    <Form.Item key="status" name="status" label={t('fields.status')}>
      <Select allowClear options={options} />
    </Form.Item>,
  ];

  return (
    <>
      {header}
      {tab === 'payments' ? (
        <ListPage<Payment>
          key="payments"
          queryKey={receivableKeys.payments}
          fetcher={fetchPayments}
          columns={paymentColumns}
          rowKey={(p) => p.id}
          columnPreferenceKey="columns.payments"
          searchPlaceholder={t('searchPayer')}
          emptyText={t('empty.payments')}
          defaultSort="-paidAt"
          urlState={{ filterKeys: ['status'] }}
          toolbar={toolbar}
          filterFields={statusFilter(
            paymentStatuses.map((v) => ({ value: v, label: t(`paymentStatuses.${v}`) })),
          )}
        />
      ) : (
        <ListPage<PaymentPlan>
          key={tab}
          queryKey={tab === 'overdue' ? receivableKeys.overdue : receivableKeys.plans}
          fetcher={tab === 'overdue' ? fetchOverdue : fetchPlans}
          columns={planColumns}
          rowKey={(p) => p.id}
          columnPreferenceKey="columns.payment-plans"
          searchable={false}
          emptyText={t(`empty.${tab}`)}
          defaultSort="dueDate"
          urlState={{ filterKeys: ['status'] }}
          toolbar={toolbar}
          filterFields={
            tab === 'plans'
              ? statusFilter(planStatuses.map((v) => ({ value: v, label: t(`planStatuses.${v}`) })))
              : undefined
          }
        />
      )}
      <PaymentDetail id={paymentId} onClose={() => openPayment(null)} />
    </>
  );
}
