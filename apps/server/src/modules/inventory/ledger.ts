import {
  fromScaled,
  normalizeQuantity,
  QUANTITY_SCALE,
  type StockMoveKind,
  toScaled,
} from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { stockEntries } from './schema.ts';

/**
 * The stock ledger's one writer. Each entry changes its product/warehouse balance in the same
 * transaction, under the balance row's lock, so two moves at once on one balance run one after
 * the other and the second sees the first's quantity: a move that would leave less than zero is
 * refused (409 INSUFFICIENT_STOCK) before anything is written. The check constraint on the
 * balance is the last guard.
 */

export type Entry = {
  moveId: string;
  kind: StockMoveKind;
  productId: string;
  warehouseId: string;
  locationId?: string | null;
  /** Signed, 3 decimals at most. */
  quantity: string;
  note?: string | null;
  reference?: { type: 'order'; id: string; number: string } | null;
  createdBy: string | null;
};

/**
 * Locks the balance rows of a product in these warehouses (made at 0 when missing), in one order
 * (by warehouse id) whatever the move, so a transfer A→B and one B→A at once cannot deadlock.
 */
export async function lockBalances(tx: Db, tenantId: string, productId: string, warehouseIds: string[]) {
  const ids = [...new Set(warehouseIds)].sort();
  const out = new Map<string, bigint>();
  for (const warehouseId of ids) {
    await tx.execute(
      sql`INSERT INTO stock_balances (tenant_id, product_id, warehouse_id, quantity)
        VALUES (${tenantId}, ${productId}, ${warehouseId}, 0) ON CONFLICT DO NOTHING`,
    );
    const result = await tx.execute(
      sql`SELECT quantity::text AS quantity FROM stock_balances
        WHERE tenant_id = ${tenantId} AND product_id = ${productId} AND warehouse_id = ${warehouseId} FOR UPDATE`,
    );
    out.set(warehouseId, toScaled((result.rows[0] as { quantity: string }).quantity, QUANTITY_SCALE));
  }
  return out;
}

/** Appends one entry and moves its balance (locked first by `lockBalances`); the new balance. */
export async function appendEntry(tx: Db, tenantId: string, balances: Map<string, bigint>, e: Entry) {
  const current = balances.get(e.warehouseId);
  if (current === undefined) throw new Error('balance not locked');
  const next = current + toScaled(e.quantity, QUANTITY_SCALE);
  if (next < 0n)
    throw new AppError('INSUFFICIENT_STOCK', {
      productId: e.productId,
      warehouseId: e.warehouseId,
      available: normalizeQuantity(fromScaled(current, QUANTITY_SCALE)),
    });
  const after = fromScaled(next, QUANTITY_SCALE);
  await tx.execute(
    sql`UPDATE stock_balances SET quantity = ${after}::numeric, updated_at = now()
      WHERE tenant_id = ${tenantId} AND product_id = ${e.productId} AND warehouse_id = ${e.warehouseId}`,
  );
  const id = uuidv7();
  await tx.insert(stockEntries).values({
    id,
    tenantId,
    moveId: e.moveId,
    kind: e.kind,
    productId: e.productId,
    warehouseId: e.warehouseId,
    locationId: e.locationId ?? null,
    quantity: fromScaled(toScaled(e.quantity, QUANTITY_SCALE), QUANTITY_SCALE),
    balanceAfter: after,
    note: e.note ?? null,
    refType: e.reference?.type ?? null,
    refId: e.reference?.id ?? null,
    refNumber: e.reference?.number ?? null,
    createdBy: e.createdBy,
  });
  balances.set(e.warehouseId, next);
  return { id, balanceAfter: after };
}

export const newMoveId = () => uuidv7();

/** A warehouse of the tenant (not deleted) with its status. */
export async function warehouseStatus(db: Db, tenantId: string, id: string) {
  const result = await db.execute(
    sql`SELECT status FROM warehouses WHERE tenant_id = ${tenantId} AND id = ${id} AND deleted_at IS NULL`,
  );
  return (result.rows[0] as { status: 'active' | 'inactive' } | undefined)?.status;
}
