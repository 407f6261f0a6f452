import type { DictionaryType } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import { invalid } from '../../../platform/errors.ts';
import type { Dimension, ReportFilter, Words } from './definition.ts';

/** Dimensions and filters many reports share, over source columns of the same names. */

const uuidColumn = (column: string, key: string, name: Words, label: Dimension['label']): Dimension => ({
  key,
  name,
  expr: sql`f.${sql.identifier(column)}`,
  sqlType: 'uuid',
  label,
});

export const ownerDimension = uuidColumn(
  'owner_id',
  'owner',
  { 'zh-CN': '负责人', 'en-US': 'Owner' },
  'user',
);
export const departmentDimension = uuidColumn(
  'department_id',
  'department',
  { 'zh-CN': '部门', 'en-US': 'Department' },
  'department',
);
export const dictionaryDimension = (column: string, key: string, name: Words) =>
  uuidColumn(column, key, name, 'dictionary');

/** The month of the source's `month` column (`YYYY-MM` in the tenant's zone), in order. */
export const monthDimension: Dimension = {
  key: 'month',
  name: { 'zh-CN': '月份', 'en-US': 'Month' },
  expr: sql`f.month`,
  sqlType: 'text',
  label: 'key',
  order: 'key',
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A filter on a uuid column: one id (400 on the filter's key when it is not one). */
export const uuidFilter = (
  column: string,
  key: string,
  name: Words,
  type: ReportFilter['type'],
): ReportFilter => ({
  key,
  name,
  type,
  where: (value) => {
    if (!UUID.test(value)) throw invalid(key, 'not an id');
    return sql`f.${sql.identifier(column)} = ${value}::uuid`;
  },
});

/** 负责人 (or what the report calls the person) over the source's `owner_id`. */
export const ownerFilter = (name: Words = { 'zh-CN': '负责人', 'en-US': 'Owner' }) =>
  uuidFilter('owner_id', 'ownerId', name, 'user');

/** 部门 over the source's `department_id`. */
export const departmentFilter = uuidFilter(
  'department_id',
  'departmentId',
  { 'zh-CN': '部门', 'en-US': 'Department' },
  'department',
);

/** A dictionary item over a uuid column; the page offers the items of `dictionary`. */
export const dictionaryFilter = (
  column: string,
  key: string,
  name: Words,
  dictionary: DictionaryType,
): ReportFilter => ({ ...uuidFilter(column, key, name, 'dictionary'), dictionary });

/** One of a fixed set of keys over a text column (400 on another value); the page offers them by name. */
export const choiceFilter = (
  column: string,
  key: string,
  name: Words,
  choices: Record<string, Words>,
): ReportFilter => ({
  key,
  name,
  type: 'choice',
  choices,
  where: (value) => {
    if (!Object.hasOwn(choices, value)) throw invalid(key, `one of ${Object.keys(choices).join(', ')}`);
    return sql`f.${sql.identifier(column)} = ${value}`;
  },
});

/**
 * A dictionary item of a tree over a uuid column (产品分类): the item and every item under it, so a
 * category stands for its sub-categories too.
 */
export const dictionaryTreeFilter = (
  column: string,
  key: string,
  name: Words,
  dictionary: DictionaryType,
): ReportFilter => ({
  key,
  name,
  type: 'dictionary',
  dictionary,
  where: (value) => {
    if (!UUID.test(value)) throw invalid(key, 'not an id');
    return sql`f.${sql.identifier(column)} IN (WITH RECURSIVE tree AS (
        SELECT id FROM dictionary_items WHERE id = ${value}::uuid
        UNION ALL SELECT i.id FROM dictionary_items i JOIN tree ON i.parent_id = tree.id)
      SELECT id FROM tree)`;
  },
});

const regionNames = {
  province: { 'zh-CN': '省份', 'en-US': 'Province' },
  city: { 'zh-CN': '城市', 'en-US': 'City' },
  district: { 'zh-CN': '区县', 'en-US': 'District' },
} as const;

/**
 * 省份 → 城市 → 区县 over the source's `province_id`, `city_id`, `district_id` (a customer's region
 * as `regionLevels` resolves it): a province's row opens its cities, a city's its districts.
 */
export const regionDimensions: readonly Dimension[] = [
  {
    ...dictionaryDimension('province_id', 'province', regionNames.province),
    next: { groupBy: 'city', filter: 'regionId' },
  },
  {
    ...dictionaryDimension('city_id', 'city', regionNames.city),
    next: { groupBy: 'district', filter: 'regionId' },
  },
  dictionaryDimension('district_id', 'district', regionNames.district),
];

/** 地区: a province, city or district — the records anywhere in it (the page offers the region tree). */
export const regionFilter: ReportFilter = {
  ...dictionaryFilter('region_id', 'regionId', { 'zh-CN': '地区', 'en-US': 'Region' }, 'region'),
  where: (value) => {
    if (!UUID.test(value)) throw invalid('regionId', 'not an id');
    return sql`${value}::uuid IN (f.province_id, f.city_id, f.district_id)`;
  },
};
