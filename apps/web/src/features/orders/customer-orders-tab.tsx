import './texts.ts';
import '../quotes/texts.ts';
import { PlusOutlined } from '@ant-design/icons';
import type { Customer, OrderRow, QuoteRow } from '@guanxi/contract';
import { Button, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { formatMoney } from '../customers/money.ts';
import { QuoteStatusTag } from '../quotes/labels.tsx';
import { QuoteDrawer } from '../quotes/quote-drawer.tsx';
import { useCustomerSales } from './api.ts';
import { OrderStatusTag } from './labels.tsx';

/** The customer 360 page's 订单 tab: its orders (orders scope) and, for quotes:view, its quotes. */
export function CustomerOrdersTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation('orders');
  const { t: tq } = useTranslation('quotes');
  const can = useCan();
  const sales = useCustomerSales(customer.id, can('quotes:view'));
  const navigate = useNavigate();
  const [quoting, setQuoting] = useState(false);
  if (sales.isError) return <QueryError error={sales.error} onRetry={() => void sales.refetch()} />;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('customerTab.orders')}
        </Typography.Title>
        {can('quotes:create') && customer.state === 'active' ? (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setQuoting(true)}>
            {tq('create')}
          </Button>
        ) : null}
      </Flex>
      <QuoteDrawer
        target={quoting ? { customerId: customer.id, customerName: customer.name } : null}
        onClose={() => setQuoting(false)}
        onSaved={(q) => navigate(`/quotes?id=${q.id}`)}
      />
      <Table<OrderRow>
        size="small"
        rowKey="id"
        loading={sales.isLoading}
        pagination={false}
        aria-label={t('customerTab.orders')}
        dataSource={sales.data?.orders.data}
        locale={{ emptyText: t('empty') }}
        scroll={{ x: 520 }}
        columns={[
          {
            key: 'number',
            title: t('fields.number'),
            render: (_, o) => <Link to={`/orders?id=${o.id}`}>{o.number}</Link>,
          },
          { key: 'orderDate', title: t('fields.orderDate'), render: (_, o) => o.orderDate },
          {
            key: 'status',
            title: t('fields.status'),
            render: (_, o) => <OrderStatusTag status={o.status} />,
          },
          { key: 'total', title: t('fields.total'), align: 'right', render: (_, o) => formatMoney(o.total) },
          { key: 'owner', title: t('fields.owner'), render: (_, o) => o.ownerName },
        ]}
      />
      {sales.data?.quotes ? (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('customerTab.quotes')}
          </Typography.Title>
          <Table<QuoteRow>
            size="small"
            rowKey="id"
            pagination={false}
            aria-label={t('customerTab.quotes')}
            dataSource={sales.data.quotes.data}
            locale={{ emptyText: tq('empty') }}
            scroll={{ x: 520 }}
            columns={[
              {
                key: 'number',
                title: tq('fields.number'),
                render: (_, q) => <Link to={`/quotes?id=${q.id}`}>{q.number}</Link>,
              },
              { key: 'validUntil', title: tq('fields.validUntil'), render: (_, q) => q.validUntil },
              {
                key: 'status',
                title: tq('fields.status'),
                render: (_, q) => <QuoteStatusTag status={q.status} />,
              },
              {
                key: 'total',
                title: tq('fields.total'),
                align: 'right',
                render: (_, q) => formatMoney(q.total),
              },
            ]}
          />
        </>
      ) : null}
    </Flex>
  );
}
