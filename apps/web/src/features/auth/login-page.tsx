import { LockOutlined, SafetyOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, isApiError } from '../../lib/api.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useLogin } from './api.ts';
import { AuthShell } from './auth-shell.tsx';
import { safeRedirect } from './safe-redirect.ts';

type Values = { username: string; password: string; tenant?: string; totp?: string };

export function LoginPage() {
  const { t } = useTranslation('auth');
  useDocumentTitle(t('login.title'));
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const [error, setError] = useState<ApiError | null>(null);
  const [totpRequired, setTotpRequired] = useState(false);
  const [showTenant, setShowTenant] = useState(false);
  const totpRef = useRef<{ focus: () => void } | null>(null);

  const onFinish = (values: Values) => {
    setError(null);
    login.mutate(
      {
        username: values.username.trim(),
        password: values.password,
        tenant: values.tenant?.trim() || undefined,
        totp: totpRequired && values.totp ? values.totp.trim() : undefined,
      },
      {
        onSuccess: () => void navigate(safeRedirect(params.get('redirect')), { replace: true }),
        onError: (e) => {
          if (isApiError(e, 'TOTP_REQUIRED')) {
            setTotpRequired(true);
            setTimeout(() => totpRef.current?.focus(), 50);
            return;
          }
          if (isApiError(e, 'TOTP_INVALID')) form.setFieldValue('totp', '');
          setError(e instanceof ApiError ? e : null);
        },
      },
    );
  };

  return (
    <AuthShell title={t('login.title')} subTitle={t('login.subtitle')}>
      {error ? (
        <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} role="alert" />
      ) : null}
      {totpRequired && !error ? (
        <Alert type="info" showIcon title={t('login.totpPrompt')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Values>
        name="login"
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        size="large"
      >
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input
            prefix={<UserOutlined aria-hidden />}
            autoComplete="username"
            placeholder={t('login.usernamePlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
        </Form.Item>
        {totpRequired ? (
          <Form.Item
            name="totp"
            label={t('login.totp')}
            rules={[
              { required: true, message: t('login.totpRequired') },
              { pattern: /^[0-9]{6}$/, message: t('login.totpFormat') },
            ]}
          >
            <Input
              ref={(el) => {
                totpRef.current = el;
              }}
              prefix={<SafetyOutlined aria-hidden />}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
            />
          </Form.Item>
        ) : null}
        {showTenant ? (
          <Form.Item name="tenant" label={t('login.tenant')} extra={t('login.tenantHelp')}>
            <Input prefix={<ShopOutlined aria-hidden />} autoComplete="organization" />
          </Form.Item>
        ) : null}
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form.Item>
        {showTenant ? null : (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setShowTenant(true)}>
            {t('login.otherTenant')}
          </Button>
        )}
      </Form>
    </AuthShell>
  );
}
