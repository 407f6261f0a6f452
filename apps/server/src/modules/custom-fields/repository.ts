import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/audit.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { customFields } from './schema.ts';

export type FieldRow = typeof customFields.$inferSelect;
const t = customFields;

const live = (tenantId: string, entity: string) =>
  and(eq(t.tenantId, tenantId), eq(t.entity, entity), isNull(t.deletedAt));

/** The live (not deleted) fields of an entity in order, enabled or not. */
export function listFields(db: Db, tenantId: string, entity: string) {
  return db.select().from(t).where(live(tenantId, entity)).orderBy(asc(t.sortOrder), asc(t.id));
}

export async function findField(db: Db, tenantId: string, id: string, lock = false) {
  const query = db
    .select()
    .from(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.id, id), isNull(t.deletedAt)));
  const [row] = lock ? await query.for('update') : await query;
  return row as FieldRow | undefined;
}

/** Locks the entity's fields in order (serialises creates, moves and deletes of one entity). */
export function lockFields(tx: Db, tenantId: string, entity: string) {
  return tx.select().from(t).where(live(tenantId, entity)).orderBy(asc(t.sortOrder), asc(t.id)).for('update');
}

export async function titleTaken(db: Db, tenantId: string, entity: string, title: string, exceptId?: string) {
  const [row] = await db
    .select({ id: t.id })
    .from(t)
    .where(and(live(tenantId, entity), eq(t.title, title), exceptId ? ne(t.id, exceptId) : undefined))
    .limit(1);
  return Boolean(row);
}

export async function keyExists(db: Db, tenantId: string, entity: string, key: string) {
  const [row] = await db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.entity, entity), eq(t.key, key)))
    .limit(1);
  return Boolean(row);
}

export async function insertField(tx: Db, values: typeof t.$inferInsert) {
  const [row] = await tx.insert(t).values(values).returning();
  return row;
}

export function updateField(
  tx: Db,
  tenantId: string,
  id: string,
  version: number,
  values: Partial<
    Pick<FieldRow, 'title' | 'required' | 'enabled' | 'options' | 'dependsOn' | 'optionParents' | 'deletedAt'>
  >,
) {
  return tx
    .update(t)
    .set({ ...values, updatedAt: new Date(), version: sql`${t.version} + 1` })
    .where(and(eq(t.tenantId, tenantId), eq(t.id, id), eq(t.version, version), isNull(t.deletedAt)))
    .returning();
}

export async function setSortOrder(tx: Db, id: string, sortOrder: number) {
  await tx.update(t).set({ sortOrder }).where(eq(t.id, id));
}

/** Whether a live record of the table holds a value under `key`. */
export async function holdsValues(db: Db, tenantId: string, table: string, column: string, key: string) {
  const result = await db.execute(sql`SELECT 1 FROM ${sql.identifier(table)}
    WHERE tenant_id = ${tenantId} AND deleted_at IS NULL AND ${sql.identifier(column)} ? ${key}
      AND ${sql.identifier(column)} -> ${key} NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb)
    LIMIT 1`);
  return result.rows.length > 0;
}

/** Active users of the tenant among `ids`. */
export async function activeUsers(db: Db, tenantId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const result = await db.execute(sql`SELECT id FROM users WHERE tenant_id = ${tenantId}
    AND deleted_at IS NULL AND status = 'active'
    AND id = ANY(${uuidList(ids)})`);
  return new Set((result.rows as { id: string }[]).map((r) => r.id));
}

/** id → name of the tenant's users (for exports of user fields; tenants have thousands at most). */
export async function userNames(db: Db, tenantId: string): Promise<Map<string, string>> {
  const result = await db.execute(sql`SELECT id, name FROM users WHERE tenant_id = ${tenantId}`);
  return new Map((result.rows as { id: string; name: string }[]).map((r) => [r.id, r.name]));
}

/**
 * Replaces an option value in every record of the table (live or deleted) in one statement, and
 * writes one audit row per changed record (`custom.<key>`: before → after) in the same statement.
 * Returns how many records changed.
 */
export async function replaceOption(
  tx: Db,
  actor: Actor,
  target: { table: string; column: string; auditEntity: string },
  field: { key: string; multiple: boolean; title: string },
  from: string,
  to: string,
): Promise<number> {
  const table = sql.identifier(target.table);
  const col = sql.identifier(target.column);
  const key = field.key;
  const match = field.multiple
    ? sql`jsonb_typeof(r.${col} -> ${key}) = 'array' AND r.${col} -> ${key} @> jsonb_build_array(${from}::text)`
    : sql`r.${col} ->> ${key} = ${from}`;
  // multi-select: the replaced list keeps its order and drops a repeat of `to`
  const replaced = field.multiple
    ? sql`(SELECT jsonb_agg(el ORDER BY first) FROM (
          SELECT CASE WHEN v = ${from} THEN ${to}::text ELSE v END AS el, min(ord) AS first
          FROM jsonb_array_elements_text(target.old) WITH ORDINALITY AS a(v, ord) GROUP BY 1) s)`
    : sql`to_jsonb(${to}::text)`;
  const result = await tx.execute(sql`WITH target AS (
      SELECT r.id, r.${col} -> ${key} AS old FROM ${table} r
      WHERE r.tenant_id = ${actor.tenantId} AND ${match}
      FOR UPDATE
    ), changed AS (
      UPDATE ${table} r SET ${col} = jsonb_set(r.${col}, ARRAY[${key}::text], ${replaced}),
        version = r.version + 1, updated_at = now()
      FROM target WHERE r.id = target.id
      RETURNING r.id, target.old, r.${col} -> ${key} AS new
    ), audited AS (
      INSERT INTO audit_logs (tenant_id, user_id, user_name, ip, action, entity, entity_id, summary, changes)
      SELECT ${actor.tenantId}::uuid, ${actor.userId}::uuid, ${actor.userName}::text, ${actor.ip ?? null}::text,
        'replace-option', ${target.auditEntity}::text, id, ${`${field.title}: ${from} → ${to}`}::text,
        jsonb_build_object(${`custom.${key}`}::text, jsonb_build_array(old, new))
      FROM changed
      RETURNING 1
    ) SELECT count(*)::int8 AS n FROM audited`);
  return Number((result.rows[0] as { n: number }).n);
}
