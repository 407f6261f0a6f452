import type { Locale } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { textList, uuidList } from '../../../platform/sql-lists.ts';
import type { LabelKind, ReportDefinition } from './definition.ts';

/** The cell of the group whose key is null (未设置). */
export const NONE = '__none__';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const noneLabel = (locale: Locale) => (locale === 'zh-CN' ? '未设置' : 'Not set');

/** `key` (text) as a uuid, NULL when it is not one (as labelsOf skips such keys). */
const asUuid = (key: SQL) =>
  sql`CASE WHEN ${key} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN (${key})::uuid END`;

/**
 * The name of the group key `key` (text) as a scalar subquery — for the report's own statement,
 * so naming the groups shown costs no statement of its own — or null for a kind named after the
 * query (a module's lookup call) or not at all (`key`). The same names labelsOf gives.
 */
export function labelSql(kind: LabelKind, tenantId: string, key: SQL, locale: Locale): SQL | null {
  if (typeof kind === 'object') return kind.sql(tenantId, key, locale);
  if (kind === 'dictionary')
    return sql`(SELECT CASE WHEN ${locale} = 'en-US' AND coalesce(i.name_en, '') <> '' THEN i.name_en ELSE i.name END
      FROM dictionary_items i WHERE i.tenant_id = ${tenantId} AND i.id = ${asUuid(key)})`;
  if (kind === 'user' || kind === 'department')
    return sql`(SELECT x.name FROM ${sql.identifier(kind === 'user' ? 'users' : 'departments')} x
      WHERE x.tenant_id = ${tenantId} AND x.id = ${asUuid(key)})`;
  return null;
}

/** The names a statement gave its groups (`label` beside `k`), with 未设置 for the null key. */
export function labelsFromRows(rows: Record<string, string | null | undefined>[], locale: Locale) {
  const out = new Map<string, string>([[NONE, noneLabel(locale)]]);
  for (const r of rows) if (r.k != null && r.label != null) out.set(r.k, r.label);
  return out;
}

/**
 * What people read for the groups shown (a page of them, never the whole table): names of
 * dictionary items, users and departments in the reader's language; other keys as they are.
 */
export async function labelsOf(
  db: Db,
  tenantId: string,
  kind: LabelKind,
  keys: (string | null)[],
  locale: Locale,
): Promise<Map<string, string>> {
  const out = new Map<string, string>([[NONE, noneLabel(locale)]]);
  if (typeof kind === 'object') {
    const given = keys.filter((k): k is string => k !== null);
    if (!given.length) return out;
    const rows = await db.execute(
      sql`SELECT k, ${kind.sql(tenantId, sql`k`, locale)} AS label FROM unnest(${textList(given)}) AS u(k)`,
    );
    return labelsFromRows(rows.rows as { k: string; label: string | null }[], locale);
  }
  if (typeof kind === 'function') {
    const named = await kind(
      db,
      tenantId,
      keys.filter((k): k is string => k !== null),
      locale,
    );
    for (const [k, v] of named) out.set(k, v);
    return out;
  }
  const ids = keys.filter((k): k is string => k !== null && UUID.test(k));
  if (kind === 'key' || ids.length === 0) return out;
  const list = sql`ANY(${uuidList(ids)})`;
  const query =
    kind === 'dictionary'
      ? sql`SELECT id::text, name, name_en FROM dictionary_items WHERE tenant_id = ${tenantId} AND id = ${list}`
      : kind === 'user'
        ? sql`SELECT id::text, name, NULL AS name_en FROM users WHERE tenant_id = ${tenantId} AND id = ${list}`
        : sql`SELECT id::text, name, NULL AS name_en FROM departments WHERE tenant_id = ${tenantId} AND id = ${list}`;
  const rows = (await db.execute(query)).rows as { id: string; name: string; name_en: string | null }[];
  for (const r of rows) out.set(r.id, locale === 'en-US' && r.name_en ? r.name_en : r.name);
  return out;
}

/**
 * The filters a report ran with, as people read them (`部门=上海分公司`): only the definition's
 * filters, each given value (or its default) named — a department, person or dictionary item by
 * its name, a choice by its words, text as typed.
 */
export async function filterLabels(
  db: Db,
  tenantId: string,
  d: ReportDefinition,
  query: Record<string, unknown>,
  locale: Locale,
): Promise<string[]> {
  const out: string[] = [];
  for (const f of d.filters) {
    const given = query[f.key];
    const value = typeof given === 'string' && given ? given : f.default;
    if (!value) continue;
    const kind =
      f.label ?? (f.type === 'dictionary' || f.type === 'department' || f.type === 'user' ? f.type : null);
    const name = f.choices
      ? f.choices[value]?.[locale]
      : kind
        ? (await labelsOf(db, tenantId, kind, [value], locale)).get(value)
        : value;
    out.push(`${f.name[locale]}=${name ?? value}`);
  }
  return out;
}
