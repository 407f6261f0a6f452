import { type CardEntryKind, fromCents, toCents } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import * as repo from './repository.ts';

/**
 * The card ledger's one writer (besides the set-based issue, scrap and expiry statements of the
 * repository). The caller holds the card's row lock (`findCard(…, lock)`), so two changes of one
 * card run one after the other and each sees the balance the other left: a consumption past it
 * is refused before anything is written (409 INSUFFICIENT_BALANCE). The balance column is the
 * running sum, written with its entry in the same transaction; the checks are the last guard.
 */
export async function appendEntry(
  tx: Db,
  tenantId: string,
  card: repo.CardRow,
  e: {
    kind: CardEntryKind;
    /** Signed cents. */
    cents: bigint;
    status?: repo.CardRow['status'];
    storeDepartmentId?: string | null;
    idempotencyKey?: string | null;
    refundOf?: string | null;
    createdBy: string | null;
  },
): Promise<repo.EntryRow> {
  const next = toCents(card.balance) + e.cents;
  if (next < 0n) throw new AppError('INSUFFICIENT_BALANCE', { balance: card.balance });
  const balance = fromCents(next);
  await repo.setCard(tx, tenantId, card.id, { balance, status: e.status });
  const row = {
    id: uuidv7(),
    tenantId,
    cardId: card.id,
    kind: e.kind,
    amount: fromCents(e.cents),
    balanceAfter: balance,
    storeDepartmentId: e.storeDepartmentId ?? null,
    idempotencyKey: e.idempotencyKey ?? null,
    refundOf: e.refundOf ?? null,
    createdBy: e.createdBy,
  };
  await repo.insertEntry(tx, row);
  return {
    id: row.id,
    card_id: card.id,
    kind: row.kind,
    amount: row.amount,
    balance_after: balance,
    store_department_id: row.storeDepartmentId,
    idempotency_key: row.idempotencyKey,
    refund_of: row.refundOf,
    created_at: new Date(),
    created_by: row.createdBy,
  };
}
