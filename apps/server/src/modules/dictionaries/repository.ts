import type { DictionaryType } from '@guanxi/contract';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dictionaryItems } from './schema.ts';

export type ItemRow = typeof dictionaryItems.$inferSelect;
const t = dictionaryItems;

const ofType = (tenantId: string, type: string) => and(eq(t.tenantId, tenantId), eq(t.type, type));
const parentIs = (parentId: string | null) => (parentId ? eq(t.parentId, parentId) : isNull(t.parentId));

export function listItems(
  db: Db,
  tenantId: string,
  type: DictionaryType,
  f: { parentId?: string | null; validOnly?: boolean },
) {
  return db
    .select()
    .from(t)
    .where(
      and(
        ofType(tenantId, type),
        f.parentId !== undefined ? parentIs(f.parentId) : undefined,
        f.validOnly ? eq(t.valid, true) : undefined,
      ),
    )
    .orderBy(asc(t.parentId), asc(t.sortOrder), asc(t.id));
}

export async function summaries(db: Db, tenantId: string) {
  const result = await db.execute(sql`SELECT type, count(*)::int8 AS total,
      count(*) FILTER (WHERE NOT valid)::int8 AS invalid
    FROM dictionary_items WHERE tenant_id = ${tenantId} GROUP BY type`);
  return result.rows as { type: string; total: number; invalid: number }[];
}

export async function findItem(db: Db, tenantId: string, type: string, id: string) {
  const [row] = await db
    .select()
    .from(t)
    .where(and(ofType(tenantId, type), eq(t.id, id)));
  return row as ItemRow | undefined;
}

/** Locks and returns the siblings of a level in order (for reordering). */
export async function lockSiblings(tx: Db, tenantId: string, type: string, parentId: string | null) {
  return tx
    .select()
    .from(t)
    .where(and(ofType(tenantId, type), parentIs(parentId)))
    .orderBy(asc(t.sortOrder), asc(t.id))
    .for('update');
}

export async function nextSortOrder(tx: Db, tenantId: string, type: string, parentId: string | null) {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${t.sortOrder}), 0)::int + 1` })
    .from(t)
    .where(and(ofType(tenantId, type), parentIs(parentId)));
  return Number(row.n);
}

export async function nameTaken(
  db: Db,
  tenantId: string,
  type: string,
  parentId: string | null,
  name: string,
  exceptId?: string,
) {
  const [row] = await db
    .select({ id: t.id })
    .from(t)
    .where(
      and(
        ofType(tenantId, type),
        parentIs(parentId),
        eq(t.name, name),
        exceptId ? ne(t.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function insertItem(tx: Db, values: typeof t.$inferInsert) {
  const [row] = await tx.insert(t).values(values).returning();
  return row;
}

export function updateItem(
  tx: Db,
  tenantId: string,
  id: string,
  version: number,
  values: Partial<Pick<ItemRow, 'name' | 'nameEn' | 'remark'>>,
) {
  return tx
    .update(t)
    .set({ ...values, updatedAt: new Date(), version: sql`${t.version} + 1` })
    .where(and(eq(t.tenantId, tenantId), eq(t.id, id), eq(t.version, version)))
    .returning();
}

export async function setSortOrder(tx: Db, id: string, sortOrder: number) {
  await tx.update(t).set({ sortOrder }).where(eq(t.id, id));
}

/** Items of `ids` and, for trees, everything below them (invalidating a province invalidates its cities). */
export async function withDescendants(
  tx: Db,
  tenantId: string,
  type: string,
  ids: string[],
): Promise<ItemRow[]> {
  const result = await tx.execute(sql`WITH RECURSIVE sub AS (
      SELECT * FROM dictionary_items WHERE tenant_id = ${tenantId} AND type = ${type}
        AND id IN (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
      UNION SELECT d.* FROM dictionary_items d JOIN sub ON d.parent_id = sub.id
    ) SELECT id, name, valid, version FROM sub`);
  return result.rows as ItemRow[];
}

export function setValid(tx: Db, tenantId: string, ids: string[], valid: boolean) {
  return tx
    .update(t)
    .set({ valid, updatedAt: new Date(), version: sql`${t.version} + 1` })
    .where(and(eq(t.tenantId, tenantId), inArray(t.id, ids), ne(t.valid, valid)))
    .returning({ id: t.id, name: t.name });
}

export async function hasChildren(db: Db, tenantId: string, type: string, id: string) {
  const [row] = await db
    .select({ id: t.id })
    .from(t)
    .where(and(ofType(tenantId, type), eq(t.parentId, id)))
    .limit(1);
  return Boolean(row);
}

export async function deleteItem(tx: Db, tenantId: string, id: string, version: number) {
  return tx
    .delete(t)
    .where(and(eq(t.tenantId, tenantId), eq(t.id, id), eq(t.version, version)))
    .returning({ id: t.id });
}

export async function typesPresent(db: Db, tenantId: string): Promise<Set<string>> {
  const rows = await db.selectDistinct({ type: t.type }).from(t).where(eq(t.tenantId, tenantId));
  return new Set(rows.map((r) => r.type));
}

export async function insertMany(tx: Db, rows: (typeof t.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 500) await tx.insert(t).values(rows.slice(i, i + 500));
}

/** Whether `column` of `table` still points at the item (reference registry check). */
export async function referenced(db: Db, tenantId: string, table: string, column: string, id: string) {
  const result = await db.execute(
    sql`SELECT 1 FROM ${sql.identifier(table)} WHERE tenant_id = ${tenantId} AND ${sql.identifier(column)} = ${id} LIMIT 1`,
  );
  return result.rows.length > 0;
}
