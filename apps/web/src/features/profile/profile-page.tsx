import './texts.ts';
import { Alert, App, Button, Card, Descriptions, Form, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { useMe } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useChangePassword } from '../auth/api.ts';
import { ChangePasswordFields, type ChangePasswordValues } from '../auth/change-password-fields.tsx';
import { UserStatusTag } from '../users/user-status-tag.tsx';
import { ApiTokensCard } from './api-tokens-card.tsx';
import { RemindersCard } from './reminders-card.tsx';
import { SessionsCard } from './sessions-card.tsx';
import { TotpCard } from './totp-card.tsx';

const tabs = ['basic', 'password', 'security', 'reminders', 'sessions', 'tokens'] as const;
type Tab = (typeof tabs)[number];

function PasswordPane() {
  const { t } = useTranslation('profile');
  const { t: ta } = useTranslation('auth');
  const { message } = App.useApp();
  const me = useMe();
  const showError = useShowError();
  const change = useChangePassword();
  const [form] = Form.useForm<ChangePasswordValues>();
  return (
    <Form<ChangePasswordValues>
      name="password-change"
      form={form}
      layout="vertical"
      style={{ maxWidth: 420 }}
      onFinish={(v) =>
        change.mutate(
          { currentPassword: v.currentPassword, newPassword: v.newPassword },
          {
            onSuccess: () => {
              message.success(ta('changePassword.done'));
              form.resetFields();
            },
            onError: (e) => showError(e, form),
          },
        )
      }
    >
      <ChangePasswordFields username={me.user.username} />
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}

function BasicPane() {
  const { t } = useTranslation('profile');
  const { t: tu } = useTranslation('users');
  const me = useMe();
  const u = me.user;
  const dash = '—';
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'name', label: tu('fields.name'), children: u.name },
        { key: 'username', label: tu('fields.username'), children: u.username },
        { key: 'tenant', label: t('basic.tenant'), children: me.tenant.name },
        { key: 'department', label: tu('fields.department'), children: u.departmentName },
        { key: 'jobTitle', label: tu('fields.jobTitle'), children: u.jobTitle || dash },
        { key: 'supervisor', label: tu('fields.supervisor'), children: u.supervisorName || dash },
        ...(u.employeeCode !== undefined
          ? [{ key: 'employeeCode', label: tu('fields.employeeCode'), children: u.employeeCode || dash }]
          : []),
        ...(u.phone !== undefined
          ? [{ key: 'phone', label: tu('fields.phone'), children: u.phone || dash }]
          : []),
        ...(u.email !== undefined
          ? [{ key: 'email', label: tu('fields.email'), children: u.email || dash }]
          : []),
        {
          key: 'roles',
          label: tu('fields.roles'),
          children: u.roleNames.length ? u.roleNames.map((r) => <Tag key={r}>{r}</Tag>) : dash,
        },
        { key: 'status', label: tu('fields.status'), children: <UserStatusTag status={u.status} /> },
        {
          key: 'lastLogin',
          label: tu('fields.lastLoginAt'),
          children: u.lastLoginAt ? formatDateTime(u.lastLoginAt) : dash,
        },
      ]}
    />
  );
}

/** My profile: basics, password, two-factor authentication, e-mail reminders, sessions and API tokens. */
export function ProfilePage() {
  const { t } = useTranslation('profile');
  const me = useMe();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const active: Tab = tabs.includes(requested as Tab) ? (requested as Tab) : 'basic';

  if (me.totpEnrolmentRequired) {
    return (
      <>
        <PageHeader title={t('totp.enrolTitle')} />
        <Alert type="warning" showIcon title={t('totp.enrolRequired')} style={{ marginBottom: 16 }} />
        <Card variant="borderless">
          <TotpCard onEnrolled={() => void navigate('/', { replace: true })} />
        </Card>
      </>
    );
  }

  const open = (key: string) => setParams({ tab: key }, { replace: true });
  const items = [
    { key: 'basic', label: t('tabs.basic'), children: <BasicPane /> },
    { key: 'password', label: t('tabs.password'), children: <PasswordPane /> },
    { key: 'security', label: t('tabs.security'), children: <TotpCard /> },
    { key: 'reminders', label: t('tabs.reminders'), children: <RemindersCard /> },
    { key: 'sessions', label: t('tabs.sessions'), children: <SessionsCard /> },
    { key: 'tokens', label: t('tabs.tokens'), children: <ApiTokensCard /> },
  ];
  return (
    <>
      <PageHeader title={t('title')} />
      <Card variant="borderless" styles={{ body: { padding: isPhone ? '12px' : '4px 24px 24px' } }}>
        <Tabs
          activeKey={active}
          onChange={open}
          items={items}
          // six tabs overflow a phone's tab bar (the last ones hide behind its edge): there they
          // are a grid of three a row, every one in sight
          renderTabBar={
            isPhone
              ? () => (
                  <div
                    role="tablist"
                    aria-label={t('title')}
                    style={{
                      display: 'grid',
                      gridTemplateColumns: 'repeat(3, 1fr)',
                      gap: 8,
                      marginBottom: 16,
                    }}
                  >
                    {items.map((i) => (
                      <Button
                        key={i.key}
                        role="tab"
                        aria-selected={i.key === active}
                        type={i.key === active ? 'primary' : 'default'}
                        onClick={() => open(i.key)}
                      >
                        {i.label}
                      </Button>
                    ))}
                  </div>
                )
              : undefined
          }
        />
      </Card>
    </>
  );
}
