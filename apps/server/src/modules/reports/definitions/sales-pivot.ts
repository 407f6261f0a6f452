import { orderReportSource } from '../../orders/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import { departmentDimension, monthDimension, ownerDimension } from '../kit/dimensions.ts';
import { orderDrill, orderFilters, orderMeasures } from './order-parts.ts';
import { orderRollup } from './order-rollup.ts';

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
  measures: orderMeasures,
  filters: orderFilters,
  chart: 'bar',
  defaultTop: 20,
  // whole months from the orders' monthly rollup (freshness: its last refresh)
  rollup: orderRollup,
  drill: orderDrill,
});
