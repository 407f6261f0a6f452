import './texts.ts';
import type { MemberDetail, MemberPointEntry } from '@guanxi/contract';
import { Button, Descriptions, Flex, Table, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { fetchPoints, memberKeys, useDeleteMember, useMember } from './api.ts';
import { LevelTag, MemberStatusTag, PointKindTag } from './labels.tsx';
import { MemberEditModal } from './member-edit-modal.tsx';
import { ParticipationModal } from './participation-modal.tsx';
import { PointsModal } from './points-modal.tsx';

/** 会员 360: who, level, points, and tabs for the ledger, cards, orders and activities. */
export function MemberPage() {
  const { t } = useTranslation('members');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const member = useMember(id);
  const remove = useDeleteMember(id);
  const [pointsOpen, setPointsOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  if (member.isPending) return <FullPageSpin />;
  if (member.isError) return <QueryError error={member.error} onRetry={() => void member.refetch()} />;
  const m = member.data;
  return (
    <>
      <PageHeader title={`${t('member')} ${m.number}`} onBack={() => navigate('/members')} />
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('fields.customer')}>
          <Link to={`/customers/${m.customerId}`}>{m.customerName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.level')}>
          <LevelTag name={m.levelName} />
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.points')}>
          <strong data-testid="member-points">{m.points}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.status')}>
          <MemberStatusTag status={m.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.joinedAt')}>{m.joinedAt}</Descriptions.Item>
        <Descriptions.Item label={t('fields.lifetime')}>
          {m.lifetimePoints} / ¥{m.lifetimeSpend}
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.contact')}>{m.contactName ?? ''}</Descriptions.Item>
      </Descriptions>
      <Flex wrap gap="small" style={{ margin: '16px 0' }}>
        {can('members:points') && m.status === 'active' ? (
          <Button type="primary" onClick={() => setPointsOpen(true)}>
            {t('actions.points')}
          </Button>
        ) : null}
        {can('members:edit') ? <Button onClick={() => setEditOpen(true)}>{t('actions.edit')}</Button> : null}
        {can('members:delete') ? (
          <ConfirmDeleteButton
            title={t('confirmDelete', { number: m.number })}
            description={t('deleteHint')}
            onConfirm={async () => {
              await remove.mutateAsync(m.version);
              navigate('/members');
            }}
            doneMessage={t('deleted')}
          />
        ) : null}
      </Flex>
      <Tabs
        items={[
          { key: 'points', label: t('tabs.points'), children: <LedgerTab id={id} /> },
          { key: 'cards', label: t('tabs.cards'), children: <CardsTab m={m} /> },
          { key: 'orders', label: t('tabs.orders'), children: <OrdersTab m={m} /> },
          { key: 'activities', label: t('tabs.activities'), children: <ActivitiesTab m={m} /> },
        ]}
        destroyOnHidden
      />
      <PointsModal memberId={id} open={pointsOpen} onClose={() => setPointsOpen(false)} />
      <MemberEditModal m={m} open={editOpen} onClose={() => setEditOpen(false)} />
    </>
  );
}

function LedgerTab({ id }: { id: string }) {
  const { t } = useTranslation('members');
  const columns = useMemo<ListColumn<MemberPointEntry>[]>(
    () => [
      {
        key: 'createdAt',
        title: t('fields.at'),
        alwaysVisible: true,
        render: (e) => formatDateTime(e.createdAt),
      },
      {
        key: 'kind',
        title: t('fields.kind'),
        alwaysVisible: true,
        render: (e) => <PointKindTag kind={e.kind} />,
      },
      {
        key: 'points',
        title: t('fields.pointsChange'),
        align: 'right',
        alwaysVisible: true,
        render: (e) => (e.points < 0 ? e.points : `+${e.points}`),
      },
      { key: 'balanceAfter', title: t('fields.balanceAfter'), align: 'right', render: (e) => e.balanceAfter },
      { key: 'reason', title: t('fields.reason'), render: (e) => e.reason },
      {
        key: 'expiresAt',
        title: t('fields.expiresAt'),
        defaultHidden: true,
        render: (e) => (e.expiresAt ? formatDateTime(e.expiresAt) : ''),
      },
    ],
    [t],
  );
  return (
    <ListPage<MemberPointEntry>
      queryKey={memberKeys.points(id)}
      fetcher={fetchPoints(id)}
      columns={columns}
      rowKey={(e) => e.id}
      columnPreferenceKey="columns.memberPoints"
      searchable={false}
      emptyText={t('emptyLedger')}
    />
  );
}

const small = { size: 'small', pagination: false, scroll: { x: 'max-content' } } as const;

function CardsTab({ m }: { m: MemberDetail }) {
  const { t } = useTranslation('members');
  return (
    <Table
      {...small}
      rowKey="number"
      dataSource={m.cards}
      columns={[
        {
          title: t('fields.cardNumber'),
          render: (_, c) => <Link to={`/cards/${c.number}`}>{c.number}</Link>,
        },
        { title: t('fields.balance'), dataIndex: 'balance', align: 'right' },
        { title: t('fields.expiresAt'), dataIndex: 'expiresAt' },
      ]}
    />
  );
}

function OrdersTab({ m }: { m: MemberDetail }) {
  const { t } = useTranslation('members');
  return (
    <Table
      {...small}
      rowKey="id"
      dataSource={m.recentOrders}
      columns={[
        { title: t('fields.orderNumber'), render: (_, o) => <Link to={`/orders/${o.id}`}>{o.number}</Link> },
        { title: t('fields.orderDate'), dataIndex: 'orderDate' },
        { title: t('fields.total'), dataIndex: 'total', align: 'right' },
      ]}
    />
  );
}

function ActivitiesTab({ m }: { m: MemberDetail }) {
  const { t } = useTranslation('members');
  const can = useCan();
  const [open, setOpen] = useState(false);
  const mayAdd =
    can('members:edit') && (can('campaigns:view') || can('marketing-plans:view')) && m.status === 'active';
  return (
    <>
      {mayAdd ? (
        <Button style={{ marginBottom: 12 }} onClick={() => setOpen(true)}>
          {t('actions.participate')}
        </Button>
      ) : null}
      <ParticipationModal memberId={m.id} open={open} onClose={() => setOpen(false)} />
      <Table
        {...small}
        rowKey="id"
        dataSource={m.participations}
        columns={[
          { title: t('fields.participatedAt'), dataIndex: 'participatedAt' },
          { title: t('fields.activityKind'), render: (_, p) => t(`activityKinds.${p.kind}`) },
          { title: t('fields.activity'), render: (_, p) => p.activityName ?? '—' },
          { title: t('fields.pointsChange'), dataIndex: 'points', align: 'right' },
        ]}
      />
    </>
  );
}
