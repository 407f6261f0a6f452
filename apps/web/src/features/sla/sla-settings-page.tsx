import './texts.ts';
import {
  type SlaPreviewRequest,
  type SlaSettings,
  slaLimits,
  type UpdateSlaSettings,
} from '@guanxi/contract';
import { App, Button, Card, Checkbox, DatePicker, Flex, Form, TimePicker, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-error.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { useSlaPreview, useSlaSettings, useUpdateSlaSettings } from './api.ts';

import {
  CLOCK,
  calendarOf,
  DATE,
  initialValues,
  type Values,
  validMinutes,
  weekDays,
} from './sla-form-values.ts';
import { TargetsTable } from './targets-table.tsx';

function SlaForm({ settings }: { settings: SlaSettings }) {
  const { t } = useTranslation('sla');
  const { message } = App.useApp();
  const update = useUpdateSlaSettings();
  const [form] = Form.useForm<Values>();
  const { saving, submit } = useFormSubmit(form);
  const initial = useMemo(() => initialValues(settings), [settings]);
  const watched = Form.useWatch([], form) as Partial<Values> | undefined;
  const allDay = Form.useWatch('allDay', form);

  // what to preview: the calendar as edited and the rows with valid durations (the others show —)
  const request = useMemo((): { input: SlaPreviewRequest; rows: (number | null)[] } | null => {
    const calendar = calendarOf(watched ?? initial);
    const rows = (watched?.targets ?? initial.targets).slice(0, 200);
    if (!calendar) return null;
    const asked: { responseMinutes: number; resolutionMinutes: number }[] = [];
    const index = rows.map((r) => {
      if (
        !r ||
        !validMinutes(r.responseMinutes) ||
        !validMinutes(r.resolutionMinutes) ||
        asked.length >= slaLimits.preview
      )
        return null;
      asked.push({
        responseMinutes: r.responseMinutes,
        resolutionMinutes: Math.max(r.resolutionMinutes, r.responseMinutes),
      });
      return asked.length - 1;
    });
    return asked.length ? { input: { calendar, targets: asked }, rows: index } : null;
  }, [watched, initial]);
  // debounced by content: a render with the same values does not restart the wait
  const debouncedKey = useDebouncedValue(JSON.stringify(request), 400);
  const debounced = useMemo(
    () => JSON.parse(debouncedKey) as { input: SlaPreviewRequest; rows: (number | null)[] } | null,
    [debouncedKey],
  );
  const preview = useSlaPreview(debounced?.input ?? null);
  const dues = (debounced?.rows ?? []).map((i) => (i == null ? null : (preview.data?.due[i] ?? null)));

  const save = async () => {
    // the whole store: a default row's priority and type are shown, not fields of the form
    const v = form.getFieldsValue(true) as Values;
    const calendar = calendarOf(v);
    if (!calendar) return;
    const input: UpdateSlaSettings = {
      version: settings.version,
      targets: v.targets.map((r) => ({
        priority: r.priority,
        typeId: r.fixed ? null : r.typeId,
        responseMinutes: r.responseMinutes ?? 0,
        resolutionMinutes: r.resolutionMinutes ?? 0,
      })),
      calendar,
    };
    await update.mutateAsync(input);
    message.success(t('saved'));
  };

  return (
    <Form<Values>
      form={form}
      name="sla-settings"
      layout="vertical"
      initialValues={initial}
      // the saved settings come back with a new version: the form shows them as saved
      key={`${settings.version}`}
      onFinish={(v) => void submit('save', save, v)}
    >
      <Flex vertical gap={16}>
        <Card title={t('targets.title')} size="small">
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('targets.hint')}
          </Typography.Paragraph>
          <TargetsTable form={form} preview={dues} timeZone={settings.calendar.timeZone} />
        </Card>
        <Card title={t('calendar.title')} size="small" style={{ maxWidth: 900 }}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('calendar.timeZone', { zone: settings.calendar.timeZone })}
          </Typography.Paragraph>
          <Form.Item
            name="workDays"
            label={t('calendar.workDays')}
            rules={[{ required: true, type: 'array', min: 1, message: t('calendar.workDaysRequired') }]}
          >
            <Checkbox.Group
              options={weekDays.map((d) => ({ value: d, label: t(`calendar.weekdays.${d}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('calendar.hours')} required>
            <Flex gap={12} wrap align="center">
              <Form.Item
                name="hours"
                noStyle
                rules={[{ required: !allDay, message: t('calendar.hoursRequired') }]}
              >
                <TimePicker.RangePicker
                  format={CLOCK}
                  minuteStep={5}
                  order
                  disabled={allDay}
                  aria-label={t('calendar.hours')}
                  style={{ width: 220 }}
                />
              </Form.Item>
              <Form.Item name="allDay" valuePropName="checked" noStyle>
                <Checkbox>{t('calendar.allDay')}</Checkbox>
              </Form.Item>
            </Flex>
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item
              name="holidays"
              label={t('calendar.holidays')}
              extra={t('calendar.holidaysHint')}
              style={{ flex: '1 1 320px' }}
            >
              <DatePicker multiple format={DATE} maxTagCount="responsive" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="makeupDays"
              label={t('calendar.makeupDays')}
              extra={t('calendar.makeupHint')}
              dependencies={['holidays']}
              style={{ flex: '1 1 320px' }}
              rules={[
                {
                  validator: async (_, days: Dayjs[] | undefined) => {
                    const off = new Set(
                      (form.getFieldValue('holidays') as Dayjs[] | undefined)?.map((d) => d.format(DATE)),
                    );
                    if ((days ?? []).some((d) => off.has(d.format(DATE))))
                      throw new Error(t('calendar.bothDays'));
                  },
                },
              ]}
            >
              <DatePicker multiple format={DATE} maxTagCount="responsive" style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
        </Card>
        <div>
          <Button type="primary" htmlType="submit" loading={saving === 'save'}>
            {t('save')}
          </Button>
        </div>
      </Flex>
    </Form>
  );
}

/** 服务时限: SLA targets per priority (and ticket type) and the business calendar they count in. */
export function SlaSettingsPage() {
  const { t } = useTranslation('sla');
  const settings = useSlaSettings();
  return (
    <>
      <PageHeader title={t('title')} subTitle={t('subTitle')} />
      <QueryState query={settings}>{(data) => <SlaForm settings={data} />}</QueryState>
    </>
  );
}
