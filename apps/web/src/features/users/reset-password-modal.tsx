import type { User } from '@guanxi/contract';
import { Alert, App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { usePasswordField } from '../auth/password-rules.ts';
import { useResetPassword } from './api.ts';

type Values = { password: string; confirm: string };

/** Sets a new password; the user must change it at the next sign-in. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation('users');
  const { t: tc } = useTranslation();
  const password = usePasswordField(user?.username);
  const { message } = App.useApp();
  const reset = useResetPassword();
  return (
    <FormModal<Values>
      open={!!user}
      title={t('resetPassword.title', { name: user?.name ?? '' })}
      okText={t('resetPassword.submit')}
      name="reset-password"
      width={480}
      intro={<Alert type="info" showIcon title={t('resetPassword.hint')} style={{ margin: '12px 0 16px' }} />}
      onCancel={onClose}
      onSubmit={async (values) => {
        if (!user) return;
        await reset.mutateAsync({ id: user.id, version: user.version, password: values.password });
        message.success(t('resetPassword.done'));
        onClose();
      }}
    >
      <Form.Item
        name="password"
        label={t('resetPassword.password')}
        extra={password.help}
        rules={password.rules}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('resetPassword.confirm')}
        dependencies={['password']}
        rules={[
          { required: true, message: tc('validation.required') },
          ({ getFieldValue }) => ({
            validator: (_r, value: string | undefined) =>
              !value || value === getFieldValue('password')
                ? Promise.resolve()
                : Promise.reject(new Error(tc('validation.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
