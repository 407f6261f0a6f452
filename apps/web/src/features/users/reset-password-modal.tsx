import type { User } from '@guanxi/contract';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { passwordRules } from '../auth/password-rules.ts';
import { useResetPassword } from './api.ts';

/** Sets a new password; the user must change it at the next sign-in. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation('users');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const showError = useShowError();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const reset = useResetPassword();
  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);
  return (
    <Modal
      open={!!user}
      title={t('resetPassword.title', { name: user?.name ?? '' })}
      okText={t('resetPassword.submit')}
      cancelText={tc('actions.cancel')}
      confirmLoading={reset.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      forceRender
      width={isPhone ? '100%' : 480}
    >
      <Alert type="info" showIcon title={t('resetPassword.hint')} style={{ margin: '12px 0 16px' }} />
      <Form
        name="reset-password"
        form={form}
        layout="vertical"
        onFinish={(values) => {
          if (!user) return;
          reset.mutate(
            { id: user.id, version: user.version, password: values.password },
            {
              onSuccess: () => {
                message.success(t('resetPassword.done'));
                onClose();
              },
              onError: (e) => showError(e, form),
            },
          );
        }}
      >
        <Form.Item
          name="password"
          label={t('resetPassword.password')}
          rules={passwordRules(tc, user?.username)}
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
      </Form>
    </Modal>
  );
}
