import { orderReportSource } from '../../orders/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import { departmentDimension, monthDimension, ownerDimension } from '../kit/dimensions.ts';
import { orderDrill, orderFilters, orderMeasures } from './order-parts.ts';
import { orderRollup } from './order-rollup.ts';

/**
 * 业务员销售额排名: order amounts (not cancelled) of the caller's scope in the period, by owner
 * (ranked), department or month.
 */
export const salesRanking = defineReport({
  code: 'sales-ranking',
  name: { 'zh-CN': '业务员销售额排名', 'en-US': 'Salesperson ranking' },
  requires: ['orders:view'],
  source: ({ p, from, to }) => orderReportSource(p, from, to),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [ownerDimension, departmentDimension, monthDimension],
  defaultGroupBy: 'owner',
  measures: orderMeasures,
  filters: orderFilters,
  chart: 'bar',
  defaultTop: 20,
  // whole months from the orders' monthly rollup (freshness: its last refresh)
  rollup: orderRollup,
  drill: orderDrill,
});
