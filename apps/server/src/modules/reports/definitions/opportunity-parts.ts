import { sql } from 'drizzle-orm';
import { stageNameByKey } from '../../opportunities/reporting-service.ts';
import type { Dimension, Measure, ReportDefinition, ReportFilter } from '../kit/definition.ts';
import { departmentFilter, ownerFilter } from '../kit/dimensions.ts';

/** What 销售漏斗 and 销售预测 share over the opportunities' report source. */

/** The deal's stage, in board order (the key starts with the stage's position), named as the tenant calls it. */
export const stageDimension: Dimension = {
  key: 'stage',
  name: { 'zh-CN': '销售阶段', 'en-US': 'Stage' },
  expr: sql`f.stage_key`,
  sqlType: 'text',
  label: stageNameByKey,
  order: 'key',
};

export const dealCount: Measure = {
  key: 'deals',
  name: { 'zh-CN': '机会数', 'en-US': 'Deals' },
  agg: sql`count(*)`,
  perRecord: sql`1`,
  format: 'count',
};

export const dealAmount = (name: Measure['name']): Measure => ({
  key: 'amount',
  name,
  agg: sql`coalesce(sum(f.amount), 0)::numeric(18, 2)`,
  perRecord: sql`f.amount`,
  format: 'money',
});

export const weightedAmount: Measure = {
  key: 'weighted',
  name: { 'zh-CN': '加权金额', 'en-US': 'Weighted' },
  agg: sql`coalesce(sum(f.weighted), 0)::numeric(18, 2)`,
  perRecord: sql`f.weighted`,
  format: 'money',
};

export const opportunityFilters: readonly ReportFilter[] = [ownerFilter(), departmentFilter];

/** A deal of a drill-down: its title, its expected close date, opened in the opportunities list. */
export const opportunityDrill: ReportDefinition['drill'] = {
  id: sql`f.id`,
  title: sql`f.title`,
  subtitle: sql`to_char(f.expected_close_date, 'YYYY-MM-DD')`,
  orderBy: sql`f.at DESC, f.id DESC`,
  link: (id) => `/opportunities?id=${id}`,
};
