import { sql } from 'drizzle-orm';
import type { Measure, ReportDefinition, ReportFilter } from '../kit/definition.ts';
import { departmentFilter, ownerFilter } from '../kit/dimensions.ts';

/** What 业务员销售额排名 and 销售分析 share over the orders' report source. */

export const orderMeasures: Measure[] = [
  {
    key: 'amount',
    name: { 'zh-CN': '销售额', 'en-US': 'Sales' },
    agg: sql`coalesce(sum(f.total), 0)`,
    perRecord: sql`f.total`,
    format: 'money',
  },
  {
    key: 'orders',
    name: { 'zh-CN': '订单数', 'en-US': 'Orders' },
    agg: sql`count(*)`,
    perRecord: sql`1`,
    format: 'count',
  },
];

export const orderFilters: ReportFilter[] = [departmentFilter, ownerFilter()];

/** An order of the drill-down: its number and date, opening the order. */
export const orderDrill: ReportDefinition['drill'] = {
  id: sql`f.id`,
  title: sql`f.number`,
  subtitle: sql`to_char(f.at, 'YYYY-MM-DD')`,
  orderBy: sql`f.at DESC, f.id DESC`,
  link: (id) => `/orders?id=${id}`,
};
