import './texts.ts';
import type { Order } from '@guanxi/contract';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, List, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../lib/access.ts';
import { contractKeys, fetchContracts } from '../contracts/api.ts';
import { ContractDrawer } from '../contracts/contract-drawer.tsx';
import { ContractStatusTag } from '../contracts/labels.tsx';
import { DocumentMoney } from '../receivables/document-money.tsx';

/**
 * 合同与回款 of an order: once confirmed, its contract (签订合同: the order's customer, total and
 * link prefilled) — whose payments make the order paid — or, without one, its payment plans,
 * payments and invoices recorded on the order itself.
 */
export function OrderMoney({ o }: { o: Order }) {
  const { t } = useTranslation('orders');
  const can = useCan();
  const navigate = useNavigate();
  const [drafting, setDrafting] = useState(false);
  const open = o.status !== 'new' && o.status !== 'cancelled';
  const contracts = useQuery({
    queryKey: [...contractKeys.all, 'of-order', o.id],
    queryFn: ({ signal }) => fetchContracts({ orderId: o.id, page: 1, pageSize: 20 }, signal),
    enabled: open && can('contracts:view'),
  });
  const list = contracts.data?.data ?? [];
  return (
    <section aria-label={t('money.title')}>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('money.title')}
        </Typography.Title>
        {open && !list.length && contracts.isSuccess && can('contracts:create') ? (
          <Button onClick={() => setDrafting(true)}>{t('money.signContract')}</Button>
        ) : null}
      </Flex>
      {!open ? (
        <Typography.Text type="secondary">{t('money.notYet')}</Typography.Text>
      ) : list.length ? (
        <Flex vertical gap={4}>
          <List
            size="small"
            dataSource={list}
            renderItem={(k) => (
              <List.Item>
                <Flex gap={8} wrap align="center">
                  <Link to={`/contracts?id=${k.id}`}>{`${k.number} · ${k.title}`}</Link>
                  <ContractStatusTag status={k.status} />
                </Flex>
              </List.Item>
            )}
          />
          <Typography.Text type="secondary">{t('money.throughContract')}</Typography.Text>
        </Flex>
      ) : contracts.isSuccess || !can('contracts:view') ? (
        can('receivables:view') ? (
          <DocumentMoney doc={{ orderId: o.id }} invoiceTitle={o.customerName} />
        ) : null
      ) : null}
      {drafting ? (
        // mounted only while open: a closed drawer inside the order's drawer kept Escape from closing it
        <ContractDrawer
          target={{
            customerId: o.customerId,
            customerName: o.customerName,
            order: { id: o.id, number: o.number, total: o.total },
          }}
          onClose={() => setDrafting(false)}
          onSaved={(k) => navigate(`/contracts?id=${k.id}`)}
        />
      ) : null}
    </section>
  );
}
