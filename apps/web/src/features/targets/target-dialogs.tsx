import './texts.ts';
import {
  fromCents,
  MONEY_PATTERN,
  type TargetBasis,
  type TargetPeriod,
  targetBases,
  toCents,
} from '@guanxi/contract';
import { Alert, Col, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { formatMoney, normaliseMoney } from '../customers/money.ts';
import {
  useCreateTarget,
  useSaveTargetSettings,
  useSplitTarget,
  useTargetSettings,
  useUpdateTarget,
} from './api.ts';
import type { TreeRow } from './tree.ts';

type Period = { period: TargetPeriod; start: string; end: string };

const moneyRule = {
  validator: (_: unknown, value: string | undefined) => {
    const v = normaliseMoney(value);
    return !v || (MONEY_PATTERN.test(v) && !v.startsWith('-')) ? Promise.resolve() : Promise.reject();
  },
};

function MoneyInput(props: {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  placeholder?: string;
  'aria-label'?: string;
}) {
  return (
    <Input
      {...props}
      inputMode="decimal"
      prefix="¥"
      allowClear
      onChange={(e) => props.onChange?.(e.target.value)}
    />
  );
}

type SetValues = { amount?: string; count?: number | null };

/** 设定任务 / 修改任务 of one department or person for the period. */
export function SetTargetDialog({
  row,
  p,
  onClose,
}: {
  row: TreeRow | null;
  p: Period;
  onClose: () => void;
}) {
  const { t } = useTranslation('targets');
  const create = useCreateTarget();
  const update = useUpdateTarget();
  const editing = row?.targetId != null;
  return (
    <FormModal<SetValues>
      open={row !== null}
      name="target-set"
      title={t(editing ? 'setDialog.editTitle' : 'setDialog.title', { name: row?.name })}
      intro={
        <Typography.Paragraph type="secondary">
          {t('setDialog.intro', { period: t(`period.${p.period}`), from: p.start, to: p.end })}
        </Typography.Paragraph>
      }
      initialValues={{ amount: row?.target ?? undefined, count: row?.targetCount ?? undefined }}
      onCancel={onClose}
      onSubmit={async (v) => {
        const amount = normaliseMoney(v.amount);
        const count = v.count ?? null;
        if (!row) return;
        if (editing)
          await update.mutateAsync({ id: row.targetId!, version: row.targetVersion!, amount, count });
        else
          await create.mutateAsync({
            period: p.period,
            start: p.start,
            ...(row.kind === 'department' ? { departmentId: row.id } : { userId: row.id }),
            ...(amount ? { amount } : {}),
            ...(count !== null ? { count } : {}),
          });
        onClose();
      }}
    >
      <Form.Item
        name="amount"
        label={t('setDialog.amount')}
        rules={[
          moneyRule,
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              normaliseMoney(value) || getFieldValue('count') != null
                ? Promise.resolve()
                : Promise.reject(new Error(t('setDialog.needValue'))),
          }),
        ]}
        dependencies={['count']}
      >
        <MoneyInput />
      </Form.Item>
      <Form.Item name="count" label={t('setDialog.count')}>
        <InputNumber min={0} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

type SplitValues = Record<string, { amount?: string; count?: number | null }>;

/**
 * 分解: the department's target handed to its sub-departments and people, with what is still
 * unallocated (or over) as the numbers are typed.
 */
export function SplitDialog({ row, onClose }: { row: TreeRow | null; onClose: () => void }) {
  const { t } = useTranslation('targets');
  const [form] = Form.useForm<SplitValues>();
  const split = useSplitTarget();
  const values = Form.useWatch([], form) as SplitValues | undefined;
  const children = row?.children ?? [];
  const initial = Object.fromEntries(
    children.map((c) => [c.key, { amount: c.target ?? undefined, count: c.targetCount ?? undefined }]),
  );
  let cents = 0n;
  let count = 0;
  for (const c of children) {
    const v = values?.[c.key] ?? initial[c.key];
    const amount = normaliseMoney(v?.amount);
    if (amount && MONEY_PATTERN.test(amount)) cents += toCents(amount);
    count += v?.count ?? 0;
  }
  const left = row?.target != null ? toCents(row.target) - cents : null;
  const leftCount = row?.targetCount != null ? row.targetCount - count : null;
  const over = (left !== null && left < 0n) || (leftCount !== null && leftCount < 0);
  return (
    <FormModal<SplitValues>
      open={row !== null}
      name="target-split"
      form={form}
      width={640}
      title={t('split.title', { name: row?.name })}
      okText={t('split.save')}
      initialValues={initial}
      onCancel={onClose}
      intro={
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('split.intro')}
        </Typography.Paragraph>
      }
      after={
        row ? (
          <Alert
            role="status"
            type={over ? 'error' : 'info'}
            showIcon
            message={
              <>
                {row.target !== null ? t('split.parent', { amount: `¥${formatMoney(row.target)}` }) : null}
                {row.targetCount !== null ? t('split.parentCount', { count: row.targetCount }) : null}
                {'　'}
                {left !== null && left < 0n
                  ? t('split.over', { amount: `¥${formatMoney(fromCents(-left))}` })
                  : left !== null
                    ? t('split.unallocated', { amount: `¥${formatMoney(fromCents(left))}` })
                    : null}
                {leftCount !== null && leftCount < 0
                  ? ` ${t('split.overCount', { count: -leftCount })}`
                  : leftCount !== null
                    ? t('split.unallocatedCount', { count: leftCount })
                    : null}
              </>
            }
          />
        ) : null
      }
      onSubmit={async (v) => {
        if (!row?.targetId) return;
        const parts = children.flatMap((c) => {
          const amount = normaliseMoney(v[c.key]?.amount);
          const n = v[c.key]?.count ?? null;
          if (!amount && n === null) return [];
          return [
            {
              ...(c.kind === 'department' ? { departmentId: c.id } : { userId: c.id }),
              ...(amount ? { amount } : {}),
              ...(n !== null ? { count: n } : {}),
            },
          ];
        });
        if (parts.length) await split.mutateAsync({ id: row.targetId, parts });
        onClose();
      }}
    >
      {children.length === 0 ? <Alert type="warning" message={t('split.noChildren')} /> : null}
      {children.map((c) => (
        <Row key={c.key} gutter={8} align="middle">
          <Col xs={24} sm={8}>
            <Typography.Text strong={c.kind === 'department'}>
              {c.name}
              {c.kind === 'user' ? (
                <Typography.Text type="secondary"> · {t('person')}</Typography.Text>
              ) : null}
            </Typography.Text>
          </Col>
          <Col xs={14} sm={9}>
            <Form.Item name={[c.key, 'amount']} rules={[moneyRule]} style={{ marginBottom: 8 }}>
              <MoneyInput
                aria-label={t('split.amountOf', { name: c.name })}
                placeholder={t('split.amount')}
              />
            </Form.Item>
          </Col>
          <Col xs={10} sm={7}>
            <Form.Item name={[c.key, 'count']} style={{ marginBottom: 8 }}>
              <InputNumber
                min={0}
                precision={0}
                aria-label={t('split.countOf', { name: c.name })}
                placeholder={t('split.count')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
      ))}
    </FormModal>
  );
}

/** 统计口径: what attainment counts. */
export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('targets');
  const settings = useTargetSettings();
  const save = useSaveTargetSettings();
  return (
    <FormModal<{ basis: TargetBasis }>
      open={open && !!settings.data}
      name="target-settings"
      title={t('settings.title')}
      intro={<Typography.Paragraph type="secondary">{t('settings.intro')}</Typography.Paragraph>}
      initialValues={{ basis: settings.data?.basis }}
      onCancel={onClose}
      onSubmit={async (v) => {
        await save.mutateAsync({ basis: v.basis, version: settings.data!.version });
        onClose();
      }}
    >
      <Form.Item name="basis" label={t('basis.label')}>
        <Radio.Group options={targetBases.map((b) => ({ value: b, label: t(`basis.${b}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
