import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/audit.ts';

/**
 * One stock ledger entry in the caller's transaction; locks the product/warehouse balance row;
 * throws AppError INSUFFICIENT_STOCK (409, details {productId, warehouseId, available}) when it
 * would go below 0.
 */
export async function recordStockMove(
  _tx: Db,
  _actor: Actor,
  _move: {
    kind: 'in' | 'out';
    productId: string;
    warehouseId: string;
    quantity: string;
    reference?: { type: 'order'; id: string; number: string };
    note?: string;
  },
): Promise<void> {
  throw new Error('not yet');
}

/** An active warehouse of the tenant. */
export async function warehouseExists(_db: Db, _tenantId: string, _warehouseId: string): Promise<boolean> {
  throw new Error('not yet');
}
