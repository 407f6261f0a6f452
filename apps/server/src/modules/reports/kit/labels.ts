import type { Locale } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { uuidList } from '../../../platform/sql-lists.ts';
import type { LabelKind, ReportDefinition } from './definition.ts';

/** The cell of the group whose key is null (未设置). */
export const NONE = '__none__';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  const out = new Map<string, string>([[NONE, locale === 'zh-CN' ? '未设置' : 'Not set']]);
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
