import './texts.ts';
import { DownloadOutlined } from '@ant-design/icons';
import { type Invoice, invoiceStatuses } from '@guanxi/contract';
import { Button, Flex, Form, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import { formatMoney } from '../customers/money.ts';
import { fetchInvoices, receivableKeys } from './api.ts';
import { IssueInvoiceDialog, RejectInvoiceDialog } from './dialogs.tsx';
import { InvoiceActions } from './invoice-actions.tsx';
import { DocumentLink, InvoiceStatusTag } from './labels.tsx';

/** 开票: the requests in my invoices scope; holders of invoices:approve approve, reject and issue them. */
export function InvoicesPage() {
  const { t } = useTranslation('receivables');
  const can = useCan();
  const [rejecting, setRejecting] = useState<Invoice | null>(null);
  const [issuing, setIssuing] = useState<Invoice | null>(null);

  const columns = useMemo<ListColumn<Invoice>[]>(
    () => [
      {
        key: 'createdAt',
        title: t('fields.createdAt'),
        sortable: true,
        alwaysVisible: true,
        render: (i) => i.createdAt.slice(0, 10),
      },
      { key: 'document', title: t('fields.document'), render: (i) => <DocumentLink row={i} /> },
      { key: 'customer', title: t('fields.customer'), ellipsis: true, render: (i) => i.customerName },
      { key: 'title', title: t('fields.invoiceTitle'), ellipsis: true, render: (i) => i.title },
      {
        key: 'taxNumber',
        title: t('fields.taxNumber'),
        defaultHidden: true,
        render: (i) => i.taxNumber ?? '',
      },
      { key: 'type', title: t('fields.type'), render: (i) => t(`invoiceTypes.${i.type}`) },
      { key: 'amount', title: t('fields.amount'), align: 'right', render: (i) => formatMoney(i.amount) },
      {
        key: 'status',
        title: t('fields.status'),
        render: (i) => (
          <Flex vertical gap={2}>
            <InvoiceStatusTag status={i.status} />
            {i.rejectReason ? <Typography.Text type="danger">{i.rejectReason}</Typography.Text> : null}
          </Flex>
        ),
      },
      { key: 'invoiceNumber', title: t('fields.invoiceNumber'), render: (i) => i.invoiceNumber ?? '' },
      { key: 'issuedOn', title: t('fields.issuedOn'), render: (i) => i.issuedOn ?? '' },
      {
        key: 'requestedBy',
        title: t('fields.requestedBy'),
        defaultHidden: true,
        render: (i) => i.requestedByName ?? '',
      },
      {
        key: 'actions',
        title: '',
        alwaysVisible: true,
        render: (i) => <InvoiceActions invoice={i} onReject={setRejecting} onIssue={setIssuing} />,
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('invoicesTitle')}
        extra={
          can('invoices:export') ? (
            <Button
              icon={<DownloadOutlined aria-hidden />}
              href="/api/v1/invoices/export?format=xlsx"
              target="_blank"
            >
              {t('actions.export')}
            </Button>
          ) : null
        }
      />
      <ListPage<Invoice>
        queryKey={receivableKeys.invoices}
        fetcher={fetchInvoices}
        columns={columns}
        rowKey={(i) => i.id}
        columnPreferenceKey="columns.invoices"
        searchPlaceholder={t('searchInvoice')}
        emptyText={t('empty.invoices')}
        defaultSort="-createdAt"
        urlState={{ filterKeys: ['status'] }}
        filterFields={[
          <Form.Item key="status" name="status" label={t('fields.status')}>
            <Select
              allowClear
              options={invoiceStatuses.map((v) => ({ value: v, label: t(`invoiceStatuses.${v}`) }))}
            />
          </Form.Item>,
        ]}
      />
      <RejectInvoiceDialog invoice={rejecting} onClose={() => setRejecting(null)} />
      <IssueInvoiceDialog invoice={issuing} onClose={() => setIssuing(null)} />
    </>
  );
}
