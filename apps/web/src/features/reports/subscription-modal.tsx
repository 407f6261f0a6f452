import {
  type ReportRange,
  type ReportSubscription,
  reportRanges,
  reportSubscriptionLimits,
} from '@guanxi/contract';
import { Alert, App, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { useMe } from '../../lib/access.ts';
import { type SubscriptionValues, useSubscribe, useUpdateSubscription } from './subscription-api.ts';
import './texts.ts';

/** The report a new subscription is of: its code and name, whether it takes a period and which by default. */
export type SubscribedReport = { code: string; name: string; timed: boolean; defaultRange: ReportRange };

type Props = {
  open: boolean;
  onClose: () => void;
  /** A new subscription of this report with this query (the page's), … */
  report?: SubscribedReport;
  query?: Record<string, string>;
  /** … or one of mine to change. */
  existing?: ReportSubscription;
  /** Whether the subscription's report takes a period (editing). */
  timed?: boolean;
};

type Values = { range?: string; frequency: 'weekly' | 'monthly'; day: number; hour: number; title?: string };

/** A subscription sends a named period each time; fixed dates would repeat the same days. */
const periods = reportRanges.filter((r) => r !== 'custom');
/** ISO weekdays: 1 Monday … 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const DAYS = Array.from({ length: 28 }, (_, i) => i + 1);
const HOURS = Array.from({ length: 24 }, (_, i) => i);

/** The days a schedule may name, as the select lists them. */
export function useDayOptions(frequency: 'weekly' | 'monthly') {
  const { t } = useTranslation('reports');
  return frequency === 'weekly'
    ? WEEKDAYS.map((d) => ({ value: d, label: t(`subscriptions.weekdays.${d}`) }))
    : DAYS.map((d) => ({ value: d, label: t('subscriptions.monthDay', { day: d }) }));
}

export const hourText = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * 订阅报表: when it arrives (weekly on a weekday / monthly on a day, at an hour of the company's
 * time zone), which period it covers when sent, and a title; saves the page's query with it.
 */
export function SubscriptionModal({ open, onClose, report, query, existing, timed }: Props) {
  const { t } = useTranslation('reports');
  const { message } = App.useApp();
  const rules = useFormRules();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const subscribe = useSubscribe();
  const update = useUpdateSubscription();
  const frequency = Form.useWatch('frequency', form) ?? existing?.frequency ?? 'weekly';
  const dayOptions = useDayOptions(frequency);
  const takesPeriod = existing ? Boolean(timed) : Boolean(report?.timed);
  const currentRange = existing ? existing.query.range : query?.range;
  const initialRange =
    currentRange && currentRange !== 'custom'
      ? String(currentRange)
      : (report?.defaultRange ?? (existing ? 'all' : 'lastMonth'));

  const save = async (v: Values) => {
    const base = existing ? existing.query : (query ?? {});
    const q: Record<string, string> = Object.fromEntries(
      Object.entries(base).map(([k, x]) => [k, String(x)]),
    );
    if (takesPeriod && v.range) {
      q.range = v.range;
      delete q.from;
      delete q.to;
    }
    const values: SubscriptionValues = {
      frequency: v.frequency,
      day: v.day,
      hour: v.hour,
      title: v.title?.trim() || null,
      query: q,
    };
    if (existing) await update.mutateAsync({ id: existing.id, version: existing.version, ...values });
    else await subscribe.mutateAsync({ reportCode: report!.code, ...values });
    message.success(t(existing ? 'subscriptions.saved' : 'subscriptions.created'));
    onClose();
  };

  return (
    <FormModal<Values>
      open={open}
      name="report-subscription"
      title={existing ? t('subscriptions.editTitle') : t('subscriptions.newTitle', { name: report?.name })}
      form={form}
      initialValues={{
        range: initialRange,
        frequency: existing?.frequency ?? 'weekly',
        day: existing?.day ?? 1,
        hour: existing?.hour ?? 8,
        title: existing?.title ?? '',
      }}
      onSubmit={save}
      onCancel={onClose}
      okText={existing ? undefined : t('subscriptions.subscribe')}
      onValuesChange={(changed: Partial<Values>) => {
        // a monthly day past 7 is no weekday
        if (changed.frequency === 'weekly' && (form.getFieldValue('day') ?? 1) > 7)
          form.setFieldValue('day', 1);
      }}
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12, marginBottom: 16 }}
          message={
            me.user.email ? t('subscriptions.intro', { email: me.user.email }) : t('subscriptions.noEmail')
          }
        />
      }
    >
      {takesPeriod ? (
        <Form.Item name="range" label={t('subscriptions.period')} extra={t('subscriptions.periodHint')}>
          <Select options={periods.map((r) => ({ value: r, label: t(`kit.ranges.${r}`) }))} />
        </Form.Item>
      ) : null}
      <Form.Item name="frequency" label={t('subscriptions.frequency')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'weekly', label: t('subscriptions.weekly') },
            { value: 'monthly', label: t('subscriptions.monthly') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="day"
        label={frequency === 'weekly' ? t('subscriptions.weekday') : t('subscriptions.day')}
        rules={[rules.required()]}
      >
        <Select options={dayOptions} />
      </Form.Item>
      <Form.Item name="hour" label={t('subscriptions.hour')} extra={t('subscriptions.hourHint')}>
        <Select options={HOURS.map((h) => ({ value: h, label: hourText(h) }))} />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('subscriptions.titleLabel')}
        rules={[rules.maxLength(reportSubscriptionLimits.title)]}
      >
        <Input
          placeholder={existing?.reportName ?? report?.name}
          maxLength={reportSubscriptionLimits.title}
        />
      </Form.Item>
    </FormModal>
  );
}
