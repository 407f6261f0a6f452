import './texts.ts';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { fromCents, type Invoice, type Payment, type PaymentPlan, toCents } from '@guanxi/contract';
import { Alert, App, Button, Flex, Popconfirm, Skeleton, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { formatMoney } from '../customers/money.ts';
import { type DocumentRef, useDeletePlan, useReceivableDocument } from './api.ts';
import {
  InvoiceDialog,
  IssueInvoiceDialog,
  PaymentDialog,
  PlanDialog,
  RejectInvoiceDialog,
} from './dialogs.tsx';
import { InvoiceActions } from './invoice-actions.tsx';
import { InvoiceStatusTag, PaymentStatusTag, PlanStatusTag } from './labels.tsx';

const money = (v: string) => formatMoney(v);

/**
 * A contract's or order's money (回款与开票): its figures, payment plans (新增 / 修改 / 删除, 登记回款
 * against one), payments with their allocation, and invoice requests (申请 / 通过 / 驳回 / 开具).
 */
export function DocumentMoney({ doc, invoiceTitle }: { doc: DocumentRef; invoiceTitle?: string }) {
  const { t } = useTranslation('receivables');
  const can = useCan();
  const { message } = App.useApp();
  const showError = useShowError();
  const q = useReceivableDocument(doc);
  const remove = useDeletePlan();
  const [planDialog, setPlanDialog] = useState<PaymentPlan | 'new' | null>(null);
  const [payFor, setPayFor] = useState<{ planId: string | null } | null>(null);
  const [invoicing, setInvoicing] = useState(false);
  const [rejecting, setRejecting] = useState<Invoice | null>(null);
  const [issuing, setIssuing] = useState<Invoice | null>(null);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  if (!d) return <Skeleton active />;
  const f = d.figures;
  const unplanned = fromCents(toCents(d.amount) - toCents(f.planned));
  const canPlan = can('receivables:create');

  const planColumns = [
    {
      key: 'n',
      title: t('fields.instalment'),
      render: (p: PaymentPlan) => t('fields.instalmentN', { n: p.instalment }),
    },
    { key: 'dueDate', title: t('fields.dueDate'), dataIndex: 'dueDate' },
    {
      key: 'amount',
      title: t('fields.amount'),
      align: 'right' as const,
      render: (p: PaymentPlan) => money(p.amount),
    },
    {
      key: 'paid',
      title: t('fields.paid'),
      align: 'right' as const,
      render: (p: PaymentPlan) => money(p.paid),
    },
    {
      key: 'outstanding',
      title: t('fields.outstanding'),
      align: 'right' as const,
      render: (p: PaymentPlan) => money(p.outstanding),
    },
    {
      key: 'status',
      title: t('fields.status'),
      render: (p: PaymentPlan) => (
        <Flex gap={4} wrap>
          <PlanStatusTag plan={p} />
          {p.daysOverdue > 0 ? (
            <Typography.Text type="danger">{t('daysOverdue', { count: p.daysOverdue })}</Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: '',
      render: (p: PaymentPlan) => (
        <Flex gap={0} wrap>
          {d.canRecord && p.status !== 'paid' ? (
            <Button size="small" type="link" onClick={() => setPayFor({ planId: p.id })}>
              {t('actions.recordPayment')}
            </Button>
          ) : null}
          {p.canEdit ? (
            <Button
              size="small"
              type="text"
              aria-label={t('planEditTitle')}
              icon={<EditOutlined aria-hidden />}
              onClick={() => setPlanDialog(p)}
            />
          ) : null}
          {p.canDelete ? (
            <Popconfirm
              title={t('planDeleteConfirm')}
              onConfirm={() =>
                remove
                  .mutateAsync({ id: p.id, version: p.version })
                  .then(() => message.success(t('planDeleted')), showError)
              }
            >
              <Button
                size="small"
                type="text"
                danger
                aria-label={t('planDeleteConfirm')}
                icon={<DeleteOutlined aria-hidden />}
              />
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    },
  ];

  const paymentColumns = [
    { key: 'paidAt', title: t('fields.paidAt'), dataIndex: 'paidAt' },
    {
      key: 'amount',
      title: t('fields.amount'),
      align: 'right' as const,
      render: (p: Payment) => money(p.amount),
    },
    { key: 'method', title: t('fields.method'), dataIndex: 'methodName' },
    { key: 'payer', title: t('fields.payer'), render: (p: Payment) => p.payer ?? '' },
    {
      key: 'allocations',
      title: t('fields.allocations'),
      render: (p: Payment) => (
        <Typography.Text type="secondary">
          {[
            ...p.allocations.map((a) => `${t('fields.instalmentN', { n: a.instalment })} ${money(a.amount)}`),
            ...(p.prepaid !== '0.00' ? [`${t('fields.prepaid')} ${money(p.prepaid)}`] : []),
          ].join('；')}
        </Typography.Text>
      ),
    },
    {
      key: 'status',
      title: t('fields.status'),
      render: (p: Payment) => <PaymentStatusTag status={p.status} />,
    },
  ];

  const invoiceColumns = [
    { key: 'createdAt', title: t('fields.createdAt'), render: (i: Invoice) => i.createdAt.slice(0, 10) },
    { key: 'type', title: t('fields.type'), render: (i: Invoice) => t(`invoiceTypes.${i.type}`) },
    { key: 'title', title: t('fields.invoiceTitle'), dataIndex: 'title' },
    {
      key: 'amount',
      title: t('fields.amount'),
      align: 'right' as const,
      render: (i: Invoice) => money(i.amount),
    },
    {
      key: 'status',
      title: t('fields.status'),
      render: (i: Invoice) => (
        <Flex vertical gap={2}>
          <InvoiceStatusTag status={i.status} />
          {i.invoiceNumber ? <Typography.Text type="secondary">{i.invoiceNumber}</Typography.Text> : null}
          {i.rejectReason ? <Typography.Text type="danger">{i.rejectReason}</Typography.Text> : null}
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: '',
      render: (i: Invoice) => <InvoiceActions invoice={i} onReject={setRejecting} onIssue={setIssuing} />,
    },
  ];

  const table = { size: 'small' as const, pagination: false as const, scroll: { x: 'max-content' } };
  const figure = { prefix: '¥', styles: { content: { fontSize: 20 } } };

  return (
    <Flex vertical gap={16}>
      <Flex gap={24} wrap>
        <Statistic title={t('figures.amount')} value={money(d.amount)} {...figure} />
        <Statistic title={t('figures.received')} value={money(f.received)} {...figure} />
        <Statistic title={t('figures.outstanding')} value={money(f.outstanding)} {...figure} />
        {f.prepaid !== '0.00' ? (
          <Statistic title={t('figures.prepaid')} value={money(f.prepaid)} {...figure} />
        ) : null}
        <Statistic title={t('figures.invoiced')} value={money(f.invoiced)} {...figure} />
      </Flex>
      {!d.canRecord && canPlan ? <Alert type="info" showIcon title={t('noMoney')} /> : null}
      <Flex gap={8} wrap>
        {canPlan && unplanned !== '0.00' ? (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setPlanDialog('new')}>
            {t('actions.addPlan')}
          </Button>
        ) : null}
        {d.canRecord ? (
          <Button type="primary" onClick={() => setPayFor({ planId: null })}>
            {t('actions.recordPayment')}
          </Button>
        ) : null}
        {d.canInvoice && f.invoiceable !== '0.00' ? (
          <Button onClick={() => setInvoicing(true)}>{t('actions.requestInvoice')}</Button>
        ) : null}
      </Flex>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('plans')}
      </Typography.Title>
      <Table<PaymentPlan>
        {...table}
        rowKey="id"
        columns={planColumns}
        dataSource={d.plans}
        locale={{ emptyText: t('empty.plans') }}
        aria-label={t('plans')}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('payments')}
      </Typography.Title>
      <Table<Payment>
        {...table}
        rowKey="id"
        columns={paymentColumns}
        dataSource={d.payments}
        locale={{ emptyText: t('empty.payments') }}
        aria-label={t('payments')}
      />
      {can('invoices:view') ? (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('invoices')}
          </Typography.Title>
          <Table<Invoice>
            {...table}
            rowKey="id"
            columns={invoiceColumns}
            dataSource={d.invoices}
            locale={{ emptyText: t('empty.invoices') }}
            aria-label={t('invoices')}
          />
        </>
      ) : null}
      <PlanDialog
        open={planDialog !== null}
        doc={doc}
        plan={planDialog === 'new' ? null : planDialog}
        unplanned={unplanned}
        onClose={() => setPlanDialog(null)}
      />
      <PaymentDialog
        open={payFor !== null}
        doc={doc}
        plans={d.plans}
        outstanding={f.outstanding}
        planId={payFor?.planId}
        onClose={() => setPayFor(null)}
      />
      <InvoiceDialog
        open={invoicing}
        doc={doc}
        invoiceable={f.invoiceable}
        defaultTitle={invoiceTitle}
        onClose={() => setInvoicing(false)}
      />
      <RejectInvoiceDialog invoice={rejecting} onClose={() => setRejecting(null)} />
      <IssueInvoiceDialog invoice={issuing} onClose={() => setIssuing(null)} />
    </Flex>
  );
}
