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
