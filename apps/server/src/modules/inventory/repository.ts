import type { StockLedgerQuery } from '@guanxi/contract';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { onOrAfterDate, onOrBeforeDate } from '../../platform/relative-dates.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { warehouseLocations, warehouses } from './schema.ts';

export type WarehouseRow = typeof warehouses.$inferSelect;
export type LocationRow = typeof warehouseLocations.$inferSelect;

// ---- warehouses ----

export async function listWarehouses(db: Db, tenantId: string) {
  return db
    .select()
    .from(warehouses)
    .where(and(eq(warehouses.tenantId, tenantId), isNull(warehouses.deletedAt)))
    .orderBy(warehouses.code, warehouses.id);
}

export async function findWarehouse(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(warehouses)
    .where(and(eq(warehouses.tenantId, tenantId), eq(warehouses.id, id), isNull(warehouses.deletedAt)));
  return row;
}

export async function lockWarehouse(tx: Db, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(warehouses)
    .where(and(eq(warehouses.tenantId, tenantId), eq(warehouses.id, id), isNull(warehouses.deletedAt)))
    .for('update');
  return row;
}

export async function locationsOf(db: Db, tenantId: string, warehouseIds: string[]) {
  if (!warehouseIds.length) return [];
  return db
    .select()
    .from(warehouseLocations)
    .where(
      and(
        eq(warehouseLocations.tenantId, tenantId),
        sql`${warehouseLocations.warehouseId} = ANY(${uuidList(warehouseIds)})`,
      ),
    )
    .orderBy(warehouseLocations.code, warehouseLocations.id);
}

/** Warehouses (among `ids`) that ledger entries name. */
export async function warehousesInUse(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return new Set<string>();
  const result = await db.execute(
    sql`SELECT w.id FROM unnest(${uuidList(ids)}) AS w(id)
      WHERE EXISTS (SELECT 1 FROM stock_entries e WHERE e.tenant_id = ${tenantId} AND e.warehouse_id = w.id)`,
  );
  return new Set((result.rows as { id: string }[]).map((r) => r.id));
}

/** Locations (among `ids`) that ledger entries name. */
export async function locationsInUse(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return new Set<string>();
  const result = await db.execute(
    sql`SELECT DISTINCT location_id AS id FROM stock_entries
      WHERE tenant_id = ${tenantId} AND location_id = ANY(${uuidList(ids)})`,
  );
  return new Set((result.rows as { id: string }[]).map((r) => r.id));
}

export async function codeTaken(db: Db, tenantId: string, code: string, exceptId?: string) {
  const result = await db.execute(
    sql`SELECT 1 FROM warehouses WHERE tenant_id = ${tenantId} AND deleted_at IS NULL AND lower(code) = lower(${code})
      ${exceptId ? sql`AND id <> ${exceptId}` : sql``} LIMIT 1`,
  );
  return result.rows.length > 0;
}

export async function insertWarehouse(tx: Db, values: typeof warehouses.$inferInsert) {
  const [row] = await tx.insert(warehouses).values(values).returning();
  return row;
}

export function updateWarehouse(
  tx: Db,
  tenantId: string,
  id: string,
  version: number,
  values: Partial<typeof warehouses.$inferInsert>,
) {
  return tx
    .update(warehouses)
    .set({ ...values, updatedAt: new Date(), version: sql`${warehouses.version} + 1` })
    .where(
      and(
        eq(warehouses.tenantId, tenantId),
        eq(warehouses.id, id),
        eq(warehouses.version, version),
        isNull(warehouses.deletedAt),
      ),
    )
    .returning();
}

/** Makes the warehouse's locations exactly these: kept ones by id updated, missing ones removed, new ones added. */
export async function replaceLocations(
  tx: Db,
  tenantId: string,
  warehouseId: string,
  wanted: { id: string; code: string; name: string }[],
  existing: LocationRow[],
) {
  const keep = new Set(wanted.map((l) => l.id));
  for (const old of existing)
    if (!keep.has(old.id)) await tx.delete(warehouseLocations).where(eq(warehouseLocations.id, old.id));
  // codes move between rows: clear them first so the unique index never sees two at once
  for (const l of wanted)
    if (existing.some((x) => x.id === l.id))
      await tx
        .update(warehouseLocations)
        .set({ code: `~${l.id}` })
        .where(eq(warehouseLocations.id, l.id));
  for (const l of wanted) {
    if (existing.some((x) => x.id === l.id))
      await tx
        .update(warehouseLocations)
        .set({ code: l.code, name: l.name })
        .where(eq(warehouseLocations.id, l.id));
    else
      await tx
        .insert(warehouseLocations)
        .values({ id: l.id, tenantId, warehouseId, code: l.code, name: l.name });
  }
}

// ---- balances ----

/** Balances of products (among `productIds`), per warehouse: only rows that exist. */
export async function balancesOf(db: Db, tenantId: string, productIds: string[]) {
  if (!productIds.length) return [];
  const result = await db.execute(
    sql`SELECT product_id, warehouse_id, quantity::text AS quantity FROM stock_balances
      WHERE tenant_id = ${tenantId} AND product_id = ANY(${uuidList(productIds)})`,
  );
  return result.rows as { product_id: string; warehouse_id: string; quantity: string }[];
}

// ---- the ledger (alias `e`) ----

const ledgerColumns = sql`e.*, e.quantity::text AS quantity_text, e.balance_after::text AS balance_text,
  (SELECT w.name FROM warehouses w WHERE w.id = e.warehouse_id) AS warehouse_name,
  (SELECT l.name FROM warehouse_locations l WHERE l.id = e.location_id) AS location_name,
  (SELECT u.name FROM users u WHERE u.id = e.created_by) AS created_by_name`;

function ledgerFilters(tenantId: string, q: StockLedgerQuery, timeZone: string): SQL {
  const parts: SQL[] = [sql`e.tenant_id = ${tenantId}`];
  if (q.productId) parts.push(sql`e.product_id = ${q.productId}`);
  if (q.warehouseId) parts.push(sql`e.warehouse_id = ${q.warehouseId}`);
  if (q.kind) parts.push(sql`e.kind = ${q.kind}`);
  if (q.from) parts.push(onOrAfterDate(sql`e.created_at`, q.from, timeZone));
  if (q.to) parts.push(onOrBeforeDate(sql`e.created_at`, q.to, timeZone));
  if (q.q) parts.push(sql`(e.note ILIKE ${`%${likeEscape(q.q)}%`} OR e.ref_number = ${q.q})`);
  return sql.join(parts, sql` AND `);
}

/** 库存流水, newest first (keyset cursors). */
export function listLedger(db: Db, tenantId: string, q: StockLedgerQuery, timeZone: string) {
  return listPage(
    db,
    q,
    {
      columns: sql`e.*`,
      from: sql`FROM stock_entries e WHERE ${ledgerFilters(tenantId, q, timeZone)}`,
      orderBy: orderBy(q.sort, { createdAt: notNull(sql`e.created_at`) }, '-createdAt', sql`e.id`),
      decorate: { alias: 'e', columns: ledgerColumns, joins: sql`` },
    },
    (row) => row,
  );
}

export async function entriesOfMove(db: Db, tenantId: string, moveId: string) {
  const result = await db.execute(
    sql`SELECT ${ledgerColumns} FROM stock_entries e WHERE e.tenant_id = ${tenantId} AND e.move_id = ${moveId}
      ORDER BY e.id`,
  );
  return result.rows as Record<string, unknown>[];
}
