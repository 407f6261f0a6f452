import './texts.ts';
import type { CampaignRoi } from '@guanxi/contract';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/echart.tsx';

type Channel = CampaignRoi['channels'][number] & { label: string };

/** 各渠道费用与线索: cost as bars (left axis, ¥), leads and customers as lines (right axis). */
export function RoiChart({ channels }: { channels: Channel[] }) {
  const { t } = useTranslation('campaigns');
  // the chart's figures are for the eye; the tables below keep the exact decimals
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      // the legend below: above, it ran into the axis names on a phone
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, bottom: 32, top: 36, containLabel: true },
      xAxis: {
        type: 'category',
        data: channels.map((c) => c.label),
        axisLabel: { interval: 0, hideOverlap: true },
      },
      yAxis: [
        { type: 'value', name: `${t('roi.cost')} (¥)` },
        { type: 'value', name: t('roi.leads'), minInterval: 1 },
      ],
      series: [
        { name: t('roi.cost'), type: 'bar', data: channels.map((c) => Number(c.cost)), barMaxWidth: 40 },
        { name: t('roi.leads'), type: 'line', yAxisIndex: 1, data: channels.map((c) => c.leads) },
        { name: t('roi.customers'), type: 'line', yAxisIndex: 1, data: channels.map((c) => c.customers) },
      ],
    }),
    [channels, t],
  );
  return <EChart option={option} label={t('roi.chartTitle')} />;
}
