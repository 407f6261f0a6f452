import { sql } from 'drizzle-orm';
import { orderYearSource } from '../../orders/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import { departmentDimension, departmentFilter, ownerDimension, ownerFilter } from '../kit/dimensions.ts';
import { customerDimension, customerFilter, orderDrill } from './order-parts.ts';

/**
 * 客户贡献: the order amount (not cancelled) of each customer in the caller's scope and period,
 * ranked, with its share of the total; growth is the kit's comparison (compare=lastYear), and
 * grouping by year shows a customer's years side by side.
 */
export const customerContribution = defineReport({
  code: 'customer-contribution',
  name: { 'zh-CN': '客户贡献', 'en-US': 'Customer contribution' },
  requires: ['orders:view'],
  source: ({ p, from, to }) => orderYearSource(p, from, to),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [
    customerDimension,
    {
      key: 'year',
      name: { 'zh-CN': '年度', 'en-US': 'Year' },
      expr: sql`f.year`,
      sqlType: 'text',
      label: 'key',
      order: 'key',
    },
    ownerDimension,
    departmentDimension,
  ],
  defaultGroupBy: 'customer',
  measures: [
    {
      key: 'amount',
      name: { 'zh-CN': '订单金额', 'en-US': 'Order amount' },
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
  ],
  filters: [customerFilter, ownerFilter(), departmentFilter],
  chart: 'bar',
  defaultTop: 20,
  drill: orderDrill,
});
