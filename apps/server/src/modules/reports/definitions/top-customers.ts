import { sql } from 'drizzle-orm';
import { invalid } from '../../../platform/errors.ts';
import { customerNames } from '../../customers/reporting-service.ts';
import { customerOrderSource } from '../../orders/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import { departmentDimension, departmentFilter, ownerDimension, ownerFilter } from '../kit/dimensions.ts';

/** The amount a 大客户 has ordered at least in the period unless `min` says otherwise. */
export const TOP_CUSTOMER_MIN = '100000';

/**
 * 大客户: the customers whose orders (not cancelled) in the caller's scope and period amount to at
 * least `min` (default 100,000), one row each, by customer or by the customer's 负责人
 * or department.
 */
export const topCustomers = defineReport({
  code: 'top-customers',
  name: { 'zh-CN': '大客户', 'en-US': 'Top customers' },
  requires: ['orders:view'],
  source: ({ p, from, to }) => customerOrderSource(p, from, to),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [
    {
      key: 'customer',
      name: { 'zh-CN': '客户', 'en-US': 'Customer' },
      expr: sql`f.id`,
      sqlType: 'uuid',
      label: customerNames,
    },
    ownerDimension,
    departmentDimension,
  ],
  defaultGroupBy: 'customer',
  measures: [
    {
      key: 'amount',
      name: { 'zh-CN': '订单金额', 'en-US': 'Order amount' },
      agg: sql`coalesce(sum(f.amount), 0)`,
      perRecord: sql`f.amount`,
      format: 'money',
    },
    {
      key: 'customers',
      name: { 'zh-CN': '客户数', 'en-US': 'Customers' },
      agg: sql`count(*)`,
      perRecord: sql`1`,
      format: 'count',
    },
    {
      key: 'orders',
      name: { 'zh-CN': '订单数', 'en-US': 'Orders' },
      agg: sql`coalesce(sum(f.orders), 0)`,
      perRecord: sql`f.orders`,
      format: 'count',
      share: false,
    },
  ],
  filters: [
    {
      key: 'min',
      name: { 'zh-CN': '金额下限', 'en-US': 'Minimum amount' },
      type: 'text',
      default: TOP_CUSTOMER_MIN,
      where: (value) => {
        if (!/^\d{1,13}(\.\d{1,2})?$/.test(value)) throw invalid('min', 'an amount');
        return sql`f.amount >= ${value}::numeric`;
      },
    },
    ownerFilter(),
    departmentFilter,
  ],
  chart: 'bar',
  defaultTop: 50,
  drill: {
    id: sql`f.id`,
    title: sql`coalesce(f.name, '')`,
    subtitle: sql`f.number`,
    orderBy: sql`f.amount DESC, f.id DESC`,
    link: (id) => `/customers/${id}`,
  },
});
