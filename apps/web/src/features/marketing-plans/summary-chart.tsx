import './texts.ts';
import type { PlanSummaryRow } from '@guanxi/contract';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Budget and actual expenses per group as bars (¥, left), attainment as a line (%, right); the 15 largest groups. */
export function SummaryChart({ rows }: { rows: PlanSummaryRow[] }) {
  const { t } = useTranslation('marketingPlans');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const shown = rows.slice(0, 15);
    const chart = echarts.init(ref.current);
    // the chart is for the eye; the table keeps the exact decimals
    chart.setOption({
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
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(ref.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [rows, t]);
  return <div ref={ref} role="img" aria-label={t('summary.chart')} style={{ width: '100%', height: 280 }} />;
}
