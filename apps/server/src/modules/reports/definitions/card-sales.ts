import { sql } from 'drizzle-orm';
import { cardIssueSource } from '../../cards/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import { departmentDimension, departmentFilter, monthDimension } from '../kit/dimensions.ts';
import { batchDimension, cardCount, cardDrill, channelDimension, channelFilter } from './card-parts.ts';

/**
 * 充值卡销售: the cards issued in the period within the caller's cards scope — how many and their
 * face value — by channel, batch, month of issue or department.
 */
export const cardSales = defineReport({
  code: 'card-sales',
  name: { 'zh-CN': '充值卡销售', 'en-US': 'Card sales' },
  requires: ['cards:read'],
  source: ({ p, from, to }) => cardIssueSource(p, from, to),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [channelDimension, batchDimension, monthDimension, departmentDimension],
  defaultGroupBy: 'channel',
  measures: [
    cardCount,
    {
      key: 'faceValue',
      name: { 'zh-CN': '面值合计', 'en-US': 'Face value' },
      agg: sql`coalesce(sum(f.face_value), 0)`,
      perRecord: sql`f.face_value`,
      format: 'money',
    },
  ],
  filters: [channelFilter, departmentFilter],
  chart: 'bar',
  chartMeasures: ['faceValue'],
  defaultTop: 20,
  drill: cardDrill(sql`to_char(f.at, 'YYYY-MM-DD')`, sql`f.at DESC, f.number`),
});
