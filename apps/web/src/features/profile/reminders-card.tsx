import './texts.ts';
import {
  type NotificationCategory,
  type NotificationEmailMode,
  notificationCategories,
  notificationEmailModes,
} from '@guanxi/contract';
import { Alert, App, Button, Checkbox, Col, Flex, Form, Radio, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-error.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useNotificationSettings, useUpdateNotificationSettings } from './api.ts';

type Values = { email: NotificationEmailMode; digestHour: number; categories: NotificationCategory[] };

const hours = Array.from({ length: 24 }, (_, h) => ({ value: h, label: `${String(h).padStart(2, '0')}:00` }));

/** 邮件提醒: how my reminders also reach me by e-mail — not at all, at once, or as a daily digest — and which kinds. */
export function RemindersCard() {
  const { t } = useTranslation('profile');
  const { message } = App.useApp();
  const settings = useNotificationSettings();
  const update = useUpdateNotificationSettings();
  const [form] = Form.useForm<Values>();
  const { saving, submit } = useFormSubmit(form);
  const mode = Form.useWatch('email', form);

  const save = async (v: Values) => {
    await update.mutateAsync({
      email: v.email,
      digestHour: v.digestHour,
      categories: Object.fromEntries(notificationCategories.map((c) => [c, v.categories.includes(c)])),
      version: settings.data!.version,
    });
    message.success(t('reminders.saved'));
  };

  return (
    <QueryState query={settings}>
      {(data) => (
        <Form<Values>
          form={form}
          name="reminder-settings"
          layout="vertical"
          style={{ maxWidth: 720 }}
          initialValues={{
            email: data.email,
            digestHour: data.digestHour,
            categories: notificationCategories.filter((c) => data.categories[c]),
          }}
          onFinish={(v) => void submit('save', save, v)}
        >
          <Typography.Paragraph type="secondary">{t('reminders.intro')}</Typography.Paragraph>
          {!data.emailAddress || !data.smtpConfigured ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message={!data.emailAddress ? t('reminders.noAddress') : t('reminders.noSmtp')}
            />
          ) : (
            <Typography.Paragraph>
              {t('reminders.sendTo', { address: data.emailAddress })}
              {data.lastDigestAt ? (
                <Typography.Text type="secondary">
                  {' '}
                  {t('reminders.lastDigest', { at: formatDateTime(data.lastDigestAt) })}
                </Typography.Text>
              ) : null}
            </Typography.Paragraph>
          )}
          <Form.Item name="email" label={t('reminders.mode')}>
            <Radio.Group
              optionType="button"
              options={notificationEmailModes.map((m) => ({ value: m, label: t(`reminders.modes.${m}`) }))}
            />
          </Form.Item>
          {mode === 'instant' ? (
            <Typography.Paragraph type="secondary">{t('reminders.instantHelp')}</Typography.Paragraph>
          ) : null}
          {/* hidden, not removed: what is chosen stays for when the mode comes back */}
          <Form.Item
            name="digestHour"
            label={t('reminders.digestHour')}
            extra={t('reminders.digestHelp')}
            hidden={mode !== 'digest'}
          >
            <Select options={hours} showSearch={{ optionFilterProp: 'label' }} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="categories" label={t('reminders.categories')} hidden={mode === 'off'}>
            <Checkbox.Group style={{ width: '100%' }}>
              <Row gutter={[8, 8]}>
                {notificationCategories.map((c) => (
                  <Col key={c} xs={12} md={8}>
                    <Checkbox value={c}>{t(`reminders.category.${c}`)}</Checkbox>
                  </Col>
                ))}
              </Row>
            </Checkbox.Group>
          </Form.Item>
          <Flex>
            <Button type="primary" htmlType="submit" loading={saving === 'save'}>
              {t('reminders.save')}
            </Button>
          </Flex>
        </Form>
      )}
    </QueryState>
  );
}
