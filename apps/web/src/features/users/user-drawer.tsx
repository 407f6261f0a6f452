import { KeyOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { CreateUser, UpdateUser, User } from '@guanxi/contract';
import { App, Button, Flex, Form, Skeleton, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldHistory } from '../../components/field-history.tsx';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan, useMe } from '../../lib/access.ts';
import { formatValue } from '../../lib/format.ts';
import { useDepartments } from '../departments/api.ts';
import { useRoles } from '../roles/api.ts';
import { SessionTable } from '../sessions/session-table.tsx';
import { useCreateUser, useUpdateUser, useUser, useUserHistory } from './api.ts';
import { UserFormFields, type UserFormValues, useUserFieldAccess } from './user-form.tsx';

type Props = {
  /** `new` to create, a user id to edit, null when closed. */
  target: string | null;
  onClose: () => void;
  onResetPassword: (user: User) => void;
  /** Opens 离职交接 for the user. */
  onDeparture: (user: User) => void;
  /** After a create, with the new user. */
  onCreated?: (user: User) => void;
};

const nullable = (v: string | null | undefined) =>
  v === undefined ? undefined : v?.trim() ? v.trim() : null;

function toCreate(v: UserFormValues): CreateUser {
  return {
    username: v.username.trim(),
    name: v.name.trim(),
    password: v.password ?? '',
    departmentId: v.departmentId,
    roleIds: v.roleIds ?? [],
    supervisorId: v.supervisorId ?? null,
    phone: nullable(v.phone),
    email: nullable(v.email),
    employeeCode: nullable(v.employeeCode),
    jobTitle: nullable(v.jobTitle),
  };
}

/** Only what changed, plus the version (optimistic locking). */
function toUpdate(v: UserFormValues, user: User, editable: (field: string) => boolean): UpdateUser {
  const out: UpdateUser = { version: user.version };
  if (v.name.trim() !== user.name) out.name = v.name.trim();
  if (v.departmentId !== user.departmentId) out.departmentId = v.departmentId;
  const roles = v.roleIds ?? [];
  if (roles.length !== user.roleIds.length || roles.some((r) => !user.roleIds.includes(r)))
    out.roleIds = roles;
  if ((v.supervisorId ?? null) !== user.supervisorId) out.supervisorId = v.supervisorId ?? null;
  if (nullable(v.jobTitle) !== (user.jobTitle ?? null)) out.jobTitle = nullable(v.jobTitle);
  if (v.status && v.status !== user.status) out.status = v.status;
  for (const field of ['phone', 'email', 'employeeCode'] as const) {
    if (!editable(field) || !(field in user)) continue;
    const next = nullable(v[field]);
    if (next !== undefined && next !== (user[field] ?? null)) out[field] = next;
  }
  return out;
}

/** Create or edit a user in a drawer; on edit also the field history and (admins) the sessions. */
export function UserDrawer({ target, onClose, onResetPassword, onDeparture, onCreated }: Props) {
  const { t } = useTranslation('users');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const meId = useMe().user.id;
  const [form] = Form.useForm<UserFormValues>();
  const isNew = target === 'new';
  const userId = target && !isNew ? target : undefined;
  const user = useUser(userId);
  const history = useUserHistory(userId);
  const departments = useDepartments(can('departments:view'));
  const roles = useRoles(can('roles:view'));
  const create = useCreateUser();
  const update = useUpdateUser();
  const access = useUserFieldAccess();
  const editable = (field: string) => access(field) === 'edit';

  const [tab, setTab] = useState('profile');

  useEffect(() => {
    if (!target) return;
    setTab('profile');
    form.resetFields();
    if (isNew) form.setFieldsValue({ roleIds: [] });
  }, [target, isNew, form]);

  useEffect(() => {
    const u = user.data;
    if (!u || !userId) return;
    form.setFieldsValue({
      username: u.username,
      name: u.name,
      departmentId: u.departmentId,
      roleIds: u.roleIds,
      supervisorId: u.supervisorId,
      phone: u.phone ?? null,
      email: u.email ?? null,
      employeeCode: u.employeeCode ?? null,
      jobTitle: u.jobTitle,
      status: u.status,
    });
  }, [user.data, userId, form]);

  const submit = async (values: UserFormValues) => {
    if (isNew) {
      const created = await create.mutateAsync(toCreate(values));
      message.success(t('form.created'));
      onCreated?.(created);
      onClose();
      return;
    }
    if (!user.data) return;
    await update.mutateAsync({ id: user.data.id, ...toUpdate(values, user.data, editable) });
    message.success(tc('status.saved'));
    onClose();
  };

  /** Status, department and roles by name rather than by code or id. */
  const historyValue = (field: string, value: unknown): string => {
    if (field === 'status' && typeof value === 'string') {
      return t(`status.${value}` as 'status.active', { defaultValue: value });
    }
    if (field === 'departmentId' && typeof value === 'string') {
      return departments.data?.find((d) => d.id === value)?.name ?? value;
    }
    if (field === 'roleIds' && Array.isArray(value)) {
      return value.map((id) => roles.data?.find((r) => r.id === id)?.name ?? String(id)).join(', ');
    }
    return formatValue(value, { yes: tc('history.yes'), no: tc('history.no') });
  };

  const title = isNew ? t('form.createTitle') : t('form.editTitle', { name: user.data?.name ?? '' });
  const canSave = isNew ? can('users:create') : can('users:edit');

  return (
    <FormDrawer<UserFormValues>
      open={!!target}
      onClose={onClose}
      title={title}
      width={720}
      name="user-form"
      form={form}
      editable={canSave}
      submitText={isNew ? tc('actions.create') : tc('actions.save')}
      onSubmit={submit}
      extra={
        !isNew && user.data && can('users:edit') ? (
          <Flex gap={8} wrap justify="flex-end">
            <Button
              icon={<KeyOutlined aria-hidden />}
              onClick={() => user.data && onResetPassword(user.data)}
            >
              {t('actions.resetPassword')}
            </Button>
            {user.data.status !== 'left' && user.data.id !== meId ? (
              <Button
                danger
                icon={<UserSwitchOutlined aria-hidden />}
                onClick={() => user.data && onDeparture(user.data)}
              >
                {t('actions.departure')}
              </Button>
            ) : null}
          </Flex>
        ) : null
      }
      body={(formPane) =>
        userId && user.isError ? (
          <QueryError error={user.error} onRetry={() => void user.refetch()} />
        ) : isNew ? (
          formPane
        ) : (
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'profile', label: t('tabs.profile'), children: formPane, forceRender: true },
              {
                key: 'history',
                label: t('tabs.history'),
                children: (
                  <FieldHistory
                    changes={history.data}
                    loading={history.isPending}
                    error={history.error}
                    onRetry={() => void history.refetch()}
                    fieldLabel={(f) => t(`fields.${f}` as 'fields.name', { defaultValue: f })}
                    valueLabel={historyValue}
                  />
                ),
              },
              ...(can('sessions:admin') && userId
                ? [{ key: 'sessions', label: t('tabs.sessions'), children: <SessionTable userId={userId} /> }]
                : []),
            ]}
          />
        )
      }
    >
      {userId && user.isPending ? (
        <Skeleton active />
      ) : (
        <UserFormFields user={isNew ? undefined : user.data} />
      )}
    </FormDrawer>
  );
}
