import { sql } from 'drizzle-orm';
import { invalid } from '../../../platform/errors.ts';
import { cardHoldingSource } from '../../cards/reporting-service.ts';
import { defineReport, type Words } from '../kit/definition.ts';
import { departmentDimension, departmentFilter } from '../kit/dimensions.ts';
import { batchDimension, cardCount, cardDrill } from './card-parts.ts';

const windows: Record<string, Words> = Object.fromEntries(
  [7, 30, 60, 90].map((n) => [String(n), { 'zh-CN': `${n} 天内`, 'en-US': `Within ${n} days` }]),
);

/**
 * 即将过期充值卡: the cards of the caller's scope holding value whose last day is from the tenant's
 * today to N days on (`within`, 30 unless asked) — how many and what they hold — by batch, month of
 * expiry or department; a drill-down lists the cards.
 */
export const cardExpiring = defineReport({
  code: 'card-expiring',
  name: { 'zh-CN': '即将过期充值卡', 'en-US': 'Cards expiring soon' },
  requires: ['cards:read'],
  source: ({ p }) => cardHoldingSource(p),
  timed: false,
  defaultRange: 'all',
  dimensions: [
    batchDimension,
    {
      key: 'month',
      name: { 'zh-CN': '到期月份', 'en-US': 'Month of expiry' },
      expr: sql`f.expiry_month`,
      sqlType: 'text',
      label: 'key',
      order: 'key',
    },
    departmentDimension,
  ],
  defaultGroupBy: 'batch',
  measures: [
    cardCount,
    {
      key: 'balance',
      name: { 'zh-CN': '到期余额', 'en-US': 'Balance expiring' },
      agg: sql`coalesce(sum(f.balance), 0)`,
      perRecord: sql`f.balance`,
      format: 'money',
    },
  ],
  filters: [
    {
      key: 'within',
      name: { 'zh-CN': '到期时间', 'en-US': 'Expiring' },
      type: 'choice',
      choices: windows,
      default: '30',
      where: (value) => {
        if (!Object.hasOwn(windows, value))
          throw invalid('within', `one of ${Object.keys(windows).join(', ')}`);
        return sql`f.days_left BETWEEN 0 AND ${Number(value)}`;
      },
    },
    departmentFilter,
  ],
  chart: 'bar',
  chartMeasures: ['balance'],
  defaultTop: 20,
  drill: cardDrill(
    sql`to_char(f.expires_at, 'YYYY-MM-DD') || ' · ' || f.balance::text`,
    sql`f.expires_at, f.number`,
  ),
});
