import './texts.ts';
import type { MarketingPlan, PlanGoalKind, PlanReviewStatus, PlanType } from '@guanxi/contract';
import { Select, type SelectProps, Tag, Typography } from 'antd';
import { type ReactNode, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../customers/money.ts';
import { useDictionaryItems } from '../dictionaries/api.ts';
import { useItemLabel } from '../dictionaries/item-label.ts';

const reviewColors: Record<PlanReviewStatus, string> = {
  unreviewed: 'gold',
  'in-approval': 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
};

export function ReviewStatusTag({ status }: { status: PlanReviewStatus }) {
  const { t } = useTranslation('marketingPlans');
  return <Tag color={reviewColors[status]}>{t(`reviewStatuses.${status}`)}</Tag>;
}

const executionColors = {
  upcoming: 'default',
  running: 'blue',
  ended: 'orange',
  completed: 'green',
} as const;

/** Where an approved plan stands (nothing before approval). */
export function ExecutionTag({ execution }: { execution: MarketingPlan['execution'] }) {
  const { t } = useTranslation('marketingPlans');
  if (!execution) return null;
  return <Tag color={executionColors[execution]}>{t(`executions.${execution}`)}</Tag>;
}

/** 成交金额 as money, the counts as they are. */
export function formatGoal(kind: PlanGoalKind, value: string | null): string {
  if (value === null) return '—';
  return kind === 'amount' ? `¥${formatMoney(value)}` : value;
}

export const formatPercent = (value: number | null) => (value === null ? '—' : `${value}%`);

type SubTypeProps = Omit<SelectProps<string>, 'options'> & {
  /** The sub-types of this type only; without it, every sub-type grouped by its type. */
  type?: PlanType | null;
};

/**
 * A `plan-type` sub-type: the children of the type's item (code `visit` / `promotion`). Valid items
 * only, except the current value (an item made invalid since still shows, disabled).
 */
export function SubTypeSelect({ type, value, ...props }: SubTypeProps) {
  const { t } = useTranslation('marketingPlans');
  const label = useItemLabel();
  const items = useDictionaryItems('plan-type');
  const options = useMemo(() => {
    const all = items.data ?? [];
    const groups = all.filter((i) => !i.parentId && (i.code === 'visit' || i.code === 'promotion'));
    const childrenOf = (parentId: string) =>
      all
        .filter((i) => i.parentId === parentId && (i.valid || i.id === value))
        .sort((a, b) => a.sortOrder - b.sortOrder)
        .map((i) => ({ value: i.id, label: label(i), disabled: !i.valid }));
    if (type) {
      const group = groups.find((g) => g.code === type);
      return group ? childrenOf(group.id) : [];
    }
    return groups.map((g) => ({ label: t(`types.${g.code as PlanType}`), options: childrenOf(g.id) }));
  }, [items.data, type, value, label, t]);
  return (
    <Select<string>
      allowClear
      loading={items.isPending}
      placeholder={t('filters.any')}
      {...props}
      value={items.isPending ? undefined : value}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}

/** A titled part of the plan's detail, named for screen readers. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/** A plan's sub-type in the reader's language (the server names it as the dictionary does, in Chinese). */
export function useSubTypeName() {
  const items = useDictionaryItems('plan-type');
  const label = useItemLabel();
  return useCallback(
    (p: Pick<MarketingPlan, 'subType' | 'subTypeName'>) => {
      const item = items.data?.find((i) => i.id === p.subType);
      return item ? label(item) : p.subTypeName;
    },
    [items.data, label],
  );
}
