import '../marketing-plans/texts.ts';
import { Alert, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useExecutablePlans } from '../marketing-plans/api.ts';

type Props = {
  value: string | undefined;
  onChange: (plan: { id: string; title: string } | undefined) => void;
};

/**
 * 活动签到 against a marketing plan: the caller's approved plans whose feedback is not submitted,
 * running ones first. Offline the plans cannot be loaded: the check-in goes without one.
 */
export function PlanSelect({ value, onChange }: Props) {
  const { t } = useTranslation('marketingPlans');
  const plans = useExecutablePlans();
  // offline: the plans loaded before still serve; none loaded yet, the check-in goes without one
  if (plans.isError && !plans.data) return <Alert type="info" showIcon title={t('picker.offline')} />;
  return (
    <Select<string>
      aria-label={t('title')}
      allowClear
      size="large"
      loading={plans.isPending}
      placeholder={plans.data?.length === 0 ? t('picker.none') : t('picker.noPlan')}
      disabled={plans.data?.length === 0}
      value={value}
      onChange={(id) => {
        const plan = plans.data?.find((p) => p.id === id);
        onChange(plan ? { id: plan.id, title: plan.title } : undefined);
      }}
      options={(plans.data ?? []).map((p) => ({
        value: p.id,
        label: `${p.title}（${p.execution ? t(`executions.${p.execution}`) : ''} ${t('picker.dates', { start: p.startDate.slice(5), end: p.endDate.slice(5) })}）`,
      }))}
      style={{ width: '100%' }}
    />
  );
}
