import '../profile/texts.ts';
import { DesktopOutlined, MobileOutlined } from '@ant-design/icons';
import type { Session } from '@guanxi/contract';
import { Empty, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useRevokeSession, useSessions } from './api.ts';

/** A short, readable device name from a user agent, e.g. "Chrome · Windows". */
export function describeAgent(agent: string | null): { text: string; mobile: boolean } {
  if (!agent) return { text: '', mobile: false };
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /MicroMessenger/.test(agent)
      ? 'WeChat'
      : /Chrome\//.test(agent)
        ? 'Chrome'
        : /Firefox\//.test(agent)
          ? 'Firefox'
          : /Safari\//.test(agent)
            ? 'Safari'
            : '';
  const os = /Windows/.test(agent)
    ? 'Windows'
    : /Android/.test(agent)
      ? 'Android'
      : /iPhone|iPad/.test(agent)
        ? 'iOS'
        : /Mac OS X/.test(agent)
          ? 'macOS'
          : /Linux/.test(agent)
            ? 'Linux'
            : '';
  const text = [browser, os].filter(Boolean).join(' · ') || agent.slice(0, 40);
  return { text, mobile: /Mobile|Android|iPhone/.test(agent) };
}

/** Sessions with revoke (confirmed); the current one is marked and cannot be revoked here. */
export function SessionTable({ userId, showUser }: { userId?: string; showUser?: boolean }) {
  const { t } = useTranslation('profile');
  const { t: tc } = useTranslation();
  const sessions = useSessions(userId);
  const revoke = useRevokeSession();
  if (sessions.isError) return <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />;
  return (
    <Table<Session>
      size="small"
      rowKey="id"
      loading={sessions.isPending}
      dataSource={sessions.data ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sessions.empty')} /> }}
      columns={[
        ...(showUser
          ? [{ key: 'user', title: t('sessions.user'), render: (_: unknown, s: Session) => s.userName }]
          : []),
        {
          key: 'device',
          title: t('sessions.device'),
          render: (_, s) => {
            const agent = describeAgent(s.userAgent);
            return (
              <Flex gap={6} align="center">
                {agent.mobile ? <MobileOutlined aria-hidden /> : <DesktopOutlined aria-hidden />}
                <Tooltip title={s.userAgent}>
                  <span>{agent.text || t('sessions.unknownDevice')}</span>
                </Tooltip>
                {s.current ? <Tag color="blue">{t('sessions.current')}</Tag> : null}
              </Flex>
            );
          },
        },
        { key: 'ip', title: t('sessions.ip'), render: (_, s) => s.ip ?? '' },
        { key: 'createdAt', title: t('sessions.createdAt'), render: (_, s) => formatDateTime(s.createdAt) },
        {
          key: 'lastSeenAt',
          title: t('sessions.lastSeenAt'),
          render: (_, s) => formatDateTime(s.lastSeenAt),
        },
        { key: 'expiresAt', title: t('sessions.expiresAt'), render: (_, s) => formatDateTime(s.expiresAt) },
        {
          key: 'actions',
          title: tc('columns.actions'),
          render: (_, s) =>
            s.current ? (
              <Typography.Text type="secondary">{t('sessions.thisDevice')}</Typography.Text>
            ) : (
              <ConfirmDeleteButton
                look="link"
                icon={null}
                label={t('sessions.revoke')}
                title={t('sessions.revokeTitle')}
                description={t('sessions.revokeConfirm')}
                onConfirm={() => revoke.mutateAsync(s.id)}
                doneMessage={t('sessions.revoked')}
              />
            ),
        },
      ]}
    />
  );
}
