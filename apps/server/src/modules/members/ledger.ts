import { fromCents, toCents } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import * as repo from './repository.ts';

/**
 * The points ledger's one writer. The caller holds the member's row lock (`findMember(…, lock)`),
 * so two changes of one member run one after the other and each sees the balance the other
 * left: a debit past it is refused before anything is written (409 INSUFFICIENT_POINTS). The
 * cached balance is written with its entry in the same transaction; the checks are the last guard.
 */

type Credit = {
  kind: 'earn' | 'adjust';
  points: number;
  reason: string;
  sourceKind: repo.EntryRow['source_kind'];
  sourceId?: string | null;
  expiresAt: Date;
  /** An order's total, added to the member's lifetime spend. */
  spend?: string;
  createdBy: string | null;
};

/** A credit: the balance and lifetime points go up; `remaining` starts whole. */
export async function credit(tx: Db, tenantId: string, m: repo.MemberRow, c: Credit): Promise<repo.EntryRow> {
  const balance = Number(m.points) + c.points;
  const lifetimePoints = Number(m.lifetime_points) + c.points;
  const lifetimeSpend = c.spend ? fromCents(toCents(m.lifetime_spend) + toCents(c.spend)) : undefined;
  await repo.setMember(tx, tenantId, m.id, { points: balance, lifetimePoints, lifetimeSpend });
  Object.assign(m, {
    points: balance,
    lifetime_points: lifetimePoints,
    lifetime_spend: lifetimeSpend ?? m.lifetime_spend,
  });
  return write(tx, tenantId, m.id, { ...c, balance, remaining: c.points });
}

type Debit = {
  kind: 'redeem' | 'expire';
  points: number;
  reason: string;
  sourceKind: repo.EntryRow['source_kind'];
  createdBy: string | null;
};

/**
 * A debit of `points` (> 0): a redemption consumes credits earliest expiry first; an expiry has
 * already zeroed the expired credits it takes off (`takeExpiredCredits`).
 */
export async function debit(tx: Db, tenantId: string, m: repo.MemberRow, d: Debit): Promise<repo.EntryRow> {
  const balance = Number(m.points) - d.points;
  if (balance < 0)
    throw new AppError('INSUFFICIENT_POINTS', [{ path: 'delta', message: `${m.points}` }], {
      points: Number(m.points),
    });
  if (d.kind === 'redeem') await repo.consumeCredits(tx, tenantId, m.id, d.points);
  await repo.setMember(tx, tenantId, m.id, { points: balance });
  m.points = balance;
  return write(tx, tenantId, m.id, { ...d, points: -d.points, balance, remaining: null, expiresAt: null });
}

async function write(
  tx: Db,
  tenantId: string,
  memberId: string,
  e: Omit<Credit, 'spend' | 'expiresAt' | 'kind'> & {
    kind: repo.EntryRow['kind'];
    balance: number;
    remaining: number | null;
    expiresAt: Date | null;
  },
): Promise<repo.EntryRow> {
  const row = {
    id: uuidv7(),
    tenantId,
    memberId,
    kind: e.kind,
    points: e.points,
    balanceAfter: e.balance,
    reason: e.reason,
    sourceKind: e.sourceKind,
    sourceId: e.sourceId ?? null,
    expiresAt: e.expiresAt,
    remaining: e.remaining,
    createdBy: e.createdBy,
  };
  await repo.insertEntry(tx, row);
  return {
    id: row.id,
    kind: row.kind,
    points: row.points,
    balance_after: row.balanceAfter,
    reason: row.reason,
    source_kind: row.sourceKind,
    source_id: row.sourceId,
    expires_at: row.expiresAt,
    remaining: row.remaining,
    created_at: new Date(),
    created_by: row.createdBy,
  };
}

/** When a credit made at `at` expires: `months` later (the tenant's setting). */
export function expiryOf(at: Date, months: number): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}
