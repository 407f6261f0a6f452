import { sql } from 'drizzle-orm';
import { cardConsumptionSource } from '../../cards/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import { monthDimension, uuidFilter } from '../kit/dimensions.ts';
import { batchDimension } from './card-parts.ts';

const storeName = { 'zh-CN': '门店', 'en-US': 'Store' };

/**
 * 充值卡消费: payments by card and their refunds in the period (caller's cards scope) — the amount
 * paid, refunded and net, and the number of payments — by store (the department the payment was
 * taken at), month or batch. A drill-down lists the ledger entries counted.
 */
export const cardConsumption = defineReport({
  code: 'card-consumption',
  name: { 'zh-CN': '充值卡消费', 'en-US': 'Card consumption' },
  requires: ['cards:read'],
  source: ({ p, from, to }) => cardConsumptionSource(p, from, to),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [
    {
      key: 'store',
      name: storeName,
      expr: sql`f.store_department_id`,
      sqlType: 'uuid',
      label: 'department',
    },
    monthDimension,
    batchDimension,
  ],
  defaultGroupBy: 'store',
  measures: [
    {
      key: 'payments',
      name: { 'zh-CN': '消费笔数', 'en-US': 'Payments' },
      agg: sql`count(*) FILTER (WHERE f.kind = 'consume')`,
      perRecord: sql`CASE WHEN f.kind = 'consume' THEN 1 ELSE 0 END`,
      format: 'count',
    },
    {
      key: 'consumed',
      name: { 'zh-CN': '消费金额', 'en-US': 'Paid' },
      agg: sql`coalesce(sum(f.consumed), 0)`,
      perRecord: sql`f.consumed`,
      format: 'money',
    },
    {
      key: 'refunded',
      name: { 'zh-CN': '退款金额', 'en-US': 'Refunded' },
      agg: sql`coalesce(sum(f.refunded), 0)`,
      perRecord: sql`f.refunded`,
      format: 'money',
    },
    {
      key: 'net',
      name: { 'zh-CN': '净消费', 'en-US': 'Net paid' },
      agg: sql`coalesce(sum(f.consumed - f.refunded), 0)`,
      perRecord: sql`f.consumed - f.refunded`,
      format: 'money',
    },
  ],
  filters: [uuidFilter('store_department_id', 'storeId', storeName, 'department')],
  chart: 'bar',
  chartMeasures: ['net'],
  defaultTop: 20,
  drill: {
    id: sql`f.id`,
    title: sql`f.number`,
    subtitle: sql`(CASE f.kind WHEN 'consume' THEN '消费' ELSE '退款' END) || ' · ' || to_char(f.at, 'YYYY-MM-DD')`,
    orderBy: sql`f.at DESC, f.id DESC`,
    // an entry: its card's page lists it (the entry's id does not name the card)
    link: () => null,
  },
});
