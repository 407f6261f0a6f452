import { sql } from 'drizzle-orm';
import { customerReportSource } from '../../customers/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import {
  departmentDimension,
  departmentFilter,
  dictionaryDimension,
  dictionaryFilter,
  ownerDimension,
  ownerFilter,
  regionDimensions,
  regionFilter,
} from '../kit/dimensions.ts';
import { customerCompositionRollup } from './customer-rollup.ts';

/**
 * 客户构成: the active customers of the caller's scope by level, credit, satisfaction, region
 * (province → city → district: a province's row opens its cities, a city's its districts), industry, source, owner or department — counts and shares; a period counts those created in it.
 */
export const customerComposition = defineReport({
  code: 'customer-composition',
  name: { 'zh-CN': '客户构成', 'en-US': 'Customer composition' },
  requires: ['customers:view'],
  // each customer's region comes resolved to its province, city and district (regionLevels)
  source: ({ p, from, to }) => customerReportSource(p, from, to),
  timed: true,
  defaultRange: 'all',
  dimensions: [
    dictionaryDimension('level_id', 'level', { 'zh-CN': '客户等级', 'en-US': 'Level' }),
    dictionaryDimension('industry_id', 'industry', { 'zh-CN': '行业', 'en-US': 'Industry' }),
    dictionaryDimension('source_id', 'source', { 'zh-CN': '客户来源', 'en-US': 'Source' }),
    ...regionDimensions,
    {
      key: 'credit',
      name: { 'zh-CN': '信用等级', 'en-US': 'Credit' },
      expr: sql`f.credit`,
      sqlType: 'int',
      label: 'key',
      order: 'key',
    },
    {
      key: 'satisfaction',
      name: { 'zh-CN': '满意度', 'en-US': 'Satisfaction' },
      expr: sql`f.satisfaction`,
      sqlType: 'int',
      label: 'key',
      order: 'key',
    },
    ownerDimension,
    departmentDimension,
  ],
  defaultGroupBy: 'level',
  measures: [
    {
      key: 'customers',
      name: { 'zh-CN': '客户数', 'en-US': 'Customers' },
      agg: sql`count(*)`,
      perRecord: sql`1`,
      format: 'count',
    },
  ],
  filters: [
    ownerFilter(),
    departmentFilter,
    dictionaryFilter('level_id', 'levelId', { 'zh-CN': '客户等级', 'en-US': 'Level' }, 'customer-level'),
    dictionaryFilter('industry_id', 'industryId', { 'zh-CN': '行业', 'en-US': 'Industry' }, 'industry'),
    dictionaryFilter('source_id', 'sourceId', { 'zh-CN': '客户来源', 'en-US': 'Source' }, 'customer-source'),
    regionFilter,
  ],
  chart: 'pie',
  defaultTop: 20,
  // whole months from the customers' monthly rollup for department scopes (freshness: its last refresh)
  rollup: customerCompositionRollup,
  drill: {
    id: sql`f.id`,
    title: sql`f.name`,
    subtitle: sql`f.number`,
    orderBy: sql`f.at DESC, f.id DESC`,
    link: (id) => `/customers/${id}`,
  },
});
