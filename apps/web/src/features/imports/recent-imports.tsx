import './texts.ts';
import type { ImportJob } from '@guanxi/contract';
import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRecentImports } from './api.ts';

const colors: Record<ImportJob['status'], string> = {
  queued: 'default',
  validating: 'processing',
  importing: 'processing',
  done: 'success',
  failed: 'error',
  interrupted: 'warning',
};

/** My latest imports, to come back to a report or resume one. */
export function RecentImports({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation('imports');
  const recent = useRecentImports();
  return (
    <Card size="small" title={t('recent')}>
      <Table
        size="small"
        rowKey="id"
        loading={recent.isPending}
        dataSource={recent.data ?? []}
        pagination={false}
        scroll={{ x: 560 }}
        onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('file'), dataIndex: 'fileName', ellipsis: true },
          {
            title: t('entity.label'),
            dataIndex: 'entity',
            width: 90,
            render: (e: string) => t(`entity.${e as 'customers'}`),
          },
          {
            title: t('statusLabel'),
            dataIndex: 'status',
            width: 110,
            render: (s: ImportJob['status']) => <Tag color={colors[s]}>{t(`statusShort.${s}`)}</Tag>,
          },
          { title: t('counts.created'), dataIndex: 'created', width: 80 },
          { title: t('counts.failed'), dataIndex: 'failed', width: 80 },
          {
            title: t('when'),
            dataIndex: 'createdAt',
            width: 170,
            render: (v: string) => new Date(v).toLocaleString(),
          },
        ]}
      />
    </Card>
  );
}
