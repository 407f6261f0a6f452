import './texts.ts';
import { type CalendarEvent, type CreateEvent, eventKinds, eventLimits, repeatFreqs } from '@guanxi/contract';
import { App, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { enterConfirmsOnly } from '../../components/picker-keys.ts';
import { isApiError } from '../../lib/api.ts';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { useCreateEvent, useUpdateEvent } from './api.ts';
import { allDayDays } from './kinds.ts';
import { ParticipantsSelect } from './participants-select.tsx';

type Freq = (typeof repeatFreqs)[number] | 'none';

type Values = {
  kind: CreateEvent['kind'];
  title: string;
  allDay: boolean;
  startAt: Dayjs;
  endAt?: Dayjs | null;
  customerId?: string | null;
  participantIds: string[];
  remindMinutesBefore: number | 'none';
  repeat: { freq: Freq; interval?: number | null; until?: Dayjs | null };
  notes?: string | null;
};

/** What a new event starts with: a day (from the calendar) or the next full hour. */
export type EventDraft = { date?: Dayjs; kind?: CreateEvent['kind']; customerId?: string };

type Props = {
  target: { draft: EventDraft } | CalendarEvent | null;
  onClose: () => void;
  onSaved?: (event: CalendarEvent) => void;
};

const remindChoices = [0, 5, 15, 30, 60, 120, 1440] as const;
const half = { xs: 24, sm: 12 };

function initial(target: NonNullable<Props['target']>): Values {
  if ('draft' in target) {
    // a day picked in the calendar: 09:00 that day; else the next full hour
    const start = target.draft.date
      ? target.draft.date.startOf('day').hour(9)
      : dayjs().add(1, 'hour').startOf('hour');
    return {
      kind: target.draft.kind ?? 'meeting',
      title: '',
      allDay: false,
      startAt: start,
      endAt: start.add(1, 'hour'),
      customerId: target.draft.customerId ?? null,
      participantIds: [],
      remindMinutesBefore: 15,
      repeat: { freq: 'none', interval: 1, until: null },
      notes: null,
    };
  }
  const e = target;
  return {
    kind: e.kind,
    title: e.title,
    allDay: e.allDay,
    // an all-day event runs from midnight to the midnight after its last day: the form shows its days
    startAt: e.allDay
      ? allDayDays({ occurrenceStart: e.startAt, occurrenceEnd: e.endAt }).first
      : dayjs(e.startAt),
    endAt: e.endAt
      ? e.allDay
        ? allDayDays({ occurrenceStart: e.startAt, occurrenceEnd: e.endAt }).last
        : dayjs(e.endAt)
      : null,
    customerId: e.customerId,
    participantIds: e.participantIds,
    remindMinutesBefore: e.remindMinutesBefore ?? 'none',
    repeat: {
      freq: e.repeat?.freq ?? 'none',
      interval: e.repeat?.interval ?? 1,
      until: e.repeat?.until ? dayjs(e.repeat.until) : null,
    },
    notes: e.notes,
  };
}

function toInput(v: Values, previous?: CalendarEvent): CreateEvent {
  const start = v.allDay ? v.startAt.startOf('day') : v.startAt.second(0).millisecond(0);
  const end = v.endAt
    ? v.allDay
      ? v.endAt.startOf('day').add(1, 'day')
      : v.endAt.second(0).millisecond(0)
    : null;
  return {
    kind: v.kind,
    title: v.title.trim(),
    allDay: v.allDay,
    startAt: start.format(),
    endAt: end ? end.format() : null,
    customerId: v.customerId ?? null,
    // a contact chosen through the API stays while the customer does
    contactId: previous && previous.customerId === (v.customerId ?? null) ? previous.contactId : null,
    participantIds: v.participantIds ?? [],
    remindMinutesBefore: v.remindMinutesBefore === 'none' ? null : v.remindMinutesBefore,
    repeat:
      v.repeat.freq === 'none'
        ? null
        : {
            freq: v.repeat.freq,
            interval: v.repeat.interval ?? 1,
            until: v.repeat.until ? v.repeat.until.format('YYYY-MM-DD') : null,
            count: v.repeat.until ? null : (previous?.repeat?.count ?? null),
          },
    notes: v.notes?.trim() || null,
  };
}

/** 新建 / 编辑日程 in the shared form drawer; the server's field errors land on the fields. */
export function EventDrawer({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation('events');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateEvent();
  const update = useUpdateEvent();
  const event = target && !('draft' in target) ? target : undefined;
  const allDay = Form.useWatch('allDay', form);
  const freq = Form.useWatch(['repeat', 'freq'], form);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(initial(target));
  }, [target, form]);

  const submit = async (values: Values) => {
    try {
      const input = toInput(values, event);
      const saved = event
        ? await update.mutateAsync({ id: event.id, version: event.version, ...input })
        : await create.mutateAsync(input);
      message.success(event ? tc('status.saved') : t('created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (!isApiError(e, 'CONFLICT')) throw e;
      message.error(t('conflict'));
      onClose();
    }
  };

  const remindLabel = (m: number) =>
    m === 0
      ? t('remind.atStart')
      : m % 1440 === 0
        ? t('remind.days', { count: m / 1440 })
        : m % 60 === 0
          ? t('remind.hours', { count: m / 60 })
          : t('remind.minutes', { count: m });
  const pickerFormat = allDay ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH:mm';

  return (
    <FormDrawer<Values>
      open={!!target}
      onClose={onClose}
      title={event ? t('editTitle', { title: event.title }) : t('createTitle')}
      width={640}
      name="event-form"
      form={form}
      onSubmit={submit}
    >
      <Form.Item name="kind" label={t('fields.kind')} rules={[rules.required()]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={eventKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('fields.title')}
        rules={[rules.required(), rules.maxLength(eventLimits.title)]}
      >
        <Input maxLength={eventLimits.title} autoComplete="off" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="allDay" label={t('fields.allDay')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="startAt"
            label={t('fields.startAt')}
            rules={[{ required: true, message: tc('validation.required') }]}
          >
            <DatePicker
              onKeyDown={enterConfirmsOnly}
              style={{ width: '100%' }}
              showTime={allDay ? false : { format: 'HH:mm', minuteStep: 5 }}
              format={pickerFormat}
              allowClear={false}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="endAt" label={t('fields.endAt')}>
            <DatePicker
              onKeyDown={enterConfirmsOnly}
              style={{ width: '100%' }}
              showTime={allDay ? false : { format: 'HH:mm', minuteStep: 5 }}
              format={pickerFormat}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="customerId" label={t('fields.customerId')}>
        <CustomerSelect
          labelRender={(p) =>
            p.label ?? (event && p.value === event.customerId ? (event.customerName ?? p.value) : p.value)
          }
        />
      </Form.Item>
      <Form.Item name="participantIds" label={t('fields.participantIds')}>
        <ParticipantsSelect known={event?.participants} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="remindMinutesBefore" label={t('fields.remindMinutesBefore')}>
            <Select
              options={[
                { value: 'none', label: t('remind.none') },
                ...remindChoices.map((m) => ({ value: m, label: remindLabel(m) })),
              ]}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={['repeat', 'freq']} label={t('fields.repeat')}>
            <Select
              options={[
                { value: 'none', label: t('repeat.none') },
                ...repeatFreqs.map((f) => ({ value: f, label: t(`repeat.${f}`) })),
              ]}
            />
          </Form.Item>
        </Col>
        {freq && freq !== 'none' ? (
          <>
            <Col {...half}>
              <Form.Item name={['repeat', 'interval']} label={t('fields.interval')}>
                <InputNumber
                  min={eventLimits.interval.min}
                  max={eventLimits.interval.max}
                  precision={0}
                  style={{ width: '100%' }}
                  addonAfter={t(`views.${freq === 'daily' ? 'day' : freq === 'weekly' ? 'week' : 'month'}`)}
                />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name={['repeat', 'until']} label={t('fields.until')}>
                <DatePicker
                  onKeyDown={enterConfirmsOnly}
                  style={{ width: '100%' }}
                  placeholder={t('repeat.untilPlaceholder')}
                />
              </Form.Item>
            </Col>
          </>
        ) : null}
      </Row>
      <Form.Item name="notes" label={t('fields.notes')} rules={[rules.maxLength(eventLimits.notes)]}>
        <Input.TextArea rows={3} maxLength={eventLimits.notes} showCount />
      </Form.Item>
    </FormDrawer>
  );
}
