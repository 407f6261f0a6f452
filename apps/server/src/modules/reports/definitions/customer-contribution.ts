import { sql } from 'drizzle-orm';
import { customerNames } from '../../customers/reporting-service.ts';
import { orderYearSource } from '../../orders/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import {
  departmentDimension,
  departmentFilter,
  ownerDimension,
  ownerFilter,
  uuidFilter,
} from '../kit/dimensions.ts';

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
    {
      key: 'customer',
      name: { 'zh-CN': '客户', 'en-US': 'Customer' },
      expr: sql`f.customer_id`,
      sqlType: 'uuid',
      label: customerNames,
    },
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
  filters: [
    uuidFilter('customer_id', 'customerId', { 'zh-CN': '客户', 'en-US': 'Customer' }, 'text'),
    ownerFilter(),
    departmentFilter,
  ],
  chart: 'bar',
  defaultTop: 20,
  drill: {
    id: sql`f.id`,
    title: sql`f.number`,
    subtitle: sql`to_char(f.at, 'YYYY-MM-DD')`,
    orderBy: sql`f.at DESC, f.id DESC`,
    link: (id) => `/orders?id=${id}`,
  },
});
