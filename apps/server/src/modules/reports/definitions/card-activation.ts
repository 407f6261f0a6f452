import { sql } from 'drizzle-orm';
import { cardIssueSource } from '../../cards/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import { departmentDimension, departmentFilter, monthDimension } from '../kit/dimensions.ts';
import { batchDimension, cardCount, cardDrill, channelDimension, channelFilter } from './card-parts.ts';
import { percentOf } from './rates.ts';

/**
 * 充值卡激活: of the cards issued in the period (caller's cards scope), how many have been
 * activated since, and the rate — by batch, month of issue, channel or department.
 */
export const cardActivation = defineReport({
  code: 'card-activation',
  name: { 'zh-CN': '充值卡激活', 'en-US': 'Card activation' },
  requires: ['cards:read'],
  source: ({ p, from, to }) => cardIssueSource(p, from, to),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [
    batchDimension,
    { ...monthDimension, name: { 'zh-CN': '发卡月份', 'en-US': 'Month issued' } },
    channelDimension,
    departmentDimension,
  ],
  defaultGroupBy: 'batch',
  measures: [
    { ...cardCount, name: { 'zh-CN': '发卡数', 'en-US': 'Cards issued' } },
    {
      key: 'activated',
      name: { 'zh-CN': '已激活', 'en-US': 'Activated' },
      agg: sql`count(*) FILTER (WHERE f.activated)`,
      perRecord: sql`CASE WHEN f.activated THEN 1 ELSE 0 END`,
      format: 'count',
    },
  ],
  derived: [
    {
      key: 'activationRate',
      name: { 'zh-CN': '激活率', 'en-US': 'Activation rate' },
      format: 'percent',
      compute: (v) => percentOf(v.activated, v.cards),
    },
  ],
  filters: [channelFilter, departmentFilter],
  chart: 'bar',
  chartMeasures: ['cards', 'activated'],
  defaultTop: 20,
  drill: cardDrill(sql`CASE WHEN f.activated THEN '已激活' ELSE '未激活' END`, sql`f.at DESC, f.number`),
});
