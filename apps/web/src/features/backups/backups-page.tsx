import './texts.ts';
import { CloudUploadOutlined, DatabaseOutlined } from '@ant-design/icons';
import type { BackupJob } from '@guanxi/contract';
import { App, Button, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { API_BASE } from '../../lib/api.ts';
import { download } from '../../lib/download.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useBackupSettings, useBackups, useDeleteBackup, useStartBackup } from './api.ts';
import { RestoreModal } from './restore-modal.tsx';
import { ScheduleCard } from './schedule-card.tsx';

const statusColor = { queued: 'default', running: 'processing', done: 'success', failed: 'error' } as const;

const sizeText = (bytes: number | null) =>
  bytes == null
    ? '–'
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** 备份还原 (系统设置): the tenant's archives, 立即备份 with progress, download, 还原, the daily schedule. */
export function BackupsPage() {
  const { t } = useTranslation('backups');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const list = useBackups();
  const start = useStartBackup();
  const showError = useShowError();
  const [restoring, setRestoring] = useState(false);
  const remove = useDeleteBackup();
  // the whole system is the default tenant's administrators' to back up and restore
  const systemScope = useBackupSettings().data?.systemScope ?? false;

  const backUp = (scope: 'tenant' | 'system') =>
    start.mutate(scope, { onSuccess: () => message.success(t('started')), onError: (e) => showError(e) });

  return (
    <>
      <PageHeader
        title={t('title')}
        subTitle={t('subtitle')}
        extra={
          <Flex gap={8} wrap>
            <Button type="primary" icon={<DatabaseOutlined aria-hidden />} onClick={() => backUp('tenant')}>
              {t('backupTenant')}
            </Button>
            {systemScope ? <Button onClick={() => backUp('system')}>{t('backupSystem')}</Button> : null}
            <Button icon={<CloudUploadOutlined aria-hidden />} onClick={() => setRestoring(true)}>
              {t('restore')}
            </Button>
          </Flex>
        }
      />
      <Flex vertical gap={16}>
        <ScheduleCard />
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<BackupJob>
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} /> }}
            columns={[
              {
                key: 'createdAt',
                title: t('columns.createdAt'),
                render: (_, b) => formatDateTime(b.createdAt),
              },
              {
                key: 'scope',
                title: t('columns.scope'),
                render: (_, b) => (
                  <Flex gap={4} wrap>
                    {b.scope === 'system' ? t('scope.system') : t('scope.tenant', { code: b.tenant })}
                    {b.trigger === 'schedule' ? <Tag>{t('scheduled')}</Tag> : null}
                  </Flex>
                ),
              },
              {
                key: 'status',
                title: t('columns.status'),
                render: (_, b) => (
                  <Tag color={statusColor[b.status]} title={b.error ?? undefined}>
                    {t(`status.${b.status}`)}
                  </Tag>
                ),
              },
              { key: 'size', title: t('columns.size'), render: (_, b) => sizeText(b.size) },
              {
                key: 'checksum',
                title: t('columns.checksum'),
                render: (_, b) =>
                  b.checksum ? (
                    <Typography.Text code copyable={{ text: b.checksum }}>
                      {b.checksum.slice(0, 12)}…
                    </Typography.Text>
                  ) : (
                    '–'
                  ),
              },
              { key: 'createdBy', title: t('columns.createdBy'), render: (_, b) => b.createdBy ?? '–' },
              {
                key: 'actions',
                title: tc('columns.actions'),
                render: (_, b) => (
                  <Flex gap={4}>
                    <Button
                      type="link"
                      size="small"
                      disabled={b.status !== 'done'}
                      onClick={() => download(`${API_BASE}/backups/${b.id}/content`)}
                    >
                      {t('download')}
                    </Button>
                    <ConfirmDeleteButton
                      look="link"
                      icon={null}
                      title={t('deleteConfirm')}
                      ariaLabel={t('deleteLabel', { at: formatDateTime(b.createdAt) })}
                      disabled={b.status === 'queued' || b.status === 'running'}
                      onConfirm={() => remove.mutateAsync(b.id)}
                      doneMessage={t('deleted')}
                    />
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Flex>
      <RestoreModal open={restoring} systemScope={systemScope} onClose={() => setRestoring(false)} />
    </>
  );
}
