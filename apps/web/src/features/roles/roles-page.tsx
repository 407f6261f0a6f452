import './texts.ts';
import { EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import type { Role } from '@guanxi/contract';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { justCreatedRow, useRevealRow } from '../../components/just-created.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useDeleteRole, useRoles } from './api.ts';

export function RolesPage() {
  const { t } = useTranslation('roles');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  // a role just created on the edit page: marked in the table (which holds every role)
  const created = (useLocation().state as { created?: string } | null)?.created;
  const can = useCan();
  const isPhone = useIsPhone();
  const roles = useRoles();
  const remove = useDeleteRole();
  useRevealRow(created, !!roles.data?.some((r) => r.id === created));

  return (
    <>
      <PageHeader
        title={t('title')}
        subTitle={t('subtitle')}
        extra={
          can('roles:create') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/roles/new')}>
              {t('actions.create')}
            </Button>
          ) : null
        }
      />
      <Card variant="borderless" styles={{ body: { padding: isPhone ? 12 : 20 } }}>
        {roles.isError ? (
          <QueryError error={roles.error} onRetry={() => void roles.refetch()} />
        ) : (
          <Table<Role>
            size="small"
            rowKey="id"
            rowClassName={justCreatedRow(created)}
            loading={roles.isPending}
            dataSource={roles.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} /> }}
            columns={[
              {
                key: 'name',
                title: t('fields.name'),
                render: (_, r) => (
                  <Space size={6}>
                    <Link to={`/roles/${r.id}`}>
                      <Typography.Text strong style={{ color: 'inherit' }}>
                        {r.name}
                      </Typography.Text>
                    </Link>
                    {r.code ? <Tag>{t('builtIn')}</Tag> : null}
                  </Space>
                ),
              },
              {
                key: 'description',
                title: t('fields.description'),
                render: (_, r) => (
                  <Typography.Text
                    type={r.description ? undefined : 'secondary'}
                    style={{ maxWidth: 360 }}
                    ellipsis
                  >
                    {r.description || '—'}
                  </Typography.Text>
                ),
              },
              {
                key: 'userCount',
                title: t('fields.userCount'),
                align: 'right',
                render: (_, r) => r.userCount,
              },
              {
                key: 'permissions',
                title: t('fields.permissionCount'),
                align: 'right',
                render: (_, r) => r.permissions.length,
              },
              {
                key: 'requireTotp',
                title: t('fields.requireTotp'),
                render: (_, r) =>
                  r.requireTotp ? (
                    <Tag color="blue">{t('totpRequired')}</Tag>
                  ) : (
                    <Typography.Text type="secondary">—</Typography.Text>
                  ),
              },
              {
                key: 'updatedAt',
                title: t('fields.updatedAt'),
                render: (_, r) => formatDateTime(r.updatedAt),
              },
              {
                key: 'actions',
                title: tc('columns.actions'),
                fixed: isPhone ? undefined : 'right',
                render: (_, r) => (
                  <Space size={0}>
                    <Button
                      type="link"
                      size="small"
                      icon={can('roles:edit') ? <EditOutlined aria-hidden /> : <EyeOutlined aria-hidden />}
                      aria-label={t('actions.editRole', { name: r.name })}
                      onClick={() => navigate(`/roles/${r.id}`)}
                    >
                      {can('roles:edit') ? tc('actions.edit') : tc('actions.view')}
                    </Button>
                    {can('roles:delete') && r.code !== 'admin' ? (
                      <ConfirmDeleteButton
                        look="link"
                        title={t('delete.title')}
                        description={t('delete.confirm', { name: r.name })}
                        ariaLabel={t('actions.deleteRole', { name: r.name })}
                        onConfirm={() => remove.mutateAsync({ id: r.id, version: r.version })}
                        doneMessage={t('delete.done')}
                      />
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
