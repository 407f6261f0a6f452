import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { poolVisibleTo } from './published.ts';
import { pools } from './schema.ts';

export type PoolRow = typeof pools.$inferSelect;

const columns = sql`pl.*,
  coalesce((SELECT array_agg(d.name ORDER BY d.name) FROM departments d WHERE d.id = ANY(pl.department_ids)), '{}') AS department_names`;

export async function listPools(db: Db, p: Principal, all: boolean) {
  const result = await db.execute(sql`SELECT ${columns} FROM pools pl
    WHERE pl.tenant_id = ${p.tenantId} AND pl.deleted_at IS NULL AND ${poolVisibleTo(p, all)} ORDER BY pl.created_at`);
  return result.rows as Record<string, unknown>[];
}

export async function findPool(db: Db, p: Principal, id: string, all: boolean) {
  const result = await db.execute(sql`SELECT ${columns} FROM pools pl
    WHERE pl.tenant_id = ${p.tenantId} AND pl.deleted_at IS NULL AND pl.id = ${id} AND ${poolVisibleTo(p, all)}`);
  return result.rows[0] as Record<string, unknown> | undefined;
}

export async function findPoolRow(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(pools)
    .where(and(eq(pools.tenantId, tenantId), eq(pools.id, id), isNull(pools.deletedAt)));
  return row;
}

export async function insertPool(tx: Db, values: typeof pools.$inferInsert) {
  const [row] = await tx.insert(pools).values(values).returning();
  return row;
}

export function updatePool(tx: Db, tenantId: string, id: string, version: number, values: Partial<PoolRow>) {
  return tx
    .update(pools)
    .set({ ...values, updatedAt: new Date(), version: sql`${pools.version} + 1` })
    .where(
      and(
        eq(pools.tenantId, tenantId),
        eq(pools.id, id),
        eq(pools.version, version),
        isNull(pools.deletedAt),
      ),
    )
    .returning();
}

export async function departmentsExist(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return true;
  const result = await db.execute(sql`SELECT count(*)::int8 AS n FROM departments
    WHERE tenant_id = ${tenantId} AND deleted_at IS NULL AND id = ANY(${uuidList(ids)})`);
  return Number((result.rows[0] as { n: number }).n) === new Set(ids).size;
}

/** Serialises one user's claims (the hold and daily limits are read, then written). */
export async function lockUser(tx: Db, tenantId: string, userId: string) {
  await tx.execute(sql`SELECT id FROM users WHERE tenant_id = ${tenantId} AND id = ${userId} FOR UPDATE`);
}

/** Claims the user made since midnight of `now` in the tenant's time zone. */
export async function claimsToday(tx: Db, tenantId: string, userId: string, now: Date, timeZone: string) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const result = await tx.execute(sql`SELECT count(*)::int8 AS n FROM pool_claims
    WHERE tenant_id = ${tenantId} AND user_id = ${userId}
      AND claimed_at >= (date_trunc('day', ${at} AT TIME ZONE ${timeZone}) AT TIME ZONE ${timeZone})`);
  return Number((result.rows[0] as { n: number }).n);
}

export async function recordClaim(
  tx: Db,
  v: { tenantId: string; poolId: string; customerId: string; userId: string; at: Date },
) {
  await tx.execute(sql`INSERT INTO pool_claims (tenant_id, pool_id, customer_id, user_id, claimed_at)
    VALUES (${v.tenantId}, ${v.poolId}, ${v.customerId}, ${v.userId}, ${v.at.toISOString()}::timestamptz)`);
}
