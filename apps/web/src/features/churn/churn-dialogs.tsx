import './texts.ts';
import type { ChurnRecord } from '@guanxi/contract';
import { churnLimits } from '@guanxi/contract';
import { App, DatePicker, Form, Input, InputNumber, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { useChurnSettings, useConfirmChurn, useDelayChurn, useUpdateChurnSettings } from './api.ts';

type DelayValues = { measures: string; until: Dayjs };

/** 暂缓流失: the measures taken and a date after today. */
export function DelayDialog({ record, onClose }: { record: ChurnRecord | null; onClose: () => void }) {
  const { t } = useTranslation('churn');
  const delay = useDelayChurn();
  return (
    <FormModal<DelayValues>
      open={!!record}
      name="churn-delay"
      title={t('delay.title', { name: record?.customerName ?? '' })}
      okText={t('actions.delay')}
      intro={
        record ? (
          <Typography.Paragraph type="secondary">
            {t('delay.intro', { left: Math.max(0, record.maxDelays - record.delays) })}
          </Typography.Paragraph>
        ) : null
      }
      onCancel={onClose}
      onSubmit={async (v) => {
        if (!record) return;
        await delay.mutateAsync({
          id: record.id,
          version: record.version,
          measures: v.measures,
          until: v.until.format('YYYY-MM-DD'),
        });
        onClose();
      }}
    >
      <Form.Item name="measures" label={t('fields.measures')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={churnLimits.measures} showCount />
      </Form.Item>
      <Form.Item
        name="until"
        label={t('fields.until')}
        extra={t('delay.untilHint')}
        rules={[{ required: true }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => !d.isAfter(dayjs(), 'day')} />
      </Form.Item>
    </FormModal>
  );
}

/** 确认流失 with a reason from the churn-reason dictionary. */
export function ConfirmDialog({ record, onClose }: { record: ChurnRecord | null; onClose: () => void }) {
  const { t } = useTranslation('churn');
  const confirm = useConfirmChurn();
  const settings = useChurnSettings();
  return (
    <FormModal<{ reason: string }>
      open={!!record}
      name="churn-confirm"
      title={t('confirm.title', { name: record?.customerName ?? '' })}
      okText={t('actions.confirm')}
      danger
      intro={
        <Typography.Paragraph type="secondary">
          {t('confirm.intro')}
          {settings.data?.poolOnConfirm ? ` ${t('confirm.pool')}` : ''}
        </Typography.Paragraph>
      }
      onCancel={onClose}
      onSubmit={async (v) => {
        if (!record) return;
        await confirm.mutateAsync({ id: record.id, version: record.version, reason: v.reason });
        onClose();
      }}
    >
      <Form.Item name="reason" label={t('fields.reason')} rules={[{ required: true }]}>
        <DictionarySelect type="churn-reason" />
      </Form.Item>
    </FormModal>
  );
}

type SettingsValues = {
  months: number;
  maxDelays: number;
  poolOnConfirm: boolean;
  recency: number;
  frequency: number;
  monetary: number;
};

/** 流失设置 (churn:admin): when warnings come, delays allowed, the pool, the risk weights. */
export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('churn');
  const { message } = App.useApp();
  const settings = useChurnSettings();
  const update = useUpdateChurnSettings();
  const [form] = Form.useForm<SettingsValues>();
  const s = settings.data;
  const weightsSum = (get: (k: keyof SettingsValues) => unknown) =>
    (['recency', 'frequency', 'monetary'] as const).reduce((a, k) => a + (Number(get(k)) || 0), 0);
  const weight = (key: 'recency' | 'frequency' | 'monetary') => (
    <Form.Item
      name={key}
      label={t(`settings.${key}`)}
      dependencies={['recency', 'frequency', 'monetary'].filter((k) => k !== key)}
      rules={[
        { required: true },
        ({ getFieldValue }) => ({
          validator: () => {
            const sum = weightsSum(getFieldValue);
            return sum === 100
              ? Promise.resolve()
              : Promise.reject(new Error(t('settings.weightsSum', { sum })));
          },
        }),
      ]}
    >
      <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <FormModal<SettingsValues>
      open={open && !!s}
      form={form}
      name="churn-settings"
      title={t('settings.title')}
      initialValues={
        s
          ? {
              months: s.months,
              maxDelays: s.maxDelays,
              poolOnConfirm: s.poolOnConfirm,
              ...s.weights,
            }
          : undefined
      }
      onCancel={onClose}
      onSubmit={async (v) => {
        if (!s) return;
        await update.mutateAsync({
          months: v.months,
          maxDelays: v.maxDelays,
          poolOnConfirm: v.poolOnConfirm,
          weights: { recency: v.recency, frequency: v.frequency, monetary: v.monetary },
          version: s.version,
        });
        message.success(t('settings.saved'));
        onClose();
      }}
    >
      <Form.Item
        name="months"
        label={t('settings.months')}
        extra={t('settings.monthsHint')}
        rules={[{ required: true }]}
      >
        <InputNumber
          min={churnLimits.months.min}
          max={churnLimits.months.max}
          precision={0}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item name="maxDelays" label={t('settings.maxDelays')} rules={[{ required: true }]}>
        <InputNumber
          min={churnLimits.maxDelays.min}
          max={churnLimits.maxDelays.max}
          precision={0}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item name="poolOnConfirm" label={t('settings.poolOnConfirm')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Typography.Text strong>{t('settings.weights')}</Typography.Text>
      {weight('recency')}
      {weight('frequency')}
      {weight('monetary')}
    </FormModal>
  );
}
