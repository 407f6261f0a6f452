import './texts.ts';
import { passwordClasses, type SecuritySettings, securityLimits } from '@guanxi/contract';
import { App, Button, Card, Checkbox, Col, Form, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-error.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useSecuritySettings, useUpdateSecuritySettings } from './security-api.ts';

type Values = Omit<SecuritySettings, 'version' | 'defaults' | 'roles'>;
type Bounded = keyof typeof securityLimits;

const half = { xs: 24, sm: 12 };

/** 系统设置 → 安全: password policy, lockout, session length and the roles that require TOTP. */
export function SecuritySettingsPage() {
  const { t } = useTranslation('system');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const showError = useShowError();
  const settings = useSecuritySettings();
  const update = useUpdateSecuritySettings();
  const [form] = Form.useForm<Values>();
  const required = { required: true, message: tc('validation.required') };

  // also after a 409: the settings are read again and the form shows what was saved first
  useEffect(() => {
    if (settings.data) {
      const { version: _v, defaults: _d, roles: _r, ...values } = settings.data;
      form.setFieldsValue(values);
    }
  }, [settings.data, form]);

  const card = (key: 'password' | 'lockout' | 'session' | 'totp', children: ReactNode) => (
    <Card
      variant="borderless"
      title={t(`security.sections.${key}`)}
      style={{ maxWidth: 760, marginBottom: 16 }}
      styles={{ body: { padding: isPhone ? 12 : 24 }, header: isPhone ? { padding: '0 12px' } : undefined }}
    >
      <Row gutter={16}>{children}</Row>
    </Card>
  );

  const bounded = (name: Bounded, unit: string, defaults?: SecuritySettings['defaults']) => (
    <Col {...half}>
      <Form.Item
        name={name}
        label={t(`security.fields.${name}`)}
        extra={
          defaults && name in defaults
            ? t('security.serverDefault', { value: defaults[name as keyof typeof defaults], unit })
            : undefined
        }
        rules={[required]}
      >
        <InputNumber
          min={securityLimits[name].min}
          max={securityLimits[name].max}
          precision={0}
          suffix={unit}
          style={{ width: '100%' }}
        />
      </Form.Item>
    </Col>
  );

  return (
    <>
      <PageHeader title={t('security.title')} subTitle={t('security.intro')} />
      <QueryState query={settings}>
        {(data) => (
          <Form<Values>
            name="security-settings"
            form={form}
            layout="vertical"
            onFinish={(v) =>
              update.mutate(
                { ...v, version: data.version },
                { onSuccess: () => message.success(tc('status.saved')), onError: (e) => showError(e, form) },
              )
            }
          >
            {card(
              'password',
              <>
                {bounded('passwordMinLength', t('security.units.characters'))}
                <Col {...half}>
                  <Form.Item
                    name="passwordForbidUsername"
                    label={t('security.fields.passwordForbidUsername')}
                    valuePropName="checked"
                  >
                    <Switch />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item
                    name="passwordClasses"
                    label={t('security.fields.passwordClasses')}
                    extra={t('security.help.passwordClasses')}
                  >
                    <Checkbox.Group
                      options={passwordClasses.map((c) => ({ value: c, label: t(`security.classes.${c}`) }))}
                    />
                  </Form.Item>
                </Col>
              </>,
            )}
            {card(
              'lockout',
              <>
                {bounded('lockoutAttempts', t('security.units.times'), data.defaults)}
                {bounded('lockoutMinutes', t('security.units.minutes'), data.defaults)}
              </>,
            )}
            {card(
              'session',
              <>
                {bounded('sessionHours', t('security.units.hours'), data.defaults)}
                <Col {...half}>
                  <Typography.Paragraph type="secondary" style={{ marginTop: isPhone ? 0 : 30 }}>
                    {t('security.help.sessionHours')}
                  </Typography.Paragraph>
                </Col>
              </>,
            )}
            {card(
              'totp',
              <Col span={24}>
                <Form.Item
                  name="totpRoleIds"
                  label={t('security.fields.totpRoleIds')}
                  extra={t('security.help.totpRoleIds')}
                >
                  <Select
                    mode="multiple"
                    allowClear
                    optionFilterProp="label"
                    options={data.roles.map((r) => ({ value: r.id, label: r.name }))}
                    placeholder={t('security.noTotpRoles')}
                  />
                </Form.Item>
              </Col>,
            )}
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {tc('actions.save')}
            </Button>
          </Form>
        )}
      </QueryState>
    </>
  );
}
