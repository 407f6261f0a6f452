import './texts.ts';
import '../customers/texts.ts';
import { PlusOutlined, SyncOutlined } from '@ant-design/icons';
import type { Customer, Pool } from '@guanxi/contract';
import { App, Button, Card, Col, Empty, Flex, Popconfirm, Row, Skeleton, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { customerKeys, fetchCustomers } from '../customers/api.ts';
import { customerColumns } from '../customers/customer-columns.tsx';
import { useCustomerDictionaryLabel } from '../customers/customer-dictionary-fields.ts';
import { useDeletePool, usePools, useRunRecycle } from './api.ts';
import { PoolCard } from './pool-card.tsx';
import { PoolFormModal } from './pool-form-modal.tsx';
import { PoolRowActions } from './pool-row-actions.tsx';

const visibleColumns = new Set([
  'number',
  'name',
  'levelName',
  'statusName',
  'regionName',
  'phone',
  'tags',
  'createdAt',
]);

function PoolCustomers({ pool }: { pool: Pool }) {
  const { t } = useTranslation('pools');
  const { t: tcu } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const isPhone = useIsPhone();
  const dict = useCustomerDictionaryLabel();
  const columns = useMemo<ListColumn<Customer>[]>(
    () => [
      ...customerColumns(tcu, { pool: true, dict })
        .filter((c) => visibleColumns.has(c.key))
        .map((c) => ({ ...c, defaultHidden: false })),
      {
        key: 'actions',
        title: tc('columns.actions'),
        alwaysVisible: true,
        fixed: 'right',
        render: (c) => <PoolRowActions customer={c} />,
      },
    ],
    [tcu, tc, dict],
  );
  return (
    <Card
      variant="borderless"
      title={t('customersOf', { name: pool.name })}
      styles={{ body: { padding: isPhone ? 12 : 20 } }}
    >
      <ListPage<Customer>
        bare
        queryKey={customerKeys.all}
        fetcher={fetchCustomers}
        fixedParams={{ state: 'pool', poolId: pool.id }}
        columns={columns}
        rowKey={(c) => c.id}
        searchPlaceholder={tcu('searchPlaceholder')}
        emptyText={t('emptyPool')}
        exactCountable
      />
    </Card>
  );
}

/** 公海: the pools the user sees, their rules and customers; claim and assign; admins manage pools. */
export function PoolsPage() {
  const { t } = useTranslation('pools');
  const { message } = App.useApp();
  const can = useCan();
  const showError = useShowError();
  const pools = usePools();
  const remove = useDeletePool();
  const recycle = useRunRecycle();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<'new' | Pool | null>(null);
  const admin = can('pools:admin');

  const list = pools.data ?? [];
  const selected = list.find((p) => p.id === params.get('pool')) ?? list[0];
  // a new pool is selected and its card scrolled into view once the list holds it (on a phone
  // the cards stack, and the new one comes last)
  const [created, setCreated] = useState<string | null>(null);
  const createdShown = !!created && list.some((p) => p.id === created);
  useEffect(() => {
    if (createdShown) document.querySelector('.pool-card-selected')?.scrollIntoView({ block: 'nearest' });
  }, [createdShown]);

  const select = (pool: Pool) => {
    const next = new URLSearchParams();
    next.set('pool', pool.id);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        subTitle={t('subtitle')}
        extra={
          admin ? (
            <>
              <Popconfirm
                title={t('recycle.confirm')}
                okText={t('recycle.run')}
                cancelText={t('recycle.cancel')}
                onConfirm={() =>
                  recycle.mutateAsync().then(
                    (r) => message.success(t('recycle.done', { recycled: r.recycled, reminded: r.reminded })),
                    (e) => showError(e),
                  )
                }
              >
                <Button icon={<SyncOutlined aria-hidden />} loading={recycle.isPending}>
                  {t('recycle.run')}
                </Button>
              </Popconfirm>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
                {t('actions.create')}
              </Button>
            </>
          ) : null
        }
      />
      {pools.isError ? (
        <QueryError error={pools.error} onRetry={() => void pools.refetch()} />
      ) : pools.isPending ? (
        <Card variant="borderless">
          <Skeleton active />
        </Card>
      ) : list.length === 0 ? (
        <Card variant="borderless">
          <Empty description={admin ? t('emptyAdmin') : t('empty')}>
            {admin ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
                {t('actions.create')}
              </Button>
            ) : null}
          </Empty>
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <section aria-label={t('listLabel')}>
            <Row gutter={[16, 16]}>
              {list.map((pool) => (
                <Col key={pool.id} xs={24} md={12} xl={8}>
                  <PoolCard
                    pool={pool}
                    selected={pool.id === selected?.id}
                    onSelect={() => select(pool)}
                    onEdit={admin ? () => setEditing(pool) : undefined}
                    onDelete={
                      admin ? () => remove.mutateAsync({ id: pool.id, version: pool.version }) : undefined
                    }
                  />
                </Col>
              ))}
            </Row>
          </section>
          {selected ? <PoolCustomers key={selected.id} pool={selected} /> : null}
          {!can('pools:claim') && !can('customers:assign') ? (
            <Typography.Text type="secondary">{t('viewOnly')}</Typography.Text>
          ) : null}
        </Flex>
      )}
      <PoolFormModal
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={(pool) => {
          if (editing !== 'new') return;
          select(pool);
          setCreated(pool.id);
        }}
      />
    </>
  );
}
