import { opportunityReportSource } from '../../opportunities/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import { departmentDimension, monthDimension, ownerDimension } from '../kit/dimensions.ts';
import {
  dealAmount,
  dealCount,
  opportunityDrill,
  opportunityFilters,
  stageDimension,
  weightedAmount,
} from './opportunity-parts.ts';

/**
 * 销售预测: the open deals of the caller's opportunities scope expected to close in the period, by
 * that month (or owner, department, stage) — weighted (amount × the deal's probability, each
 * rounded half up to the cent) and best case (every deal won at its amount).
 */
export const forecast = defineReport({
  code: 'forecast',
  name: { 'zh-CN': '销售预测', 'en-US': 'Sales forecast' },
  requires: ['opportunities:view'],
  source: ({ p, from, to }) => opportunityReportSource(p, from, to, 'close'),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [monthDimension, ownerDimension, departmentDimension, stageDimension],
  defaultGroupBy: 'month',
  measures: [weightedAmount, dealAmount({ 'zh-CN': '最佳情况', 'en-US': 'Best case' }), dealCount],
  filters: opportunityFilters,
  chart: 'bar',
  chartMeasures: ['weighted', 'amount'],
  defaultTop: 20,
  drill: opportunityDrill,
});
