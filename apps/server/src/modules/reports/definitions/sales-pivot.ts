import { sql } from 'drizzle-orm';
import { invalid } from '../../../platform/errors.ts';
import { orderReportSource } from '../../orders/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import { departmentDimension, monthDimension, ownerDimension, uuidFilter } from '../kit/dimensions.ts';

const bad = (field: string) => invalid(field, 'not an id');

/**
 * 销售分析: order amounts of the caller's scope in the period by any one dimension, or as a pivot
 * of two (`groupBy2`: rows × columns, e.g. 部门 × 月份).
 */
export const salesPivot = defineReport({
  code: 'sales-pivot',
  name: { 'zh-CN': '销售分析', 'en-US': 'Sales analysis' },
  requires: ['orders:view'],
  source: ({ p, from, to }) => orderReportSource(p, from, to),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [departmentDimension, ownerDimension, monthDimension],
  defaultGroupBy: 'department',
  pivot: true,
  measures: [
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
  ],
  filters: [
    uuidFilter(
      'department_id',
      'departmentId',
      { 'zh-CN': '部门', 'en-US': 'Department' },
      'department',
      bad,
    ),
    uuidFilter('owner_id', 'ownerId', { 'zh-CN': '负责人', 'en-US': 'Owner' }, 'user', bad),
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
