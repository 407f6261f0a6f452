import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePasswordField } from './password-rules.ts';

export type ChangePasswordValues = { currentPassword: string; newPassword: string; confirmPassword: string };

/** Current / new / confirm fields with the password policy; used by the forced page and the profile. */
export function ChangePasswordFields({ username }: { username?: string }) {
  const { t } = useTranslation('auth');
  const { t: tc } = useTranslation();
  const password = usePasswordField(username);
  return (
    <>
      <Form.Item
        name="currentPassword"
        label={t('changePassword.current')}
        rules={[{ required: true, message: t('changePassword.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('changePassword.new')}
        extra={password.help}
        rules={password.rules}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('changePassword.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('changePassword.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_rule, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(tc('validation.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
