import type { CreatePool, Pool } from '@guanxi/contract';
import { App, Col, Form, Input, InputNumber, Modal, Row, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { DepartmentTreeSelect } from '../departments/department-tree-select.tsx';
import { useCreatePool, useUpdatePool } from './api.ts';

type Props = {
  /** `new`, a pool to edit, or null when closed. */
  target: 'new' | Pool | null;
  onClose: () => void;
};

type Values = {
  name: string;
  departmentIds?: string[];
  recycleNoFollowUpDays?: number | null;
  recycleNoDealDays?: number | null;
  remindDaysBefore?: number | null;
  holdLimit?: number | null;
  dailyClaimLimit?: number | null;
  cooldownDays?: number | null;
};

const ruleFields = [
  ['recycleNoFollowUpDays', 1, 3650, 'days'],
  ['recycleNoDealDays', 1, 3650, 'days'],
  ['remindDaysBefore', 0, 365, 'days'],
  ['holdLimit', 0, 100000, 'customers'],
  ['dailyClaimLimit', 0, 100000, 'customers'],
  ['cooldownDays', 0, 3650, 'days'],
] as const;

function toInput(v: Values): CreatePool {
  return {
    name: v.name.trim(),
    departmentIds: v.departmentIds ?? [],
    recycleNoFollowUpDays: v.recycleNoFollowUpDays ?? null,
    recycleNoDealDays: v.recycleNoDealDays ?? null,
    remindDaysBefore: v.remindDaysBefore ?? null,
    holdLimit: v.holdLimit ?? null,
    dailyClaimLimit: v.dailyClaimLimit ?? null,
    cooldownDays: v.cooldownDays ?? null,
  };
}

/** Create or edit a public pool: who sees it and its rules (an empty rule = no such rule). */
export function PoolFormModal({ target, onClose }: Props) {
  const { t } = useTranslation('pools');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const create = useCreatePool();
  const update = useUpdatePool();
  const pool = target && target !== 'new' ? target : undefined;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target !== 'new') form.setFieldsValue(target);
  }, [target, form]);

  const submit = (v: Values) => {
    const input = toInput(v);
    const done = () => {
      message.success(pool ? tc('status.saved') : t('form.created'));
      onClose();
    };
    const failed = (e: unknown) => {
      if (isApiError(e, 'CONFLICT')) {
        message.error(t('form.conflict'));
        onClose();
      } else showError(e, form);
    };
    if (pool)
      update.mutate({ id: pool.id, version: pool.version, ...input }, { onSuccess: done, onError: failed });
    else create.mutate(input, { onSuccess: done, onError: failed });
  };

  return (
    <Modal
      open={!!target}
      title={pool ? t('form.editTitle', { name: pool.name }) : t('form.createTitle')}
      okText={tc('actions.save')}
      cancelText={tc('actions.cancel')}
      confirmLoading={create.isPending || update.isPending}
      width={isPhone ? undefined : 640}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form<Values> form={form} name="pool-form" layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[
            { required: true, whitespace: true, message: tc('validation.required') },
            { max: 50, message: tc('validation.maxLength', { max: 50 }) },
          ]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="departmentIds" label={t('fields.departments')} extra={t('form.departmentsHelp')}>
          <DepartmentTreeSelect multiple placeholder={t('form.everybody')} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('form.rulesHelp')}</Typography.Paragraph>
        <Row gutter={16}>
          {ruleFields.map(([name, min, max, unit]) => (
            <Col key={name} xs={24} sm={12}>
              <Form.Item name={name} label={t(`fields.${name}`)}>
                <InputNumber
                  min={min}
                  max={max}
                  precision={0}
                  style={{ width: '100%' }}
                  placeholder={t('form.noRule')}
                  suffix={t(`form.units.${unit}`)}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
}
