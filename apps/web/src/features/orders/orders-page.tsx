import './texts.ts';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { type OrderRow, orderStatuses } from '@guanxi/contract';
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
import { fetchOrders, orderKeys } from './api.ts';
import { OrderStatusTag } from './labels.tsx';
import { OrderDetail } from './order-detail.tsx';
import { OrderDrawer } from './order-drawer.tsx';

const urlState = { filterKeys: ['status'] };

/** 订单: the list in the caller's scope, 新建订单, a detail drawer (`?id=`). */
export function OrdersPage() {
  const { t } = useTranslation('orders');
  const can = useCan();
  const [openId, openRecord] = useOpenRecord();
  const [creating, setCreating] = useState(false);

  const columns = useMemo<ListColumn<OrderRow>[]>(
    () => [
      {
        key: 'number',
        title: t('fields.number'),
        sortable: true,
        alwaysVisible: true,
        render: (o) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openRecord(o.id)}>
            {o.number}
          </Button>
        ),
      },
      { key: 'customerName', title: t('fields.customer'), render: (o) => o.customerName },
      { key: 'status', title: t('fields.status'), render: (o) => <OrderStatusTag status={o.status} /> },
      {
        key: 'total',
        title: t('fields.total'),
        sortable: true,
        align: 'right',
        render: (o) => formatMoney(o.total),
      },
      { key: 'orderedAt', title: t('fields.orderDate'), sortable: true, render: (o) => o.orderDate },
      { key: 'quoteNumber', title: t('fields.quote'), render: (o) => o.quoteNumber ?? '' },
      { key: 'ownerName', title: t('fields.owner'), render: (o) => o.ownerName },
      {
        key: 'departmentName',
        title: t('fields.department'),
        defaultHidden: true,
        render: (o) => o.departmentName,
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
            {can('orders:export') ? (
              <Button
                icon={<DownloadOutlined aria-hidden />}
                onClick={() => download('/api/v1/orders/export?format=xlsx')}
              >
                {t('actions.export', { ns: 'quotes' })}
              </Button>
            ) : null}
            {can('orders:create') ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t('create')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <ListPage<OrderRow>
        queryKey={orderKeys.all}
        fetcher={fetchOrders}
        columns={columns}
        rowKey={(o) => o.id}
        columnPreferenceKey="columns.orders"
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        defaultSort="-orderedAt"
        urlState={urlState}
        filterFields={[
          <Form.Item key="status" name="status" label={t('fields.status')}>
            <Select
              allowClear
              placeholder={t('filters.any')}
              options={orderStatuses.map((v) => ({ value: v, label: t(`statuses.${v}`) }))}
            />
          </Form.Item>,
        ]}
      />
      <OrderDrawer open={creating} onClose={() => setCreating(false)} onSaved={(o) => openRecord(o.id)} />
      <OrderDetail id={openId} onClose={() => openRecord(null)} />
    </>
  );
}
