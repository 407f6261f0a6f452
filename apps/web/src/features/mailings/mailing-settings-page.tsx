import './texts.ts';
import { mailingLimits, type UpdateMailingSettings } from '@guanxi/contract';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormRules } from '../../components/form-rules.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-error.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { useMailingSettings, useUpdateMailingSettings } from './api.ts';

type Values = {
  smtpHost?: string;
  smtpPort?: number | null;
  smtpSecure: boolean;
  smtpUser?: string;
  smtpPassword?: string;
  clearPassword?: boolean;
  fromAddress?: string;
  fromName?: string;
  smsUrl?: string;
  smsSecret?: string;
  smsTemplate?: string;
  perMinute: number;
  linkBaseUrl?: string;
};

const orNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** 群发设置: the tenant's SMTP server and SMS provider (secrets sealed, never shown), throttle and link site. */
export function MailingSettingsPage() {
  const { t } = useTranslation('mailings');
  const rules = useFormRules();
  const { message } = App.useApp();
  const settings = useMailingSettings();
  const update = useUpdateMailingSettings();
  const [form] = Form.useForm<Values>();
  const { saving, submit } = useFormSubmit(form);
  const s = settings.data;

  const save = async (v: Values) => {
    const input: UpdateMailingSettings = {
      version: s!.version,
      smtpHost: orNull(v.smtpHost),
      smtpPort: v.smtpPort ?? null,
      smtpSecure: v.smtpSecure,
      smtpUser: orNull(v.smtpUser),
      fromAddress: orNull(v.fromAddress),
      fromName: orNull(v.fromName),
      smsUrl: orNull(v.smsUrl),
      smsTemplate: orNull(v.smsTemplate),
      perMinute: v.perMinute,
      linkBaseUrl: orNull(v.linkBaseUrl),
      // an empty secret field keeps the stored one
      ...(v.clearPassword ? { smtpPassword: null } : v.smtpPassword ? { smtpPassword: v.smtpPassword } : {}),
      ...(v.smsSecret ? { smsSecret: v.smsSecret } : {}),
    };
    await update.mutateAsync(input);
    form.setFieldsValue({ smtpPassword: '', smsSecret: '', clearPassword: false });
    message.success(t('settings.saved'));
  };

  return (
    <>
      <PageHeader title={t('settings.title')} />
      <QueryState query={settings}>
        {(data) => (
          <Form<Values>
            form={form}
            name="mailing-settings"
            layout="vertical"
            style={{ maxWidth: 720 }}
            initialValues={{
              smtpHost: data.smtpHost ?? '',
              smtpPort: data.smtpPort,
              smtpSecure: data.smtpSecure,
              smtpUser: data.smtpUser ?? '',
              fromAddress: data.fromAddress ?? '',
              fromName: data.fromName ?? '',
              smsUrl: data.smsUrl ?? '',
              smsTemplate: data.smsTemplate ?? '',
              perMinute: data.perMinute,
              linkBaseUrl: data.linkBaseUrl ?? '',
            }}
            onFinish={(v) => void submit('save', save, v)}
          >
            <Flex vertical gap={16}>
              <Alert type="info" showIcon message={t('settings.sealedNote')} />
              <Card title={t('settings.smtp')} size="small">
                <Flex gap={12} wrap>
                  <Form.Item name="smtpHost" label={t('settings.host')} style={{ flex: '1 1 260px' }}>
                    <Input placeholder="smtp.example.com" />
                  </Form.Item>
                  <Form.Item name="smtpPort" label={t('settings.port')} style={{ width: 120 }}>
                    <InputNumber min={1} max={65535} style={{ width: '100%' }} placeholder="587" />
                  </Form.Item>
                </Flex>
                <Form.Item name="smtpSecure" label={t('settings.secure')} valuePropName="checked">
                  <Switch />
                </Form.Item>
                <Flex gap={12} wrap>
                  <Form.Item name="smtpUser" label={t('settings.user')} style={{ flex: '1 1 240px' }}>
                    <Input autoComplete="off" />
                  </Form.Item>
                  <Form.Item
                    name="smtpPassword"
                    label={t('settings.password')}
                    style={{ flex: '1 1 240px' }}
                    extra={data.smtpPasswordSet ? t('settings.passwordKept') : undefined}
                  >
                    <Input.Password autoComplete="new-password" />
                  </Form.Item>
                </Flex>
                {data.smtpPasswordSet ? (
                  <Form.Item name="clearPassword" valuePropName="checked">
                    <Checkbox>{t('settings.passwordClear')}</Checkbox>
                  </Form.Item>
                ) : null}
                <Flex gap={12} wrap>
                  <Form.Item
                    name="fromAddress"
                    label={t('settings.fromAddress')}
                    style={{ flex: '1 1 240px' }}
                    rules={[{ type: 'email' }]}
                  >
                    <Input placeholder="news@example.com" />
                  </Form.Item>
                  <Form.Item name="fromName" label={t('settings.fromName')} style={{ flex: '1 1 240px' }}>
                    <Input />
                  </Form.Item>
                </Flex>
              </Card>
              <Card title={t('settings.sms')} size="small">
                <Form.Item name="smsUrl" label={t('settings.smsUrl')} rules={[{ type: 'url' }]}>
                  <Input placeholder="https://sms.example.com/send" />
                </Form.Item>
                <Flex gap={12} wrap>
                  <Form.Item
                    name="smsSecret"
                    label={t('settings.smsSecret')}
                    style={{ flex: '1 1 240px' }}
                    extra={data.smsSecretSet ? t('settings.smsSecretKept') : undefined}
                  >
                    <Input.Password autoComplete="new-password" />
                  </Form.Item>
                  <Form.Item
                    name="smsTemplate"
                    label={t('settings.smsTemplate')}
                    style={{ flex: '1 1 200px' }}
                  >
                    <Input />
                  </Form.Item>
                </Flex>
              </Card>
              <Card title={t('settings.sending')} size="small">
                <Form.Item name="perMinute" label={t('settings.perMinute')} rules={[rules.required()]}>
                  <InputNumber
                    min={mailingLimits.perMinute.min}
                    max={mailingLimits.perMinute.max}
                    style={{ width: 160 }}
                  />
                </Form.Item>
                <Form.Item
                  name="linkBaseUrl"
                  label={t('settings.linkBaseUrl')}
                  extra={t('settings.linkBaseHint')}
                  rules={[{ type: 'url' }]}
                >
                  <Input placeholder="https://crm.example.com" />
                </Form.Item>
              </Card>
              <div>
                <Button type="primary" htmlType="submit" loading={saving !== null}>
                  {t('actions.save', { ns: 'common' })}
                </Button>
              </div>
            </Flex>
          </Form>
        )}
      </QueryState>
    </>
  );
}
