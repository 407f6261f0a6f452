import { App, Button, Card, Flex, Form, InputNumber, Select, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../lib/use-show-error.ts';
import { useBackupSettings, useSaveBackupSettings } from './api.ts';

type Values = { daily: boolean; hour: number; keepLast: number };

/** 定时备份: daily at an hour of the tenant's zone (or off), keeping the last N scheduled archives. */
export function ScheduleCard() {
  const { t } = useTranslation('backups');
  const { message } = App.useApp();
  const settings = useBackupSettings();
  const save = useSaveBackupSettings();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const daily = Form.useWatch('daily', form);

  useEffect(() => {
    if (settings.data)
      form.setFieldsValue({
        daily: settings.data.dailyHour != null,
        hour: settings.data.dailyHour ?? 2,
        keepLast: settings.data.keepLast,
      });
  }, [settings.data, form]);

  const submit = (v: Values) =>
    save.mutate(
      { dailyHour: v.daily ? v.hour : null, keepLast: v.keepLast },
      { onSuccess: () => message.success(t('schedule.saved')), onError: (e) => showError(e, form) },
    );

  return (
    <Card size="small" title={t('schedule.title')} loading={settings.isPending}>
      <Form<Values> form={form} layout="inline" onFinish={submit} style={{ rowGap: 8 }}>
        <Form.Item name="daily" label={t('schedule.daily')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {daily ? (
          <Form.Item name="hour" label={t('schedule.hour')}>
            <Select
              style={{ width: 100 }}
              options={Array.from({ length: 24 }, (_, h) => ({
                value: h,
                label: t('schedule.hourValue', { hour: h }),
              }))}
            />
          </Form.Item>
        ) : (
          <Flex align="center" style={{ marginInlineEnd: 16 }}>
            <Typography.Text type="secondary">{t('schedule.off')}</Typography.Text>
          </Flex>
        )}
        <Form.Item name="keepLast" label={t('schedule.keep')}>
          <InputNumber min={1} max={60} suffix={t('schedule.keepUnit')} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={save.isPending}>
            {t('schedule.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
