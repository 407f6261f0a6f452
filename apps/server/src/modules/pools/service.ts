import type { CreatePool, Customer, Pool, UpdatePool } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, auditUpdate, diff, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import {
  lockPoolCustomer,
  moveToPool,
  ownedActiveCount,
  poolCustomerCounts,
  takeFromPool,
} from '../customers/pool-state-service.ts';
import { assignee, getCustomer, lockChangeable } from '../customers/service.ts';
import { poolForDepartment } from './published.ts';
import * as repo from './repository.ts';

const ENTITY = 'pools';
const canAdmin = (p: Principal) => can(p, 'pools:admin');

const toPool = (r: Record<string, unknown>): Pool => ({
  id: r.id as string,
  version: Number(r.version),
  createdAt: new Date(r.created_at as string).toISOString(),
  updatedAt: new Date(r.updated_at as string).toISOString(),
  name: r.name as string,
  departmentIds: (r.department_ids as string[]) ?? [],
  departmentNames: (r.department_names as string[]) ?? [],
  recycleNoFollowUpDays: (r.recycle_no_follow_up_days as number | null) ?? null,
  recycleNoDealDays: (r.recycle_no_deal_days as number | null) ?? null,
  remindDaysBefore: (r.remind_days_before as number | null) ?? null,
  holdLimit: (r.hold_limit as number | null) ?? null,
  dailyClaimLimit: (r.daily_claim_limit as number | null) ?? null,
  cooldownDays: (r.cooldown_days as number | null) ?? null,
  customerCount: Number(r.customer_count ?? 0),
});

const rules = (r: repo.PoolRow) => ({
  name: r.name,
  departmentIds: r.departmentIds,
  recycleNoFollowUpDays: r.recycleNoFollowUpDays,
  recycleNoDealDays: r.recycleNoDealDays,
  remindDaysBefore: r.remindDaysBefore,
  holdLimit: r.holdLimit,
  dailyClaimLimit: r.dailyClaimLimit,
  cooldownDays: r.cooldownDays,
});

/** Pool rows with how many customers sit in each (counted by the customers module). */
async function withCounts(db: Db, tenantId: string, rows: Record<string, unknown>[]) {
  const counts = await poolCustomerCounts(
    db,
    tenantId,
    rows.map((r) => r.id as string),
  );
  return rows.map((r) => toPool({ ...r, customer_count: counts.get(r.id as string) ?? 0 }));
}

export async function listPools(db: Db, p: Principal) {
  return withCounts(db, p.tenantId, await repo.listPools(db, p, canAdmin(p)));
}

export async function getPool(db: Db, p: Principal, id: string) {
  const row = await repo.findPool(db, p, id, canAdmin(p));
  if (!row) throw notFound();
  return (await withCounts(db, p.tenantId, [row]))[0];
}

async function checkDepartments(db: Db, tenantId: string, ids: string[] | undefined) {
  if (ids && !(await repo.departmentsExist(db, tenantId, ids)))
    throw new AppError('VALIDATION_FAILED', [{ path: 'departmentIds', message: 'unknown department' }]);
}

export async function createPool(db: Db, p: Principal, actor: Actor, input: CreatePool) {
  const id = await db.transaction(async (tx) => {
    await checkDepartments(tx, p.tenantId, input.departmentIds);
    const row = await repo.insertPool(tx, {
      ...input,
      id: uuidv7(),
      tenantId: p.tenantId,
      createdBy: p.userId,
    });
    await writeAudit(tx, actor, {
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      summary: row.name,
      changes: diff(null, rules(row)),
    });
    return row.id;
  });
  return getPool(db, p, id);
}

export async function updatePool(db: Db, p: Principal, actor: Actor, id: string, input: UpdatePool) {
  const { version, ...values } = input;
  await db.transaction(async (tx) => {
    const before = await repo.findPoolRow(tx, p.tenantId, id);
    if (!before) throw notFound();
    checkVersion(before, version);
    await checkDepartments(tx, p.tenantId, values.departmentIds);
    const after = await requireUpdated(
      await repo.updatePool(tx, p.tenantId, id, version, values),
      async () => true,
    );
    await auditUpdate(
      tx,
      actor,
      { entity: ENTITY, entityId: id, summary: after.name },
      rules(before),
      rules(after),
    );
  });
  return getPool(db, p, id);
}

export async function deletePool(db: Db, p: Principal, actor: Actor, id: string, version: number) {
  await db.transaction(async (tx) => {
    const pool = await repo.findPool(tx, p, id, true);
    if (!pool) throw notFound();
    if ((await poolCustomerCounts(tx, p.tenantId, [id])).get(id)) throw new AppError('POOL_NOT_EMPTY');
    const before = (await repo.findPoolRow(tx, p.tenantId, id))!;
    checkVersion(before, version);
    await requireUpdated(
      await repo.updatePool(tx, p.tenantId, id, version, { deletedAt: new Date() }),
      async () => true,
    );
    await writeAudit(tx, actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      summary: before.name,
      changes: diff(rules(before), null),
    });
  });
}

// ---- claim / release / assign ----

/** A pool customer the caller sees, locked, with the rules of the pool it is in. */
async function lockInPool(tx: Db, p: Principal, id: string) {
  const { customer, poolId } = await lockPoolCustomer(tx, p, id);
  const pool = await repo.findPoolRow(tx, p.tenantId, poolId);
  if (!pool) throw new AppError('CUSTOMER_NOT_IN_POOL');
  return { customer, pool };
}

/**
 * 领取: takes a pool customer, within the pool's limits. The claimer's user row is locked first,
 * so two concurrent claims of the last allowed slot are serialised and exactly one wins.
 */
export async function claimCustomer(db: Db, c: Caller, id: string, now = new Date()): Promise<Customer> {
  await db.transaction(async (tx) => {
    await repo.lockUser(tx, c.p.tenantId, c.p.userId);
    const { customer, pool } = await lockInPool(tx, c.p, id);
    if (pool.holdLimit != null && (await ownedActiveCount(tx, c.p.tenantId, c.p.userId)) >= pool.holdLimit)
      throw new AppError('HOLD_LIMIT_REACHED', [{ path: 'holdLimit', message: String(pool.holdLimit) }]);
    if (
      pool.dailyClaimLimit != null &&
      (await repo.claimsToday(tx, c.p.tenantId, c.p.userId, now, c.timeZone)) >= pool.dailyClaimLimit
    )
      throw new AppError('DAILY_CLAIM_LIMIT_REACHED', [
        { path: 'dailyClaimLimit', message: String(pool.dailyClaimLimit) },
      ]);
    const enteredAt = customer.poolEnteredAt;
    if (
      pool.cooldownDays &&
      customer.previousOwnerId === c.p.userId &&
      enteredAt &&
      now.getTime() - enteredAt.getTime() < pool.cooldownDays * 86_400_000
    )
      throw new AppError('CLAIM_COOLDOWN', [{ path: 'cooldownDays', message: String(pool.cooldownDays) }]);
    await takeFromPool(
      tx,
      c.actor,
      id,
      { id: c.p.userId, departmentId: c.p.departmentId, name: c.p.name },
      'claim',
      pool.id,
      now,
    );
    await repo.recordClaim(tx, {
      tenantId: c.p.tenantId,
      poolId: pool.id,
      customerId: id,
      userId: c.p.userId,
      at: now,
    });
  });
  return getCustomer(db, c.p, id);
}

/** 分配: a supervisor hands a pool customer to a user inside the supervisor's scope. */
export async function assignCustomer(db: Db, c: Caller, id: string, userId: string): Promise<Customer> {
  await db.transaction(async (tx) => {
    const { pool } = await lockInPool(tx, c.p, id);
    const user = await assignee(tx, c.p, userId, 'userId');
    await takeFromPool(
      tx,
      c.actor,
      id,
      { id: user.id, departmentId: user.department_id, name: user.name },
      'assign',
      pool.id,
      new Date(),
    );
  });
  return getCustomer(db, c.p, id);
}

export async function releaseCustomer(
  db: Db,
  c: Caller,
  id: string,
  input: { reason: string; poolId?: string },
) {
  await db.transaction(async (tx) => {
    const before = await lockChangeable(tx, c.p, id);
    if (before.state !== 'active') throw new AppError('CONFLICT', [{ path: 'state', message: before.state }]);
    let poolId = input.poolId ?? (await poolForDepartment(tx, c.p.tenantId, before.departmentId));
    if (input.poolId && !(await repo.findPool(tx, c.p, input.poolId, canAdmin(c.p)))) poolId = null;
    if (!poolId) throw new AppError('NO_POOL');
    await moveToPool(tx, c.actor, before, poolId, input.reason, 'release');
  });
}
