/**
 * Customers entering and leaving public pools: the customer side of claim, assign, release,
 * recycle and departure. The pools module owns the rules (limits, cooldown, which pool) and calls
 * these; the rows, their locks and their audit entries stay here.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { coveringPool } from '../pools/published.ts';
import * as repo from './repository.ts';
import { customers } from './schema.ts';

type PoolCustomer = { id: string; previousOwnerId: string | null; poolEnteredAt: Date | null };

/**
 * Locks a pool customer the caller sees: 404 if it is not visible, 409 once someone else took it
 * (visibility is checked before waiting for the lock, so the loser of a race is told the truth).
 */
export async function lockPoolCustomer(tx: Db, p: Principal, id: string) {
  const visible = await repo.findVisible(tx, p, id);
  if (!visible) throw notFound();
  if (visible.state !== 'pool') throw new AppError('CUSTOMER_NOT_IN_POOL');
  const locked = await tx.execute(
    sql`SELECT state, pool_id, invalidated_at FROM customers WHERE tenant_id = ${p.tenantId} AND id = ${id} FOR UPDATE`,
  );
  const now = locked.rows[0] as
    | { state: string; pool_id: string | null; invalidated_at: unknown }
    | undefined;
  if (now?.state !== 'pool' || !now.pool_id) throw new AppError('CUSTOMER_NOT_IN_POOL');
  // an invalidated customer released with its owner's departure is not worked again until restored
  if (now.invalidated_at) throw new AppError('CUSTOMER_INVALID');
  const customer: PoolCustomer = {
    id,
    previousOwnerId: (visible.previous_owner_id as string | null) ?? null,
    poolEnteredAt: visible.pool_entered_at ? new Date(visible.pool_entered_at as string) : null,
  };
  return { customer, poolId: now.pool_id };
}

/** A pool customer becomes `owner`'s (claim or assign), audited with the pool it left. */
export async function takeFromPool(
  tx: Db,
  actor: Actor,
  id: string,
  owner: { id: string; departmentId: string; name: string },
  action: 'claim' | 'assign',
  poolId: string,
  now: Date,
) {
  await repo.updateCustomer(tx, actor.tenantId, id, undefined, {
    state: 'active',
    ownerId: owner.id,
    departmentId: owner.departmentId,
    poolId: null,
    ownedSince: now,
    protectedUntil: null,
  });
  await writeAudit(tx, actor, {
    action,
    entity: 'customers',
    entityId: id,
    summary: owner.name,
    changes: { state: ['pool', 'active'], ownerId: [null, owner.id], poolId: [poolId, null] },
  });
}

/** Puts an active customer into a pool: by its owner (放弃), a departure or the recycle job. */
export async function moveToPool(
  tx: Db,
  actor: Actor,
  before: repo.CustomerRow,
  poolId: string,
  reason: string,
  action: 'release' | 'recycle',
  now = new Date(),
) {
  await repo.updateCustomer(tx, before.tenantId, before.id, undefined, {
    state: 'pool',
    poolId,
    ownerId: null,
    departmentId: null,
    previousOwnerId: before.ownerId,
    poolEnteredAt: now,
  });
  await writeAudit(tx, actor, {
    action,
    entity: 'customers',
    entityId: before.id,
    summary: reason,
    changes: {
      state: ['active', 'pool'],
      ownerId: [before.ownerId, null],
      poolId: [null, poolId],
      reason: [null, reason],
    },
  });
}

/** How many customers sit in each of these pools (missing pools: 0). */
export async function poolCustomerCounts(db: Db, tenantId: string, poolIds: string[]) {
  const counts = new Map<string, number>();
  if (!poolIds.length) return counts;
  const result = await db.execute(sql`SELECT pool_id, count(*)::int8 AS n FROM customers
    WHERE tenant_id = ${tenantId} AND pool_id = ANY(${uuidList(poolIds)}) AND state = 'pool' AND deleted_at IS NULL
    GROUP BY pool_id`);
  for (const r of result.rows as { pool_id: string; n: number }[]) counts.set(r.pool_id, Number(r.n));
  return counts;
}

/** Active customers a user owns (the pools' hold limit). */
export async function ownedActiveCount(tx: Db, tenantId: string, userId: string) {
  const result = await tx.execute(sql`SELECT count(*)::int8 AS n FROM customers
    WHERE tenant_id = ${tenantId} AND owner_id = ${userId} AND state = 'active' AND deleted_at IS NULL`);
  return Number((result.rows[0] as { n: number }).n);
}

type DueCustomer = {
  id: string;
  name: string;
  owner_id: string;
  pool_id: string;
  due_at: string;
  remind_days_before: number | null;
};

/**
 * Active customers due for recycling under the pool that covers their department, with the moment
 * they fall due: N days after the last follow-up or M days after the last deal (ownership start
 * when there was none). Customers protected (延期) past today and invalidated ones (失效: nobody
 * works them) are left alone.
 */
export async function dueForRecycle(
  db: Db,
  tenantId: string,
  now: Date,
  timeZone: string,
): Promise<DueCustomer[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const result =
    await db.execute(sql`SELECT c.id, c.name, c.owner_id, pick.id AS pool_id, pick.remind_days_before,
      least(
        coalesce(c.last_follow_up_at, c.owned_since, c.created_at) + make_interval(days => pick.recycle_no_follow_up_days),
        coalesce(c.last_deal_at, c.owned_since, c.created_at) + make_interval(days => pick.recycle_no_deal_days)
      ) AS due_at
    FROM customers c
    JOIN departments d ON d.id = c.department_id
    CROSS JOIN LATERAL (${coveringPool(sql`c.tenant_id`, sql`d.path`)}) pick
    WHERE c.tenant_id = ${tenantId} AND c.state = 'active' AND c.deleted_at IS NULL
      AND c.invalidated_at IS NULL
      AND (pick.recycle_no_follow_up_days IS NOT NULL OR pick.recycle_no_deal_days IS NOT NULL)
      AND (c.protected_until IS NULL OR c.protected_until < (${at} AT TIME ZONE ${timeZone})::date)`);
  return (result.rows as DueCustomer[]).filter((r) => r.due_at != null);
}

/** The customer locked if it is still active with this owner (a follow-up or transfer may have happened since a scan). */
export async function lockStillOwned(tx: Db, id: string, ownerId: string) {
  const [row] = await tx
    .select()
    .from(customers)
    .where(
      sql`${customers.id} = ${id} AND ${customers.state} = 'active' AND ${customers.ownerId} = ${ownerId}`,
    )
    .for('update');
  return row;
}
