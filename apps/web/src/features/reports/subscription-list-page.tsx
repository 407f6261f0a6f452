import { EditOutlined, SendOutlined } from '@ant-design/icons';
import type { ReportSubscription } from '@guanxi/contract';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  List,
  Skeleton,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useReportCatalog } from './report-kit-api.ts';
import {
  useDeleteSubscription,
  useReportSubscriptions,
  useSendSubscription,
  useUpdateSubscription,
} from './subscription-api.ts';
import { hourText, SubscriptionModal, type Weekday } from './subscription-modal.tsx';
import './texts.ts';

const reportLink = (s: ReportSubscription) => {
  const search = new URLSearchParams(Object.entries(s.query).map(([k, v]) => [k, String(v)])).toString();
  return `/reports/${s.reportCode}${search ? `?${search}` : ''}`;
};

/** 我的订阅: my report subscriptions — schedule, next and last send, what went wrong; pause, send now, change, delete. */
export function SubscriptionListPage() {
  const { t } = useTranslation('reports');
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const list = useReportSubscriptions();
  const catalog = useReportCatalog();
  const [editing, setEditing] = useState<ReportSubscription | null>(null);
  const actions = useRowActions();

  const schedule = (s: ReportSubscription) =>
    `${s.frequency === 'weekly' ? t(`subscriptions.every.${s.day as Weekday}`) : t('subscriptions.everyMonth', { day: s.day })} ${hourText(s.hour)}`;
  const name = (s: ReportSubscription) => s.title || s.reportName;
  const outcome = (s: ReportSubscription) =>
    !s.lastOutcome ? (
      <Typography.Text type="secondary">{t('subscriptions.never')}</Typography.Text>
    ) : (
      <Tooltip title={s.lastError ?? undefined}>
        <Tag color={s.lastOutcome === 'sent' ? 'success' : 'error'}>
          {t(`subscriptions.outcomes.${s.lastOutcome}`)}
        </Tag>
      </Tooltip>
    );
  const active = (s: ReportSubscription) => (
    <Switch
      size="small"
      checked={s.active}
      loading={actions.busy === `active:${s.id}`}
      aria-label={t('subscriptions.activeOf', { name: name(s) })}
      onChange={(on) => actions.setActive(s, on)}
    />
  );
  const buttons = (s: ReportSubscription) => (
    <Flex gap={4} wrap>
      <Button
        size="small"
        type="link"
        icon={<SendOutlined aria-hidden />}
        loading={actions.busy === `send:${s.id}`}
        onClick={() => actions.send(s)}
        aria-label={t('subscriptions.sendNowOf', { name: name(s) })}
      >
        {t('subscriptions.sendNow')}
      </Button>
      <Button
        size="small"
        type="link"
        icon={<EditOutlined aria-hidden />}
        onClick={() => setEditing(s)}
        aria-label={t('subscriptions.editOf', { name: name(s) })}
      >
        {t('subscriptions.edit')}
      </Button>
      <ConfirmDeleteButton
        look="link"
        title={t('subscriptions.deleteConfirm', { name: name(s) })}
        ariaLabel={t('subscriptions.deleteOf', { name: name(s) })}
        doneMessage={t('subscriptions.deleted')}
        onConfirm={() => actions.remove(s)}
      />
    </Flex>
  );

  const columns: TableColumnsType<ReportSubscription> = [
    {
      key: 'report',
      title: t('subscriptions.report'),
      render: (_, s) => (
        <Flex vertical>
          <Link to={reportLink(s)}>{name(s)}</Link>
          {s.title ? <Typography.Text type="secondary">{s.reportName}</Typography.Text> : null}
        </Flex>
      ),
    },
    { key: 'schedule', title: t('subscriptions.schedule'), render: (_, s) => schedule(s) },
    {
      key: 'next',
      title: t('subscriptions.nextRun'),
      render: (_, s) => (s.active ? formatDateTime(s.nextRunAt) : '—'),
    },
    {
      key: 'last',
      title: t('subscriptions.lastSent'),
      render: (_, s) => formatDateTime(s.lastSentAt) || '—',
    },
    { key: 'outcome', title: t('subscriptions.lastOutcome'), render: (_, s) => outcome(s) },
    { key: 'active', title: t('subscriptions.active'), width: 70, render: (_, s) => active(s) },
    { key: 'actions', title: t('subscriptions.actions'), render: (_, s) => buttons(s) },
  ];

  const editingTimed = editing
    ? (catalog.data?.data.find((r) => r.code === editing.reportCode)?.timed ?? true)
    : false;

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('subscriptions.pageTitle')}
        subTitle={t('subscriptions.pageSubtitle')}
        onBack={() => navigate('/reports')}
      />
      {list.isError ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.isPending ? <Skeleton active /> : null}
      {list.data && list.data.length === 0 ? (
        <Empty description={t('subscriptions.empty')}>
          <Button onClick={() => navigate('/reports')}>{t('kit.hubTitle')}</Button>
        </Empty>
      ) : null}
      {list.data?.length ? (
        isPhone ? (
          <List
            dataSource={list.data}
            renderItem={(s) => (
              <List.Item style={{ padding: 0, border: 'none', marginBottom: 12 }}>
                <Card
                  size="small"
                  style={{ width: '100%' }}
                  title={<Link to={reportLink(s)}>{name(s)}</Link>}
                  extra={active(s)}
                >
                  <Flex vertical gap={4}>
                    <Typography.Text>{schedule(s)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t('subscriptions.nextRun')}: {s.active ? formatDateTime(s.nextRunAt) : '—'}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {t('subscriptions.lastSent')}: {formatDateTime(s.lastSentAt) || '—'}
                    </Typography.Text>
                    <div>{outcome(s)}</div>
                    {buttons(s)}
                  </Flex>
                </Card>
              </List.Item>
            )}
          />
        ) : (
          <Table<ReportSubscription>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data}
            pagination={false}
          />
        )
      ) : null}
      <SubscriptionModal
        open={editing !== null}
        onClose={() => setEditing(null)}
        existing={editing ?? undefined}
        timed={editingTimed}
      />
    </Flex>
  );
}

/** The row's actions, each spinning its own control while it runs. */
function useRowActions() {
  const { t } = useTranslation('reports');
  const { message } = App.useApp();
  const showError = useShowError();
  const update = useUpdateSubscription();
  const sendNow = useSendSubscription();
  const remove = useDeleteSubscription();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, fn: () => Promise<void>) => {
    setBusy(key);
    try {
      await fn();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };
  return {
    busy,
    setActive: (s: ReportSubscription, on: boolean) =>
      run(`active:${s.id}`, async () => {
        await update.mutateAsync({ id: s.id, version: s.version, active: on });
        message.success(t(on ? 'subscriptions.resumed' : 'subscriptions.paused'));
      }),
    send: (s: ReportSubscription) =>
      run(`send:${s.id}`, async () => {
        const done = (await sendNow.mutateAsync(s)) as ReportSubscription;
        if (done.lastOutcome === 'sent') message.success(t('subscriptions.sent'));
        else message.error(t(`subscriptions.outcomes.${done.lastOutcome ?? 'failed'}`));
      }),
    remove: (s: ReportSubscription) => remove.mutateAsync(s).then(() => undefined),
  };
}
