import { opportunityReportSource } from '../../opportunities/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import { departmentDimension, ownerDimension } from '../kit/dimensions.ts';
import {
  dealAmount,
  dealCount,
  opportunityDrill,
  opportunityFilters,
  stageDimension,
  weightedAmount,
} from './opportunity-parts.ts';

/**
 * 销售漏斗: the open deals of the caller's opportunities scope by stage in board order (or by owner,
 * department) — how many and how much; a period counts the deals opened in it.
 */
export const funnel = defineReport({
  code: 'funnel',
  name: { 'zh-CN': '销售漏斗', 'en-US': 'Sales funnel' },
  requires: ['opportunities:view'],
  source: ({ p, from, to }) => opportunityReportSource(p, from, to, 'created'),
  timed: true,
  defaultRange: 'all',
  dimensions: [stageDimension, ownerDimension, departmentDimension],
  defaultGroupBy: 'stage',
  measures: [dealCount, dealAmount({ 'zh-CN': '预计金额', 'en-US': 'Amount' }), weightedAmount],
  filters: opportunityFilters,
  chart: 'funnel',
  chartMeasures: ['deals'],
  defaultTop: 20,
  drill: opportunityDrill,
});
