import './texts.ts';
import type { Contract, Customer } from '@guanxi/contract';
import { Button, Flex, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { useCan } from '../../lib/access.ts';
import { formatMoney } from '../customers/money.ts';
import { useCustomerReceivables } from '../receivables/api.ts';
import { contractKeys, fetchCustomerContracts } from './api.ts';
import { ContractDrawer } from './contract-drawer.tsx';
import { ContractStatusTag } from './labels.tsx';

/** 合同 of the customer 360 (合同历史, with what was received and is outstanding, and the plans' sums). */
export function CustomerContractsTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation('contracts');
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const sums = useCustomerReceivables(customer.id, can('receivables:view'));
  const fetcher = useMemo(() => fetchCustomerContracts(customer.id), [customer.id]);
  const columns = useMemo<ListColumn<Contract>[]>(
    () => [
      {
        key: 'number',
        title: t('fields.number'),
        alwaysVisible: true,
        render: (k) => <Link to={`/contracts?id=${k.id}`}>{k.number}</Link>,
      },
      { key: 'title', title: t('fields.title'), ellipsis: true, render: (k) => k.title },
      { key: 'amount', title: t('fields.amount'), align: 'right', render: (k) => formatMoney(k.amount) },
      {
        key: 'received',
        title: t('fields.received'),
        align: 'right',
        render: (k) => formatMoney(k.figures.received),
      },
      {
        key: 'outstanding',
        title: t('fields.outstanding'),
        align: 'right',
        render: (k) => formatMoney(k.figures.outstanding),
      },
      { key: 'status', title: t('fields.status'), render: (k) => <ContractStatusTag status={k.status} /> },
      { key: 'dates', title: t('fields.dates'), render: (k) => `${k.startDate} ~ ${k.endDate}` },
      { key: 'owner', title: t('fields.owner'), render: (k) => k.ownerName },
    ],
    [t],
  );
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap justify="space-between" align="center">
        {sums.data ? (
          <Typography.Text type="secondary">
            {t('tabSummary', {
              planned: formatMoney(sums.data.planned),
              paid: formatMoney(sums.data.paid),
              outstanding: formatMoney(sums.data.outstanding),
              overdue: formatMoney(sums.data.overdue),
            })}
          </Typography.Text>
        ) : (
          <span />
        )}
        {can('contracts:create') && customer.state === 'active' ? (
          <Button onClick={() => setCreating(true)}>{t('create')}</Button>
        ) : null}
      </Flex>
      <ListPage<Contract>
        queryKey={[...contractKeys.all, 'customer', customer.id]}
        fetcher={fetcher}
        columns={columns}
        rowKey={(k) => k.id}
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        defaultSort="-createdAt"
        bare
      />
      <ContractDrawer
        target={creating ? { customerId: customer.id, customerName: customer.name } : null}
        onClose={() => setCreating(false)}
      />
    </Flex>
  );
}
