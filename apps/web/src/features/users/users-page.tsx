import {
  CheckCircleOutlined,
  EditOutlined,
  KeyOutlined,
  LogoutOutlined,
  PlusOutlined,
  StopOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { type User, userStatuses } from '@guanxi/contract';
import { Button, Checkbox, Form, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { BulkAction, ListColumn, ShownRecord } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan, useMe } from '../../lib/access.ts';
import type { QueryValue } from '../../lib/api.ts';
import { DepartmentTreeSelect } from '../departments/department-tree-select.tsx';
import { RoleSelect } from '../roles/role-select.tsx';
import { bulkUserStatus, fetchUsers } from './api.ts';
import { DepartureModal } from './departure-modal.tsx';
import { ResetPasswordModal } from './reset-password-modal.tsx';
import { userColumns } from './user-columns.tsx';
import { UserDrawer } from './user-drawer.tsx';

function mapFilters(values: Record<string, unknown>): Record<string, QueryValue> {
  const departmentId = typeof values.departmentId === 'string' ? values.departmentId : undefined;
  return {
    departmentId,
    includeChildren: departmentId && values.includeChildren ? 'true' : undefined,
    status: typeof values.status === 'string' ? values.status : undefined,
    roleId: typeof values.roleId === 'string' ? values.roleId : undefined,
  };
}

export function UsersPage() {
  const { t } = useTranslation('users');
  const { t: tc } = useTranslation();
  const can = useCan();
  const [drawer, setDrawer] = useState<string | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [leaving, setLeaving] = useState<User | null>(null);
  // a new user: the list searches for its username and marks its row
  const [created, setCreated] = useState<ShownRecord | null>(null);
  const meId = useMe().user.id;

  const columns = useMemo<ListColumn<User>[]>(
    () => [
      ...userColumns(t),
      {
        key: 'actions',
        title: tc('columns.actions'),
        alwaysVisible: true,
        fixed: 'right',
        render: (u) => (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              icon={<EditOutlined aria-hidden />}
              aria-label={t('actions.editUser', { name: u.name })}
              onClick={() => setDrawer(u.id)}
            >
              {can('users:edit') ? tc('actions.edit') : tc('actions.view')}
            </Button>
            {can('users:edit') ? (
              <Button
                type="link"
                size="small"
                icon={<KeyOutlined aria-hidden />}
                aria-label={t('actions.resetPasswordOf', { name: u.name })}
                onClick={() => setResetting(u)}
              >
                {t('actions.resetPassword')}
              </Button>
            ) : null}
            {can('users:edit') && u.status !== 'left' && u.id !== meId ? (
              <Button
                type="link"
                size="small"
                danger
                icon={<UserSwitchOutlined aria-hidden />}
                aria-label={t('actions.departureOf', { name: u.name })}
                onClick={() => setLeaving(u)}
              >
                {t('actions.departure')}
              </Button>
            ) : null}
          </Space>
        ),
      },
    ],
    [t, tc, can, meId],
  );

  const bulkActions: BulkAction<User>[] = can('users:edit')
    ? [
        {
          key: 'enable',
          label: t('bulk.enable'),
          icon: <CheckCircleOutlined aria-hidden />,
          onRun: (rows) =>
            bulkUserStatus(
              rows.map((r) => r.id),
              'active',
            ),
        },
        {
          key: 'disable',
          label: t('bulk.disable'),
          icon: <StopOutlined aria-hidden />,
          danger: true,
          confirm: (count) => t('bulk.disableConfirm', { count }),
          onRun: (rows) =>
            bulkUserStatus(
              rows.map((r) => r.id),
              'disabled',
            ),
        },
        {
          key: 'left',
          label: t('bulk.left'),
          icon: <LogoutOutlined aria-hidden />,
          danger: true,
          confirm: (count) => t('bulk.leftConfirm', { count }),
          onRun: (rows) =>
            bulkUserStatus(
              rows.map((r) => r.id),
              'left',
            ),
        },
      ]
    : [];

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          can('users:create') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDrawer('new')}>
              {t('actions.create')}
            </Button>
          ) : null
        }
      />
      <ListPage<User>
        queryKey={['users']}
        fetcher={fetchUsers}
        columns={columns}
        rowKey={(u) => u.id}
        rowLabel={(u) => u.name}
        columnPreferenceKey="columns.users"
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        bulkActions={bulkActions}
        mapFilters={mapFilters}
        show={created}
        filterFields={[
          ...(can('departments:view')
            ? [
                <Form.Item key="departmentId" name="departmentId" label={t('fields.department')}>
                  <DepartmentTreeSelect />
                </Form.Item>,
                <Form.Item
                  key="includeChildren"
                  name="includeChildren"
                  label={t('filters.scope')}
                  valuePropName="checked"
                >
                  <Checkbox>{t('filters.includeChildren')}</Checkbox>
                </Form.Item>,
              ]
            : []),
          <Form.Item key="status" name="status" label={t('fields.status')}>
            <Select
              allowClear
              placeholder={tc('list.any')}
              options={userStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            />
          </Form.Item>,
          ...(can('roles:view')
            ? [
                <Form.Item key="roleId" name="roleId" label={t('filters.role')}>
                  <RoleSelect placeholder={tc('list.any')} />
                </Form.Item>,
              ]
            : []),
        ]}
      />
      <UserDrawer
        target={drawer}
        onClose={() => setDrawer(null)}
        onResetPassword={setResetting}
        onDeparture={setLeaving}
        onCreated={(u) => setCreated({ id: u.id, search: u.username })}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <DepartureModal user={leaving} onClose={() => setLeaving(null)} />
    </>
  );
}
