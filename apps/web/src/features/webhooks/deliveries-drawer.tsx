import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import type { Webhook, WebhookDelivery } from '@guanxi/contract';
import { App, Button, Drawer, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTimeSeconds } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useDeliveries, useReplay, useSendTest } from './api.ts';
import { useEventLabel } from './webhook-drawer.tsx';

const statusColor = { pending: 'processing', succeeded: 'success', failed: 'error' } as const;

export function DeliveryStatusTag({ status }: { status: WebhookDelivery['status'] }) {
  const { t } = useTranslation('webhooks');
  return <Tag color={statusColor[status]}>{t(`status.${status}`)}</Tag>;
}

/** A subscription's delivery log: status, code, attempts, time; 重新投递 per row, 发送测试 on top. */
export function DeliveriesDrawer({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation('webhooks');
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const showError = useShowError();
  const eventLabel = useEventLabel();
  const [page, setPage] = useState(1);
  const log = useDeliveries(webhook?.id ?? null, page);
  const test = useSendTest();
  const replay = useReplay();

  const sendTest = async () => {
    if (!webhook) return;
    try {
      await test.mutateAsync(webhook.id);
      message.success(t('testSent'));
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Drawer
      open={!!webhook}
      onClose={onClose}
      size={isPhone ? '100%' : 860}
      title={
        <Flex vertical>
          <span>{t('deliveriesTitle')}</span>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, fontWeight: 'normal' }}>
            {webhook?.url}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Flex gap={8}>
          <Tooltip title={t('refresh')}>
            <Button
              icon={<ReloadOutlined aria-hidden />}
              aria-label={t('refresh')}
              onClick={() => void log.refetch()}
            />
          </Tooltip>
          <Button
            icon={<SendOutlined aria-hidden />}
            loading={test.isPending}
            onClick={() => void sendTest()}
          >
            {t('sendTest')}
          </Button>
        </Flex>
      }
    >
      {log.isError ? (
        <QueryError error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <Table<WebhookDelivery>
          size="small"
          rowKey="id"
          loading={log.isPending}
          dataSource={log.data?.data ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: log.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            simple: isPhone,
          }}
          expandable={{
            rowExpandable: (d) => !!(d.responseBody || d.error),
            expandedRowRender: (d) => (
              <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {d.error ?? d.responseBody}
              </Typography.Paragraph>
            ),
          }}
          columns={[
            {
              key: 'status',
              title: t('columns.status'),
              render: (_, d) => <DeliveryStatusTag status={d.status} />,
            },
            {
              key: 'event',
              title: t('columns.event'),
              render: (_, d) => (
                <Tooltip title={d.event}>
                  <span>{eventLabel(d.event)}</span>
                </Tooltip>
              ),
            },
            { key: 'code', title: t('columns.code'), render: (_, d) => d.responseCode ?? '—' },
            { key: 'attempts', title: t('columns.attempts'), dataIndex: 'attempts' },
            {
              key: 'duration',
              title: t('columns.duration'),
              render: (_, d) => (d.durationMs === null ? '—' : `${d.durationMs} ms`),
            },
            {
              key: 'time',
              title: t('columns.time'),
              render: (_, d) => formatDateTimeSeconds(d.deliveredAt ?? d.createdAt),
            },
            {
              key: 'next',
              title: t('columns.next'),
              render: (_, d) => formatDateTimeSeconds(d.nextAttemptAt),
            },
            {
              key: 'actions',
              title: '',
              render: (_, d) => (
                <Button
                  type="link"
                  size="small"
                  onClick={async () => {
                    try {
                      await replay.mutateAsync({ id: webhook!.id, deliveryId: d.id });
                      message.success(t('replayed'));
                    } catch (err) {
                      showError(err);
                    }
                  }}
                >
                  {t('replay')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
