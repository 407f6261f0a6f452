import './texts.ts';
import { type CreatePool, type Pool, poolLimits } from '@guanxi/contract';
import { App, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { isApiError } from '../../lib/api.ts';
import { DepartmentTreeSelect } from '../departments/department-tree-select.tsx';
import { useCreatePool, useUpdatePool } from './api.ts';

type Props = {
  /** `new`, a pool to edit, or null when closed. */
  target: 'new' | Pool | null;
  onClose: () => void;
  /** After a save, with the saved pool. */
  onSaved?: (pool: Pool) => void;
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
  ['recycleNoFollowUpDays', poolLimits.recycleDays, 'days'],
  ['recycleNoDealDays', poolLimits.recycleDays, 'days'],
  ['remindDaysBefore', poolLimits.remindDaysBefore, 'days'],
  ['holdLimit', poolLimits.customers, 'customers'],
  ['dailyClaimLimit', poolLimits.customers, 'customers'],
  ['cooldownDays', poolLimits.cooldownDays, 'days'],
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
export function PoolFormModal({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation('pools');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const create = useCreatePool();
  const update = useUpdatePool();
  const pool = target && target !== 'new' ? target : undefined;

  const submit = async (v: Values) => {
    const input = toInput(v);
    try {
      const saved = pool
        ? await update.mutateAsync({ id: pool.id, version: pool.version, ...input })
        : await create.mutateAsync(input);
      message.success(pool ? tc('status.saved') : t('form.created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (!isApiError(e, 'CONFLICT')) throw e; // the modal shows it, on the fields where it names one
      message.error(t('form.conflict'));
      onClose();
    }
  };

  return (
    <FormModal<Values>
      open={!!target}
      title={pool ? t('form.editTitle', { name: pool.name }) : t('form.createTitle')}
      name="pool-form"
      width={640}
      initialValues={pool}
      onCancel={onClose}
      onSubmit={submit}
    >
      <Form.Item
        name="name"
        label={t('fields.name')}
        rules={[rules.required(), rules.maxLength(poolLimits.name)]}
      >
        <Input maxLength={poolLimits.name} />
      </Form.Item>
      <Form.Item name="departmentIds" label={t('fields.departments')} extra={t('form.departmentsHelp')}>
        <DepartmentTreeSelect multiple placeholder={t('form.everybody')} />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('form.rulesHelp')}</Typography.Paragraph>
      <Row gutter={16}>
        {ruleFields.map(([name, range, unit]) => (
          <Col key={name} xs={24} sm={12}>
            <Form.Item name={name} label={t(`fields.${name}`)}>
              <InputNumber
                min={range.min}
                max={range.max}
                precision={0}
                style={{ width: '100%' }}
                placeholder={t('form.noRule')}
                suffix={t(`form.units.${unit}`)}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </FormModal>
  );
}
