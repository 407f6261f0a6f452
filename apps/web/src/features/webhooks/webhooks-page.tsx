import './texts.ts';
import { PlusOutlined } from '@ant-design/icons';
import type { Webhook, WebhookWithSecret } from '@guanxi/contract';
import { Button, Empty, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useDeleteWebhook, useWebhooks } from './api.ts';
import { DeliveriesDrawer, DeliveryStatusTag } from './deliveries-drawer.tsx';
import { SecretModal } from './secret-modal.tsx';
import { useEventLabel, WebhookDrawer } from './webhook-drawer.tsx';

/** Webhook (系统设置): the tenant's subscriptions, their form, the secret shown once, the delivery log. */
export function WebhooksPage() {
  const { t } = useTranslation('webhooks');
  const { t: tc } = useTranslation();
  const hooks = useWebhooks();
  const remove = useDeleteWebhook();
  const eventLabel = useEventLabel();
  const [drawer, setDrawer] = useState<{ editing: Webhook | null } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  // a phone has room for two columns: the address with its state and last delivery, and the actions
  const isPhone = useIsPhone();
  const stateTag = (w: Webhook) =>
    w.active ? (
      <Tag color="success">{t('enabled')}</Tag>
    ) : (
      <Tooltip title={w.disabledReason}>
        <Tag color="default">{t('disabled')}</Tag>
      </Tooltip>
    );

  return (
    <>
      <PageHeader
        title={t('title')}
        subTitle={t('subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setDrawer({ editing: null })}
          >
            {t('create')}
          </Button>
        }
      />
      {hooks.isError ? (
        <QueryError error={hooks.error} onRetry={() => void hooks.refetch()} />
      ) : (
        <Table<Webhook>
          rowKey="id"
          loading={hooks.isPending}
          dataSource={hooks.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} /> }}
          columns={(
            [
              {
                key: 'url',
                title: t('url'),
                render: (_, w) => (
                  <Flex vertical style={{ maxWidth: isPhone ? 200 : 320 }}>
                    <Typography.Text strong ellipsis={{ tooltip: w.url }}>
                      {w.url}
                    </Typography.Text>
                    {w.description ? (
                      <Typography.Text type="secondary">{w.description}</Typography.Text>
                    ) : null}
                    {isPhone ? (
                      <Flex gap={4} wrap style={{ marginTop: 4 }}>
                        {stateTag(w)}
                        {w.lastDelivery ? <DeliveryStatusTag status={w.lastDelivery.status} /> : null}
                      </Flex>
                    ) : null}
                  </Flex>
                ),
              },
              {
                key: 'events',
                title: t('events'),
                render: (_, w) => (
                  <Tooltip title={w.events.map(eventLabel).join('、')}>
                    <Flex wrap gap={4} style={{ maxWidth: 260 }}>
                      {w.events.slice(0, 3).map((e) => (
                        <Tag key={e}>{e}</Tag>
                      ))}
                      {w.events.length > 3 ? <Tag>+{w.events.length - 3}</Tag> : null}
                    </Flex>
                  </Tooltip>
                ),
              },
              {
                key: 'active',
                title: t('active'),
                render: (_, w) => stateTag(w),
              },
              {
                key: 'last',
                title: t('lastDelivery'),
                render: (_, w) =>
                  w.lastDelivery ? (
                    <Flex gap={4} align="center" wrap>
                      <DeliveryStatusTag status={w.lastDelivery.status} />
                      {w.lastDelivery.responseCode ? (
                        <Typography.Text code>{w.lastDelivery.responseCode}</Typography.Text>
                      ) : null}
                      <Typography.Text type="secondary">{formatDateTime(w.lastDelivery.at)}</Typography.Text>
                    </Flex>
                  ) : (
                    <Typography.Text type="secondary">{t('never')}</Typography.Text>
                  ),
              },
              {
                key: 'actions',
                title: tc('columns.actions'),
                render: (_, w) => (
                  <Flex gap={4} wrap vertical={isPhone} align="flex-start">
                    <Button type="link" size="small" onClick={() => setDrawer({ editing: w })}>
                      {t('edit')}
                    </Button>
                    <Button type="link" size="small" onClick={() => setLogOf(w)}>
                      {t('deliveries')}
                    </Button>
                    <ConfirmDeleteButton
                      look="link"
                      icon={null}
                      title={t('deleteTitle')}
                      description={t('deleteConfirm', { url: w.url })}
                      ariaLabel={`${tc('actions.delete')} ${w.url}`}
                      onConfirm={() => remove.mutateAsync(w)}
                      doneMessage={t('deleted')}
                    />
                  </Flex>
                ),
              },
            ] satisfies TableColumnsType<Webhook>
          ).filter((c) => !isPhone || c.key === 'url' || c.key === 'actions')}
        />
      )}
      <WebhookDrawer
        open={!!drawer}
        editing={drawer?.editing ?? null}
        onClose={() => setDrawer(null)}
        onSecret={(made: WebhookWithSecret) => setSecret(made.secret)}
      />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
      <DeliveriesDrawer webhook={logOf} onClose={() => setLogOf(null)} />
    </>
  );
}
