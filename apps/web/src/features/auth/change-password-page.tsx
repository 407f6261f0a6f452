import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { meQuery } from '../../lib/access.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { LAST_USERNAME_KEY, useChangePassword, useSignOut } from './api.ts';
import { AuthShell } from './auth-shell.tsx';
import { ChangePasswordFields, type ChangePasswordValues } from './change-password-fields.tsx';

function lastUsername(): string | undefined {
  try {
    return sessionStorage.getItem(LAST_USERNAME_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The only page a user with a pending password change may see. */
export function ChangePasswordPage() {
  const { t } = useTranslation('auth');
  useDocumentTitle(t('changePassword.title'));
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordValues>();
  const me = useQuery(meQuery);
  const username = me.data?.user.username ?? lastUsername();
  const change = useChangePassword();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const showError = useShowError();

  return (
    <AuthShell title={t('changePassword.title')}>
      <Alert type="warning" showIcon title={t('changePassword.required')} style={{ marginBottom: 16 }} />
      <Form<ChangePasswordValues>
        name="forced-password-change"
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) =>
          change.mutate(
            { currentPassword: values.currentPassword, newPassword: values.newPassword },
            {
              onSuccess: () => {
                message.success(t('changePassword.done'));
                void navigate('/', { replace: true });
              },
              onError: (e) => showError(e, form),
            },
          )
        }
      >
        <ChangePasswordFields username={username} />
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            {t('changePassword.submit')}
          </Button>
        </Form.Item>
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => void signOut()}>
          {t('changePassword.signOut')}
        </Button>
      </Form>
    </AuthShell>
  );
}
