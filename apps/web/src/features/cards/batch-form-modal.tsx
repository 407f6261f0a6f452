import './texts.ts';
import { type CreateCardBatch, cardLimits } from '@guanxi/contract';
import { DatePicker, Form, Input, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { DepartmentTreeSelect } from '../departments/department-tree-select.tsx';
import { useCreateBatch } from './api.ts';

type Values = {
  name: string;
  faceValue: string;
  count: number;
  producedAt: Dayjs;
  expiresAt: Dayjs;
  channel?: string;
  regionCode?: string;
  maxUsesPerDay?: number;
  storeDepartmentIds?: string[];
};

const MONEY = /^\d{1,16}(\.\d{1,2})?$/;

/** 新建批次: generating up to 10,000 cards takes a few seconds; the OK button spins meanwhile. */
export function BatchFormModal({ open, onClose }: { open: boolean; onClose: (created?: string) => void }) {
  const { t } = useTranslation('cards');
  const create = useCreateBatch();
  const submit = async (v: Values) => {
    const input: CreateCardBatch = {
      name: v.name.trim(),
      faceValue: v.faceValue.trim(),
      count: v.count,
      producedAt: v.producedAt.format('YYYY-MM-DD'),
      expiresAt: v.expiresAt.format('YYYY-MM-DD'),
      ...(v.channel?.trim() ? { channel: v.channel.trim() } : {}),
      ...(v.regionCode?.trim() ? { regionCode: v.regionCode.trim() } : {}),
      limits: {
        ...(v.maxUsesPerDay ? { maxUsesPerDay: v.maxUsesPerDay } : {}),
        ...(v.storeDepartmentIds?.length ? { storeDepartmentIds: v.storeDepartmentIds } : {}),
      },
    };
    const batch = await create.mutateAsync(input);
    onClose(batch.id);
  };
  return (
    <FormModal<Values>
      open={open}
      name="card-batch"
      title={t('newBatch')}
      onSubmit={submit}
      onCancel={() => onClose()}
      okText={t('generate')}
      intro={t('generateHint')}
    >
      <Form.Item
        name="name"
        label={t('fields.name')}
        rules={[{ required: true, whitespace: true, max: cardLimits.name }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="faceValue"
        label={t('fields.faceValue')}
        rules={[{ required: true }, { pattern: MONEY, message: t('moneyInvalid') }]}
      >
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item name="count" label={t('fields.count')} rules={[{ required: true }]}>
        <InputNumber min={1} max={cardLimits.batchSize} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="producedAt" label={t('fields.producedAt')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="expiresAt" label={t('fields.expiresAt')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="channel" label={t('fields.channel')} rules={[{ max: cardLimits.channel }]}>
        <Input />
      </Form.Item>
      <Form.Item name="regionCode" label={t('fields.regionCode')} rules={[{ max: cardLimits.regionCode }]}>
        <Input />
      </Form.Item>
      <Form.Item name="maxUsesPerDay" label={t('fields.maxUsesPerDay')}>
        <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="storeDepartmentIds" label={t('fields.stores')} extra={t('storesHint')}>
        <DepartmentTreeSelect multiple />
      </Form.Item>
    </FormModal>
  );
}
