import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import type { Notification } from '@guanxi/contract';
import { Badge, Button, Empty, Flex, List, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useLatestNotifications, useMarkAllRead, useMarkRead, useUnreadCount } from './api.ts';
import { notificationText } from './notification-text.ts';

/** The header's bell: unread count, the latest ten, click to read and open, 全部已读. */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const showError = useShowError();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const latest = useLatestNotifications(open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const count = unread.data ?? 0;

  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id, { onError: (e) => showError(e) });
    setOpen(false);
    if (n.link) void navigate(n.link);
  };

  const content = (
    <div className="notification-panel" style={{ width: isPhone ? 'calc(100vw - 32px)' : 360 }}>
      {latest.isPending ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : (
        <List<Notification>
          size="small"
          dataSource={latest.data?.data ?? []}
          rowKey={(n) => n.id}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('none')} /> }}
          renderItem={(n) => (
            <List.Item className={n.readAt ? 'notification-item' : 'notification-item notification-unread'}>
              <button type="button" className="notification-button" onClick={() => openOne(n)}>
                <Flex gap={8} align="flex-start">
                  <Badge status={n.readAt ? 'default' : 'processing'} aria-hidden />
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    <Typography.Text strong={!n.readAt}>{notificationText(t, n)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                      {n.readAt ? null : ` · ${t('unread')}`}
                    </Typography.Text>
                  </Flex>
                </Flex>
              </button>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <Flex justify="space-between" align="center" gap={8}>
          <span>{t('title')}</span>
          <Button
            type="link"
            size="small"
            icon={<CheckOutlined aria-hidden />}
            disabled={count === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate(undefined, { onError: (e) => showError(e) })}
          >
            {t('markAllRead')}
          </Button>
        </Flex>
      }
      content={content}
    >
      <Button
        type="text"
        aria-label={count ? t('bellUnread', { count }) : t('bell')}
        title={t('bell')}
        icon={
          <Badge count={count} size="small" overflowCount={99}>
            <BellOutlined aria-hidden style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
