import { customDecimal, customFieldParam, customFieldSort } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import { invalid } from '../../platform/errors.ts';
import type { SortMap } from '../../platform/pagination.ts';
import { type FieldDef, isDay } from './values.ts';

export type CustomListSql = { where: SQL[]; sortable: SortMap };
export const noCustomListSql: CustomListSql = { where: [], sortable: {} };

/** The `cf.*` parameters and sort key of a list query (nothing to look up when there are none). */
export function customParamsOf(query: Record<string, unknown>): {
  params: [string, unknown][];
  sort?: string;
} {
  const params = Object.entries(query).filter(([name]) => customFieldParam.test(name));
  const sort = typeof query.sort === 'string' && customFieldSort.test(query.sort) ? query.sort : undefined;
  return { params, sort };
}

/** A value as a number when it looks like one (never a cast error on odd old data). */
const numeric = (value: SQL) =>
  sql`(CASE WHEN (${value}) ~ '^-?[0-9]{1,20}(\\.[0-9]{1,10})?$' THEN (${value})::numeric END)`;
const day = (value: SQL) => sql`(CASE WHEN (${value}) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN (${value}) END)`;

/**
 * Filters and sort expressions over the custom values in `column` (e.g. `c.custom`), for the
 * fields named in the query. Keys are checked against the definitions and only ever travel as
 * bound parameters, never as SQL text. Equality and "contains" are jsonb containment
 * (`custom @> {"cf_x": …}`), which the GIN index on the column serves for every field; ranges and
 * sorting compute per row (see docs/decisions.md).
 */
export function customListSql(
  defs: FieldDef[],
  column: SQL,
  query: Record<string, unknown>,
  tenantId: string,
): CustomListSql {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const { params, sort } = customParamsOf(query);
  const where: SQL[] = [];
  for (const [name, raw] of params) {
    const [, key, bound] = customFieldParam.exec(name)!;
    const path = `querystring.${name}`;
    const def = byKey.get(key);
    if (!def) throw invalid(path, 'unknown custom field');
    if (raw === undefined || raw === '') continue;
    if (typeof raw !== 'string' || raw.length > 100) throw invalid(path, 'one value');
    const text = sql`${column} ->> ${key}`;
    if (bound) {
      const op = bound === 'from' ? sql`>=` : sql`<=`;
      if (def.type === 'integer' || def.type === 'decimal') {
        if (!customDecimal.test(raw)) throw invalid(path, 'a number');
        where.push(sql`${numeric(text)} ${op} ${raw}::numeric`);
      } else if (def.type === 'date') {
        if (!isDay(raw)) throw invalid(path, 'YYYY-MM-DD');
        where.push(sql`${day(text)} ${op} ${raw}`);
      } else throw invalid(path, 'ranges only for numbers and dates');
      continue;
    }
    let value: unknown = raw;
    if (def.type === 'integer') {
      if (!/^-?\d{1,16}$/.test(raw)) throw invalid(path, 'an integer');
      value = Number(raw);
    } else if (def.type === 'decimal') {
      if (!customDecimal.test(raw)) throw invalid(path, 'a number');
      where.push(sql`${numeric(text)} = ${raw}::numeric`);
      continue;
    } else if (def.type === 'date' && !isDay(raw)) throw invalid(path, 'YYYY-MM-DD');
    else if (def.type === 'multi-select') value = [raw];
    where.push(sql`${column} @> ${JSON.stringify({ [key]: value })}::jsonb`);
  }

  const sortable: SortMap = {};
  if (sort) {
    const key = customFieldSort.exec(sort)![1];
    const def = byKey.get(key);
    if (!def) throw invalid('querystring.sort', 'unknown custom field');
    const text = sql`${column} ->> ${key}`;
    const optionOrder = () =>
      sql`ARRAY[${sql.join(
        def.options.map((o) => sql`${o.value}`),
        sql`, `,
      )}]::text[]`;
    let expression: SQL;
    switch (def.type) {
      case 'integer':
      case 'decimal':
        expression = numeric(text);
        break;
      case 'dropdown':
        // in the order the admin gave the options
        expression = def.options.length ? sql`array_position(${optionOrder()}, ${text})` : text;
        break;
      case 'multi-select':
        expression = def.options.length
          ? sql`array_position(${optionOrder()}, ${column} -> ${key} ->> 0)`
          : sql`${column} -> ${key} ->> 0`;
        break;
      case 'user':
        expression = sql`(SELECT u.name FROM users u WHERE u.tenant_id = ${tenantId} AND u.id = CASE
          WHEN (${text}) ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN (${text})::uuid END)`;
        break;
      default:
        expression = text;
    }
    sortable[`cf.${key}`] = expression;
  }
  return { where, sortable };
}
