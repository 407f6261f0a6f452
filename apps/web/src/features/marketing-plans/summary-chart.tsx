import './texts.ts';
import type { PlanSummaryRow } from '@guanxi/contract';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/echart.tsx';

/** Budget and actual expenses per group as bars (¥, left), attainment as a line (%, right); the 15 largest groups. */
export function SummaryChart({ rows }: { rows: PlanSummaryRow[] }) {
  const { t } = useTranslation('marketingPlans');
  // the chart is for the eye; the table keeps the exact decimals
  const option = useMemo(() => {
    const shown = rows.slice(0, 15);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { hideOverlap: true } },
      yAxis: [
        { type: 'value', name: '¥' },
        { type: 'value', name: '%', min: 0 },
      ],
      series: [
        { name: t('summary.budget'), type: 'bar', barMaxWidth: 32, data: shown.map((r) => Number(r.budget)) },
        {
          name: t('summary.actual'),
          type: 'bar',
          barMaxWidth: 32,
          data: shown.map((r) => Number(r.actualExpenses)),
        },
        {
          name: t('summary.attainment'),
          type: 'line',
          yAxisIndex: 1,
          // groups without submitted feedback have no attainment: the line passes them by
          connectNulls: true,
          showSymbol: true,
          symbolSize: 8,
          data: shown.map((r) => r.attainment),
        },
      ],
    };
  }, [rows, t]);
  return <EChart option={option} label={t('summary.chart')} height={280} />;
}
