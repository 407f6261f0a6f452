import './texts.ts';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { type QuoteRow, quoteStatuses } from '@guanxi/contract';
import { Button, Flex, Form, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import { download } from '../../lib/download.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { formatMoney } from '../customers/money.ts';
import { fetchQuotes, quoteKeys } from './api.ts';
import { QuoteStatusTag } from './labels.tsx';
import { QuoteDetail } from './quote-detail.tsx';
import { QuoteDrawer } from './quote-drawer.tsx';
import { QuoteSettingsButton } from './settings-button.tsx';

const urlState = { filterKeys: ['status'] };

/** 报价单: the list in the caller's scope, 新建报价, a detail drawer (`?id=`). */
export function QuotesPage() {
  const { t } = useTranslation('quotes');
  const can = useCan();
  const [openId, openRecord] = useOpenRecord();
  const [drawer, setDrawer] = useState<Parameters<typeof QuoteDrawer>[0]['target']>(null);

  const columns = useMemo<ListColumn<QuoteRow>[]>(
    () => [
      {
        key: 'number',
        title: t('fields.number'),
        sortable: true,
        alwaysVisible: true,
        render: (q) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openRecord(q.id)}>
            {q.number}
          </Button>
        ),
      },
      { key: 'customerName', title: t('fields.customer'), render: (q) => q.customerName },
      { key: 'status', title: t('fields.status'), render: (q) => <QuoteStatusTag status={q.status} /> },
      {
        key: 'total',
        title: t('fields.total'),
        sortable: true,
        align: 'right',
        render: (q) => formatMoney(q.total),
      },
      {
        key: 'maxDiscount',
        title: t('fields.maxDiscount'),
        align: 'right',
        render: (q) => `${q.maxDiscount}%`,
      },
      { key: 'validUntil', title: t('fields.validUntil'), sortable: true, render: (q) => q.validUntil },
      { key: 'ownerName', title: t('fields.owner'), render: (q) => q.ownerName },
      {
        key: 'departmentName',
        title: t('fields.department'),
        defaultHidden: true,
        render: (q) => q.departmentName,
      },
      {
        key: 'createdAt',
        title: t('fields.createdAt'),
        sortable: true,
        defaultHidden: true,
        render: (q) => q.createdAt.slice(0, 10),
      },
    ],
    [t, openRecord],
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Flex gap={8} wrap>
            {can('system:admin') ? <QuoteSettingsButton /> : null}
            {can('quotes:export') ? (
              <Button
                icon={<DownloadOutlined aria-hidden />}
                onClick={() => download('/api/v1/quotes/export?format=xlsx')}
              >
                {t('actions.export')}
              </Button>
            ) : null}
            {can('quotes:create') ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDrawer('new')}>
                {t('create')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <ListPage<QuoteRow>
        queryKey={quoteKeys.all}
        fetcher={fetchQuotes}
        columns={columns}
        rowKey={(q) => q.id}
        columnPreferenceKey="columns.quotes"
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        defaultSort="-createdAt"
        urlState={urlState}
        filterFields={[
          <Form.Item key="status" name="status" label={t('fields.status')}>
            <Select
              allowClear
              placeholder={t('filters.any')}
              options={quoteStatuses.map((v) => ({ value: v, label: t(`statuses.${v}`) }))}
            />
          </Form.Item>,
        ]}
      />
      <QuoteDrawer target={drawer} onClose={() => setDrawer(null)} onSaved={(q) => openRecord(q.id)} />
      <QuoteDetail
        id={openId}
        onClose={() => openRecord(null)}
        onEdit={(q) => {
          openRecord(null);
          setDrawer(q);
        }}
      />
    </>
  );
}
