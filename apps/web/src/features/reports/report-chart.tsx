import type { ReportResult } from '@guanxi/contract';
import { useMemo } from 'react';
import { EChart } from '../../components/echart.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';

/** The report's chart from its rows: bars (or a line over months), a pie of shares, or a funnel of stages. */
export function ReportChart({ result, height }: { result: ReportResult; height?: number }) {
  const isPhone = useIsPhone();
  const option = useMemo(() => {
    const key = result.chart.measures[0];
    const measure = result.columns.find((c) => c.key === key);
    const names = result.rows.map((r) => String(r[result.groupBy] ?? ''));
    const values = result.rows.map((r) => Number(r[key] ?? 0));
    if (!measure) return {};
    if (result.chart.type === 'pie')
      return {
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { type: 'scroll', bottom: 0 },
        series: [
          {
            type: 'pie',
            // a phone has no room for the slices' names around the ring: the legend names them
            radius: isPhone ? ['30%', '70%'] : ['35%', '65%'],
            label: { show: !isPhone },
            name: measure.name,
            data: names.map((name, i) => ({ name, value: values[i] })),
          },
        ],
      };
    if (result.chart.type === 'funnel')
      // stages as the rows come (board order), not re-sorted by size: a later stage may hold more
      return {
        tooltip: { trigger: 'item', formatter: '{b}: {c}' },
        series: [
          {
            type: 'funnel',
            sort: 'none',
            left: '10%',
            width: '80%',
            minSize: '10%',
            name: measure.name,
            label: { position: 'inside', formatter: '{b}  {c}' },
            data: names.map((name, i) => ({ name, value: values[i] })),
          },
        ],
      };
    const compareKey = `${key}Compare`;
    const compare = result.columns.find((c) => c.key === compareKey);
    const type = result.chart.type === 'line' ? 'line' : 'bar';
    if (result.chart.measures.length > 1) {
      // several figures (a pivot's columns, planned vs received): a series each, stacked for a pivot
      const stacked = result.chart.measures.every((k) => k.startsWith('c:'));
      return {
        tooltip: { trigger: 'axis' },
        legend: { type: 'scroll', top: 0 },
        grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: names,
          axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 },
        },
        yAxis: { type: 'value' },
        series: result.chart.measures.map((k) => ({
          type,
          name: result.columns.find((c) => c.key === k)?.name ?? k,
          stack: stacked ? 'pivot' : undefined,
          data: result.rows.map((r) => Number(r[k] ?? 0)),
        })),
      };
    }
    return {
      tooltip: { trigger: 'axis' },
      legend: compare ? { top: 0 } : undefined,
      grid: { left: 8, right: 8, top: compare ? 32 : 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value' },
      series: [
        { type, name: measure.name, data: values },
        ...(compare
          ? [{ type, name: compare.name, data: result.rows.map((r) => Number(r[compareKey] ?? 0)) }]
          : []),
      ],
    };
  }, [result, isPhone]);
  return <EChart option={option} label={result.name} height={height} />;
}
