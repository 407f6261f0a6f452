import { sql } from 'drizzle-orm';
import { invalid } from '../../../platform/errors.ts';
import { customerReportSource } from '../../customers/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import { departmentDimension, dictionaryDimension, ownerDimension, uuidFilter } from '../kit/dimensions.ts';

const bad = (field: string) => invalid(field, 'not an id');

/**
 * 客户构成: the active customers of the caller's scope by level, credit, satisfaction, region,
 * industry, source, owner or department — counts and shares; a period counts those created in it.
 */
export const customerComposition = defineReport({
  code: 'customer-composition',
  name: { 'zh-CN': '客户构成', 'en-US': 'Customer composition' },
  requires: ['customers:view'],
  source: ({ p, from, to }) => customerReportSource(p, from, to),
  timed: true,
  defaultRange: 'all',
  dimensions: [
    dictionaryDimension('level_id', 'level', { 'zh-CN': '客户等级', 'en-US': 'Level' }),
    dictionaryDimension('industry_id', 'industry', { 'zh-CN': '行业', 'en-US': 'Industry' }),
    dictionaryDimension('source_id', 'source', { 'zh-CN': '客户来源', 'en-US': 'Source' }),
    dictionaryDimension('region_id', 'region', { 'zh-CN': '地区', 'en-US': 'Region' }),
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
    uuidFilter('owner_id', 'ownerId', { 'zh-CN': '负责人', 'en-US': 'Owner' }, 'user', bad),
    uuidFilter(
      'department_id',
      'departmentId',
      { 'zh-CN': '部门', 'en-US': 'Department' },
      'department',
      bad,
    ),
    uuidFilter('level_id', 'levelId', { 'zh-CN': '客户等级', 'en-US': 'Level' }, 'dictionary', bad),
  ],
  chart: 'pie',
  defaultTop: 20,
  drill: {
    id: sql`f.id`,
    title: sql`f.name`,
    subtitle: sql`f.number`,
    orderBy: sql`f.at DESC, f.id DESC`,
    link: (id) => `/customers/${id}`,
  },
});
