import type { User } from '@guanxi/contract';
import { Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ListColumn } from '../../components/list-page/types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { UserStatusTag } from './user-status-tag.tsx';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

function text(value: string | null | undefined) {
  return value ? value : dash;
}

/** The user list's columns; fields hidden by field permissions are absent and show a dash. */
export function userColumns(t: TFunction<'users'>): ListColumn<User>[] {
  return [
    { key: 'username', title: t('fields.username'), sortable: true, render: (u) => u.username },
    {
      key: 'name',
      title: t('fields.name'),
      sortable: true,
      alwaysVisible: true,
      render: (u) => <strong>{u.name}</strong>,
    },
    {
      key: 'employeeCode',
      title: t('fields.employeeCode'),
      sortable: true,
      render: (u) => text(u.employeeCode),
    },
    { key: 'departmentName', title: t('fields.department'), sortable: true, render: (u) => u.departmentName },
    { key: 'supervisorName', title: t('fields.supervisor'), render: (u) => text(u.supervisorName) },
    { key: 'jobTitle', title: t('fields.jobTitle'), sortable: true, render: (u) => text(u.jobTitle) },
    {
      key: 'roleNames',
      title: t('fields.roles'),
      render: (u) => (u.roleNames.length ? u.roleNames.map((r) => <Tag key={r}>{r}</Tag>) : dash),
    },
    { key: 'phone', title: t('fields.phone'), render: (u) => text(u.phone) },
    { key: 'email', title: t('fields.email'), defaultHidden: true, render: (u) => text(u.email) },
    {
      key: 'status',
      title: t('fields.status'),
      sortable: true,
      render: (u) => <UserStatusTag status={u.status} />,
    },
    {
      key: 'lastLoginAt',
      title: t('fields.lastLoginAt'),
      sortable: true,
      render: (u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : dash),
    },
  ];
}
