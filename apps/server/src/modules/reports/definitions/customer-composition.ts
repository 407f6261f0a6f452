import { sql } from 'drizzle-orm';
import { invalid } from '../../../platform/errors.ts';
import { customerReportSource } from '../../customers/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import {
  departmentDimension,
  departmentFilter,
  dictionaryDimension,
  dictionaryFilter,
  ownerDimension,
  ownerFilter,
  UUID,
} from '../kit/dimensions.ts';

const province = { 'zh-CN': '省份', 'en-US': 'Province' };
const city = { 'zh-CN': '城市', 'en-US': 'City' };

/**
 * 客户构成: the active customers of the caller's scope by level, credit, satisfaction, region
 * (province → city → district: a province's row opens its cities, a city's its districts), industry, source, owner or department — counts and shares; a period counts those created in it.
 */
export const customerComposition = defineReport({
  code: 'customer-composition',
  name: { 'zh-CN': '客户构成', 'en-US': 'Customer composition' },
  requires: ['customers:view'],
  // each customer's region (the most specific item chosen) resolved to its province, city and
  // district by depth in the region tree (a municipality's districts, whose 市辖区 level the seed
  // folds away, stand at the city level); the joins are on primary keys and unused columns, so
  // PostgreSQL drops them when the report groups or filters by something else
  source: ({ p, from, to }) =>
    sql`SELECT s.*,
        coalesce(rg.id, rp.id, r.id) AS province_id,
        CASE WHEN rg.id IS NOT NULL THEN rp.id WHEN rp.id IS NOT NULL THEN r.id END AS city_id,
        CASE WHEN rg.id IS NOT NULL THEN r.id END AS district_id
      FROM (${customerReportSource(p, from, to)}) s
      LEFT JOIN dictionary_items r ON r.id = s.region_id
      LEFT JOIN dictionary_items rp ON rp.id = r.parent_id
      LEFT JOIN dictionary_items rg ON rg.id = rp.parent_id`,
  timed: true,
  defaultRange: 'all',
  dimensions: [
    dictionaryDimension('level_id', 'level', { 'zh-CN': '客户等级', 'en-US': 'Level' }),
    dictionaryDimension('industry_id', 'industry', { 'zh-CN': '行业', 'en-US': 'Industry' }),
    dictionaryDimension('source_id', 'source', { 'zh-CN': '客户来源', 'en-US': 'Source' }),
    {
      ...dictionaryDimension('province_id', 'province', province),
      next: { groupBy: 'city', filter: 'regionId' },
    },
    { ...dictionaryDimension('city_id', 'city', city), next: { groupBy: 'district', filter: 'regionId' } },
    dictionaryDimension('district_id', 'district', { 'zh-CN': '区县', 'en-US': 'District' }),
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
    {
      // a province, city or district: the customers anywhere in it
      ...dictionaryFilter('region_id', 'regionId', { 'zh-CN': '地区', 'en-US': 'Region' }, 'region'),
      where: (value) => {
        if (!UUID.test(value)) throw invalid('regionId', 'not an id');
        return sql`${value}::uuid IN (f.province_id, f.city_id, f.district_id)`;
      },
    },
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
