import { CloudUploadOutlined, DeleteOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { deleteCheckIn, type PendingCheckIn } from './store.ts';
import { flushQueue } from './sync.ts';

/** 待上传: check-ins kept on this phone until the network is back; the refused ones with why. */
export function QueueCard({ items, online }: { items: PendingCheckIn[]; online: boolean }) {
  const { t } = useTranslation('field');
  const { t: tc } = useTranslation('checkIns');
  const [sending, setSending] = useState(false);
  const pending = items.filter((i) => i.status === 'pending').length;
  if (items.length === 0) return null;
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <span>{t('queue.title')}</span>
          <Badge
            count={items.length}
            showZero
            color="orange"
            aria-label={t('queue.count', { count: items.length })}
          />
        </Flex>
      }
      extra={
        pending > 0 ? (
          <Button
            size="small"
            icon={<CloudUploadOutlined aria-hidden />}
            loading={sending}
            disabled={!online}
            onClick={async () => {
              setSending(true);
              await flushQueue().finally(() => setSending(false));
            }}
          >
            {t('queue.sendNow')}
          </Button>
        ) : null
      }
    >
      {!online && pending > 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('queue.offlineHint')}
        </Typography.Paragraph>
      ) : null}
      <List
        size="small"
        aria-label={t('queue.title')}
        dataSource={items}
        renderItem={(item) => (
          <List.Item
            actions={
              item.status === 'failed'
                ? [
                    <Button
                      key="delete"
                      size="small"
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      onClick={() => void deleteCheckIn(item.key)}
                    >
                      {t('queue.delete')}
                    </Button>,
                  ]
                : undefined
            }
          >
            <List.Item.Meta
              title={
                <Flex gap={6} wrap align="center">
                  <span>{tc(`types.${item.type}`)}</span>
                  {item.customerName ? <span>· {item.customerName}</span> : null}
                  {item.planTitle ? <span>· {item.planTitle}</span> : null}
                  {item.status === 'failed' ? (
                    <Tag color="red">{t('queue.failed')}</Tag>
                  ) : (
                    <Tag color="orange">{t('queue.pending')}</Tag>
                  )}
                </Flex>
              }
              description={
                <>
                  {formatDateTime(item.capturedAt)}
                  {item.note ? ` · ${item.note}` : ''}
                  {item.error ? (
                    <Typography.Text type="danger" style={{ display: 'block' }}>
                      {item.error}
                    </Typography.Text>
                  ) : null}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
