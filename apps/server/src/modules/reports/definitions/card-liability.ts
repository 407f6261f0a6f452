import { sql } from 'drizzle-orm';
import { cardHoldingSource } from '../../cards/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import { departmentDimension, departmentFilter } from '../kit/dimensions.ts';
import {
  batchDimension,
  cardCount,
  cardDrill,
  channelDimension,
  channelFilter,
  statusDimension,
} from './card-parts.ts';

/**
 * 充值卡余额负债: what the cards of the caller's scope hold now (not a period) — the cards not
 * scrapped or expired with a balance — by batch, channel, status or department.
 */
export const cardLiability = defineReport({
  code: 'card-liability',
  name: { 'zh-CN': '充值卡余额负债', 'en-US': 'Card liability' },
  requires: ['cards:read'],
  source: ({ p }) => cardHoldingSource(p),
  timed: false,
  defaultRange: 'all',
  dimensions: [batchDimension, channelDimension, statusDimension, departmentDimension],
  defaultGroupBy: 'batch',
  measures: [
    cardCount,
    {
      key: 'balance',
      name: { 'zh-CN': '未用余额', 'en-US': 'Outstanding balance' },
      agg: sql`coalesce(sum(f.balance), 0)`,
      perRecord: sql`f.balance`,
      format: 'money',
    },
  ],
  filters: [channelFilter, departmentFilter],
  chart: 'bar',
  chartMeasures: ['balance'],
  defaultTop: 20,
  drill: cardDrill(sql`f.balance::text`),
});
