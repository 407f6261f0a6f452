import './texts.ts';
import { CheckCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, QRCode, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { useMe } from '../../lib/access.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useTotpConfirm, useTotpDisable, useTotpSetup } from './api.ts';

/** Two-factor authentication: set up with a QR code and a first code, or turn off with the password. */
export function TotpCard({ onEnrolled }: { onEnrolled?: () => void }) {
  const { t } = useTranslation('profile');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const showError = useShowError();
  const rules = useFormRules();
  const setup = useTotpSetup();
  const confirm = useTotpConfirm();
  const disable = useTotpDisable();
  const [confirmForm] = Form.useForm<{ code: string }>();
  const [disableOpen, setDisableOpen] = useState(false);
  const enabled = me.user.totpEnabled;

  if (enabled) {
    return (
      <Flex vertical gap={16} align="flex-start">
        <Space>
          <CheckCircleFilled aria-hidden style={{ color: '#52c41a', fontSize: 18 }} />
          <Typography.Text strong>{t('totp.enabled')}</Typography.Text>
          <Tag color="success">{t('totp.on')}</Tag>
        </Space>
        <Typography.Text type="secondary">{t('totp.enabledHelp')}</Typography.Text>
        <Button danger onClick={() => setDisableOpen(true)}>
          {t('totp.disable')}
        </Button>
        <FormModal<{ password: string }>
          open={disableOpen}
          title={t('totp.disableTitle')}
          okText={t('totp.disable')}
          danger
          name="totp-disable"
          width={440}
          intro={<Typography.Paragraph type="secondary">{t('totp.disableHelp')}</Typography.Paragraph>}
          onCancel={() => setDisableOpen(false)}
          onSubmit={async (v) => {
            await disable.mutateAsync(v.password);
            message.success(t('totp.disabled'));
            setDisableOpen(false);
          }}
        >
          <Form.Item name="password" label={t('totp.password')} rules={[rules.required()]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        </FormModal>
      </Flex>
    );
  }

  if (!setup.data) {
    return (
      <Flex vertical gap={16} align="flex-start">
        <Space>
          <SafetyCertificateOutlined aria-hidden style={{ fontSize: 18 }} />
          <Typography.Text strong>{t('totp.disabledStatus')}</Typography.Text>
          <Tag>{t('totp.off')}</Tag>
        </Space>
        <Typography.Text type="secondary">{t('totp.intro')}</Typography.Text>
        <Button
          type="primary"
          loading={setup.isPending}
          onClick={() => setup.mutate(undefined, { onError: (e) => showError(e) })}
        >
          {t('totp.enable')}
        </Button>
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16}>
      <Steps
        orientation="vertical"
        size="small"
        current={1}
        items={[
          {
            title: t('totp.step1'),
            content: (
              <Flex gap={16} wrap align="flex-start" style={{ marginTop: 8 }}>
                <QRCode
                  value={setup.data.otpauthUrl}
                  size={168}
                  bordered
                  role="img"
                  aria-label={t('totp.qr')}
                />
                <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 200px' }}>
                  <Typography.Text type="secondary">{t('totp.secretHelp')}</Typography.Text>
                  <Typography.Text
                    code
                    copyable={{ text: setup.data.secret }}
                    style={{ wordBreak: 'break-all' }}
                  >
                    {setup.data.secret}
                  </Typography.Text>
                </Flex>
              </Flex>
            ),
          },
          {
            title: t('totp.step2'),
            content: (
              <Form
                name="totp-confirm"
                form={confirmForm}
                layout="vertical"
                style={{ marginTop: 8, maxWidth: 320 }}
                onFinish={(v) =>
                  confirm.mutate(v.code.trim(), {
                    onSuccess: () => {
                      message.success(t('totp.confirmed'));
                      setup.reset();
                      confirmForm.resetFields();
                      onEnrolled?.();
                    },
                    onError: (e) => showError(e, confirmForm),
                  })
                }
              >
                <Form.Item
                  name="code"
                  label={t('totp.code')}
                  rules={[
                    { required: true, message: tc('validation.required') },
                    { pattern: /^[0-9]{6}$/, message: t('totp.codeFormat') },
                  ]}
                >
                  <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
                </Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" loading={confirm.isPending}>
                    {t('totp.confirm')}
                  </Button>
                  <Button onClick={() => setup.reset()}>{tc('actions.cancel')}</Button>
                </Space>
              </Form>
            ),
          },
        ]}
      />
      <Alert type="info" showIcon title={t('totp.appHint')} />
    </Flex>
  );
}
