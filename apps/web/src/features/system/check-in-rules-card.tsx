import './texts.ts';
import { type CheckInSettings, checkInLimits, checkInOutOfRangeModes } from '@guanxi/contract';
import { App, Button, Card, Col, Form, InputNumber, Radio, Row, Switch, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { enterConfirmsOnly } from '../../components/picker-keys.ts';
import { QueryState } from '../../components/query-error.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useCheckInSettings, useUpdateCheckInSettings } from './api.ts';

type Values = Omit<CheckInSettings, 'version' | 'workStart' | 'workEnd'> & {
  workStart: Dayjs;
  workEnd: Dayjs;
};

const HHMM = 'HH:mm';
const half = { xs: 24, sm: 12 };

/** 签到规则: what a field rep's check-in must meet, and when their track is recorded. */
export function CheckInRulesCard() {
  const { t } = useTranslation('system');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const showError = useShowError();
  // not the form rules' `required` (whitespace: it validates text, and these are numbers and times)
  const required = { required: true, message: tc('validation.required') };
  const settings = useCheckInSettings();
  const update = useUpdateCheckInSettings();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (settings.data) {
      const { version: _v, workStart, workEnd, ...rest } = settings.data;
      form.setFieldsValue({ ...rest, workStart: dayjs(workStart, HHMM), workEnd: dayjs(workEnd, HHMM) });
    }
  }, [settings.data, form]);

  const bounded = (name: keyof typeof checkInLimits, unit: string, step: number) => (
    <Col {...half}>
      <Form.Item
        name={name}
        label={t(`checkIn.fields.${name}`)}
        extra={t(`checkIn.help.${name}`)}
        rules={[required]}
      >
        <InputNumber
          min={checkInLimits[name].min}
          max={checkInLimits[name].max}
          precision={0}
          step={step}
          suffix={unit}
          style={{ width: '100%' }}
        />
      </Form.Item>
    </Col>
  );

  return (
    <Card
      variant="borderless"
      title={t('checkIn.title')}
      style={{ maxWidth: 760, marginTop: 16 }}
      styles={{ body: { padding: isPhone ? 12 : 24 }, header: isPhone ? { padding: '0 12px' } : undefined }}
    >
      <Typography.Paragraph type="secondary">{t('checkIn.intro')}</Typography.Paragraph>
      <QueryState query={settings}>
        {(data) => (
          <Form<Values>
            name="check-in-rules"
            form={form}
            layout="vertical"
            onFinish={(v) =>
              update.mutate(
                {
                  ...v,
                  version: data.version,
                  workStart: v.workStart.format(HHMM),
                  workEnd: v.workEnd.format(HHMM),
                },
                { onSuccess: () => message.success(tc('status.saved')), onError: (e) => showError(e, form) },
              )
            }
          >
            <Row gutter={16}>
              {bounded('radiusMeters', t('checkIn.units.meters'), 50)}
              <Col {...half}>
                <Form.Item
                  name="outOfRange"
                  label={t('checkIn.fields.outOfRange')}
                  extra={t('checkIn.help.outOfRange')}
                >
                  <Radio.Group
                    optionType="button"
                    options={checkInOutOfRangeModes.map((m) => ({
                      value: m,
                      label: t(`checkIn.outOfRange.${m}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              {bounded('accuracyLimitMeters', t('checkIn.units.meters'), 10)}
              <Col {...half}>
                <Form.Item
                  name="photoRequired"
                  label={t('checkIn.fields.photoRequired')}
                  extra={t('checkIn.help.photoRequired')}
                  valuePropName="checked"
                >
                  <Switch />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="workStart" label={t('checkIn.fields.workStart')} rules={[required]}>
                  <TimePicker
                    format={HHMM}
                    minuteStep={5}
                    allowClear={false}
                    style={{ width: '100%' }}
                    inputReadOnly={isPhone}
                    onKeyDown={enterConfirmsOnly}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item
                  name="workEnd"
                  label={t('checkIn.fields.workEnd')}
                  dependencies={['workStart']}
                  rules={[
                    required,
                    ({ getFieldValue }) => ({
                      validator: (_r, value: Dayjs | undefined) => {
                        const start = getFieldValue('workStart') as Dayjs | undefined;
                        return !value || !start || value.format(HHMM) > start.format(HHMM)
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('checkIn.workEndBeforeStart')));
                      },
                    }),
                  ]}
                >
                  <TimePicker
                    format={HHMM}
                    minuteStep={5}
                    allowClear={false}
                    style={{ width: '100%' }}
                    inputReadOnly={isPhone}
                    onKeyDown={enterConfirmsOnly}
                  />
                </Form.Item>
              </Col>
              {bounded('trackIntervalSeconds', t('checkIn.units.seconds'), 30)}
            </Row>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {tc('actions.save')}
            </Button>
          </Form>
        )}
      </QueryState>
    </Card>
  );
}
