import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/audit.ts';
import { writeAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { appendEntry, lockBalances, newMoveId, warehouseStatus } from './ledger.ts';

/**
 * What orders (delivery) and products build on. Stands alone (imports no module): the inventory
 * module's own tables and ledger.
 */

/**
 * One stock ledger entry in the caller's transaction; locks the product/warehouse balance row;
 * throws AppError INSUFFICIENT_STOCK (409, details {productId, warehouseId, available}) when it
 * would go below 0. The warehouse must be active (409 WAREHOUSE_INACTIVE; 400 when it is not the
 * tenant's); the product is the caller's to check (its order line names it). Audited.
 */
export async function recordStockMove(
  tx: Db,
  actor: Actor,
  move: {
    kind: 'in' | 'out';
    productId: string;
    warehouseId: string;
    quantity: string;
    reference?: { type: 'order'; id: string; number: string };
    note?: string;
  },
): Promise<void> {
  const status = await warehouseStatus(tx, actor.tenantId, move.warehouseId);
  if (!status)
    throw new AppError('VALIDATION_FAILED', [{ path: 'warehouseId', message: 'no such warehouse' }]);
  if (status !== 'active') throw new AppError('WAREHOUSE_INACTIVE');
  const balances = await lockBalances(tx, actor.tenantId, move.productId, [move.warehouseId]);
  const moveId = newMoveId();
  const signed = move.kind === 'out' ? `-${move.quantity.trim()}` : move.quantity.trim();
  const { balanceAfter } = await appendEntry(tx, actor.tenantId, balances, {
    moveId,
    kind: move.kind,
    productId: move.productId,
    warehouseId: move.warehouseId,
    quantity: signed,
    note: move.note ?? null,
    reference: move.reference ?? null,
    createdBy: actor.userId,
  });
  await writeAudit(tx, actor, {
    action: move.kind === 'out' ? 'stock-out' : 'stock-in',
    entity: 'stock-moves',
    entityId: moveId,
    summary: move.reference ? `${move.reference.number}` : null,
    changes: {
      productId: [null, move.productId],
      warehouseId: [null, move.warehouseId],
      quantity: [null, signed],
      balanceAfter: [null, balanceAfter],
    },
  });
}

/** An active warehouse of the tenant (an order's delivery may name it). */
export async function warehouseExists(db: Db, tenantId: string, warehouseId: string): Promise<boolean> {
  return (await warehouseStatus(db, tenantId, warehouseId)) === 'active';
}

/** Ids of the products with stock (> 0), in one warehouse or any: a subquery for the catalogue's stock view. */
export const stockedProducts = (tenantId: string, warehouseId?: string): SQL =>
  sql`SELECT sb.product_id FROM stock_balances sb WHERE sb.tenant_id = ${tenantId} AND sb.quantity > 0
    ${warehouseId ? sql`AND sb.warehouse_id = ${warehouseId}` : sql``}`;

/** Whether any warehouse holds the product (a product with stock is not deleted). */
export async function productHasStock(db: Db, tenantId: string, productId: string): Promise<boolean> {
  const result = await db.execute(
    sql`SELECT 1 FROM stock_balances WHERE tenant_id = ${tenantId} AND product_id = ${productId} AND quantity > 0 LIMIT 1`,
  );
  return result.rows.length > 0;
}
