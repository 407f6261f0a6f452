import './texts.ts';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type SlaPreviewRequest,
  type SlaSettings,
  slaLimits,
  type TicketPriority,
  ticketPriorities,
  type UpdateSlaSettings,
} from '@guanxi/contract';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  type FormInstance,
  type FormListFieldData,
  InputNumber,
  Select,
  Space,
  Table,
  type TableColumnType,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-error.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { useSlaPreview, useSlaSettings, useUpdateSlaSettings } from './api.ts';

type TargetRow = {
  priority: TicketPriority;
  /** The priority's default row (no type): always there, never removed. */
  fixed: boolean;
  typeId: string | null;
  responseMinutes: number | null;
  resolutionMinutes: number | null;
};
type Values = {
  targets: TargetRow[];
  workDays: number[];
  hours: [Dayjs, Dayjs] | null;
  allDay: boolean;
  holidays: Dayjs[];
  makeupDays: Dayjs[];
};

const PRIORITY_COLOR: Record<TicketPriority, string> = {
  urgent: 'red',
  high: 'orange',
  normal: 'blue',
  low: 'default',
};
const DATE = 'YYYY-MM-DD';
const CLOCK = 'HH:mm';
const weekDays = [1, 2, 3, 4, 5, 6, 7] as const;

function initialValues(s: SlaSettings): Values {
  const allDay = s.calendar.start === '00:00' && s.calendar.end === '24:00';
  return {
    targets: s.targets.map((x) => ({
      priority: x.priority,
      fixed: x.typeId === null,
      typeId: x.typeId,
      responseMinutes: x.responseMinutes,
      resolutionMinutes: x.resolutionMinutes,
    })),
    workDays: s.calendar.workDays,
    // 24:00 is no time of a picker: a day to midnight shows as round the clock or up to 23:59
    hours: allDay
      ? null
      : [dayjs(s.calendar.start, CLOCK), dayjs(s.calendar.end === '24:00' ? '23:59' : s.calendar.end, CLOCK)],
    allDay,
    holidays: s.calendar.holidays.map((d) => dayjs(d, DATE)),
    makeupDays: s.calendar.makeupDays.map((d) => dayjs(d, DATE)),
  };
}

/** The calendar as the API takes it; null while the form has no business hours. */
function calendarOf(v: Partial<Values>) {
  const hours = v.allDay
    ? (['00:00', '24:00'] as const)
    : v.hours
      ? v.hours.map((h) => h.format(CLOCK))
      : null;
  if (!hours || !v.workDays?.length) return null;
  return {
    workDays: v.workDays,
    start: hours[0],
    end: hours[1],
    holidays: (v.holidays ?? []).map((d) => d.format(DATE)),
    makeupDays: (v.makeupDays ?? []).map((d) => d.format(DATE)),
  };
}

/** An instant on the wall clock of the tenant's zone (the calendar's), as `YYYY-MM-DD HH:mm`. */
function formatIn(timeZone: string, iso: string) {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

const validMinutes = (m: number | null | undefined): m is number =>
  typeof m === 'number' && m >= 1 && m <= slaLimits.minutes;

/** Minutes as two fields, hours and minutes (a target of 4 h 30 min is 270). */
function DurationInput({
  value,
  onChange,
  what,
  id,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  what: string;
  id?: string;
}) {
  const { t } = useTranslation('sla');
  const hours = value == null ? null : Math.floor(value / 60);
  const minutes = value == null ? null : value % 60;
  const set = (h: number | null, m: number | null) =>
    onChange?.(h == null && m == null ? null : (h ?? 0) * 60 + (m ?? 0));
  return (
    <Space.Compact style={{ width: 190 }}>
      <InputNumber
        id={id}
        aria-label={t('duration.hoursOf', { what })}
        min={0}
        max={Math.floor(slaLimits.minutes / 60)}
        precision={0}
        value={hours}
        onChange={(h) => set(h, minutes)}
        suffix={t('duration.hours')}
        style={{ width: '55%' }}
      />
      <InputNumber
        aria-label={t('duration.minutesOf', { what })}
        min={0}
        max={59}
        precision={0}
        value={minutes}
        onChange={(m) => set(hours, m)}
        suffix={t('duration.minutes')}
        style={{ width: '45%' }}
      />
    </Space.Compact>
  );
}

/** The editable targets table, one row per (priority, type); each with when a ticket created now is due. */
function TargetsTable({
  form,
  preview,
  timeZone,
}: {
  timeZone: string;
  form: FormInstance<Values>;
  preview: ({ responseDueAt: string; resolutionDueAt: string } | null)[];
}) {
  const { t } = useTranslation('sla');
  const phone = useIsPhone();
  const minutesRules = (what: 'response' | 'resolution', name: number) => [
    { required: true, message: t('targets.tooShort') },
    {
      validator: async (_: unknown, v: number | null) => {
        if (v == null || v < 1) throw new Error(t('targets.tooShort'));
        if (v > slaLimits.minutes)
          throw new Error(t('targets.tooLong', { hours: Math.floor(slaLimits.minutes / 60) }));
        if (what === 'resolution') {
          const response = form.getFieldValue(['targets', name, 'responseMinutes']) as number | null;
          if (response != null && v < response) throw new Error(t('targets.resolutionBeforeResponse'));
        }
      },
    },
  ];
  return (
    <Form.List name="targets">
      {(fields, { add, remove }) => {
        const columns: TableColumnType<FormListFieldData>[] = [
          {
            title: t('targets.priority'),
            key: 'priority',
            width: 110,
            render: (_, f) => {
              const row = form.getFieldValue(['targets', f.name]) as TargetRow;
              return row.fixed ? (
                <Tag color={PRIORITY_COLOR[row.priority]}>{t(`priorities.${row.priority}`)}</Tag>
              ) : (
                <Form.Item name={[f.name, 'priority']} noStyle>
                  <Select
                    aria-label={t('targets.priority')}
                    style={{ width: 96 }}
                    options={ticketPriorities.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
                  />
                </Form.Item>
              );
            },
          },
          {
            title: t('targets.type'),
            key: 'type',
            width: 200,
            render: (_, f) =>
              (form.getFieldValue(['targets', f.name, 'fixed']) as boolean) ? (
                <Typography.Text type="secondary">{t('targets.allTypes')}</Typography.Text>
              ) : (
                <Form.Item
                  name={[f.name, 'typeId']}
                  rules={[{ required: true, message: t('targets.typeRequired') }]}
                  style={{ margin: 0 }}
                >
                  <DictionarySelect
                    type="service-type"
                    aria-label={t('targets.type')}
                    style={{ width: 180 }}
                  />
                </Form.Item>
              ),
          },
          {
            title: t('targets.response'),
            key: 'response',
            width: 210,
            render: (_, f) => (
              <Form.Item
                name={[f.name, 'responseMinutes']}
                rules={minutesRules('response', f.name)}
                style={{ margin: 0 }}
              >
                <DurationInput
                  what={`${rowLabel(form, f.name, (p) => t(`priorities.${p}`))} ${t('targets.response')}`}
                />
              </Form.Item>
            ),
          },
          {
            title: t('targets.resolution'),
            key: 'resolution',
            width: 210,
            render: (_, f) => (
              <Form.Item
                name={[f.name, 'resolutionMinutes']}
                rules={minutesRules('resolution', f.name)}
                dependencies={[['targets', f.name, 'responseMinutes']]}
                style={{ margin: 0 }}
              >
                <DurationInput
                  what={`${rowLabel(form, f.name, (p) => t(`priorities.${p}`))} ${t('targets.resolution')}`}
                />
              </Form.Item>
            ),
          },
          {
            title: t('targets.dueNow'),
            key: 'due',
            render: (_, f) => {
              const due = preview[f.name];
              return due ? (
                <Flex
                  vertical
                  role="group"
                  aria-label={`${rowLabel(form, f.name, (p) => t(`priorities.${p}`))} ${t('targets.dueNow')}`}
                >
                  <Typography.Text>
                    {t('targets.dueResponse', { at: formatIn(timeZone, due.responseDueAt) })}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('targets.dueResolution', { at: formatIn(timeZone, due.resolutionDueAt) })}
                  </Typography.Text>
                </Flex>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              );
            },
          },
          {
            key: 'actions',
            width: 48,
            render: (_, f) =>
              (form.getFieldValue(['targets', f.name, 'fixed']) as boolean) ? null : (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('targets.remove')}
                  onClick={() => remove(f.name)}
                />
              ),
          },
        ];
        // on a phone each row is a card of the same cells, one under the other
        const cell = (key: string, f: FormListFieldData, i: number) =>
          columns.find((c) => c.key === key)?.render?.(undefined, f, i) as ReactNode;
        return (
          <>
            {phone ? (
              <Flex vertical gap={8}>
                {fields.map((f, i) => (
                  <Card key={f.key} size="small">
                    <Flex justify="space-between" align="center" gap={8}>
                      <Flex gap={8} align="center" wrap>
                        {cell('priority', f, i)}
                        {cell('type', f, i)}
                      </Flex>
                      {cell('actions', f, i)}
                    </Flex>
                    <Flex vertical gap={4} style={{ marginTop: 8 }}>
                      <Typography.Text type="secondary">{t('targets.response')}</Typography.Text>
                      {cell('response', f, i)}
                      <Typography.Text type="secondary">{t('targets.resolution')}</Typography.Text>
                      {cell('resolution', f, i)}
                      {cell('due', f, i)}
                    </Flex>
                  </Card>
                ))}
              </Flex>
            ) : (
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                scroll={{ x: 900 }}
                dataSource={fields}
                columns={columns}
              />
            )}
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              style={{ marginTop: 8 }}
              disabled={fields.length >= slaLimits.targets}
              onClick={() =>
                add({
                  priority: 'normal',
                  fixed: false,
                  typeId: null,
                  responseMinutes: null,
                  resolutionMinutes: null,
                })
              }
            >
              {t('targets.addType')}
            </Button>
          </>
        );
      }}
    </Form.List>
  );
}

/** "紧急" or "紧急 · 投诉": names a row's duration fields for screen readers. */
function rowLabel(form: FormInstance<Values>, name: number, priority: (p: TicketPriority) => string) {
  const row = form.getFieldValue(['targets', name]) as TargetRow | undefined;
  return row ? priority(row.priority) + (row.fixed ? '' : ` ${name + 1}`) : '';
}

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
