/**
 * The pools module's published interface: the two access rules other modules build on, written
 * once. The customers module's scope shows pool customers by `visiblePoolIds`, its recycle scan
 * and departures find a pool by `coveringPool`. Stands alone (imports no other module), so the
 * customers module can use it while pools uses the customers service.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { uuidList } from '../../platform/sql-lists.ts';

/** A pool's rules as the demo data and the recycle windows see them (null: no limit / no rule). */
export type PoolRules = {
  name: string;
  recycleNoFollowUpDays: number;
  recycleNoDealDays: number | null;
  remindDaysBefore: number;
  holdLimit: number | null;
  dailyClaimLimit: number | null;
  cooldownDays: number | null;
};

/** Ids of the caller's department and every department above it (pools visible to an ancestor are visible below). */
const departmentLineage = (p: Principal) => p.departmentPath.split('/').filter(Boolean);

/**
 * Which pools (alias `pl`) a caller sees: those of their department or one above it, and pools
 * for everybody (no departments). `all` (pool admins) sees every pool.
 */
export const poolVisibleTo = (p: Principal, all = false): SQL =>
  all
    ? sql`TRUE`
    : sql`(cardinality(pl.department_ids) = 0 OR pl.department_ids && ${uuidList(departmentLineage(p))})`;

/** The live pools the caller sees, as an array for `pool_id = ANY(…)`. */
export const visiblePoolIds = (p: Principal): SQL =>
  sql`ARRAY(SELECT pl.id FROM pools pl WHERE pl.tenant_id = ${p.tenantId} AND pl.deleted_at IS NULL
    AND ${poolVisibleTo(p)})`;

/**
 * The pool whose rules cover a department, given the department's path (`/<root>/…/<id>/`, an SQL
 * expression): the one assigned to its nearest ancestor-or-self, else a pool for everybody (oldest
 * first on ties). A sub-select of one row with every pool column (alias it, or use it LATERAL).
 */
export const coveringPool = (tenantId: SQL | string, departmentPath: SQL): SQL =>
  sql`SELECT pl.* FROM pools pl
    WHERE pl.tenant_id = ${tenantId} AND pl.deleted_at IS NULL
      AND (cardinality(pl.department_ids) = 0 OR EXISTS (SELECT 1 FROM unnest(pl.department_ids) x
        WHERE ${departmentPath} LIKE '%/' || x::text || '/%'))
    ORDER BY (SELECT max(length(a.path)) FROM departments a WHERE a.id = ANY(pl.department_ids)) DESC NULLS LAST,
      pl.created_at
    LIMIT 1`;

/** The id of the pool covering a department (see {@link coveringPool}), null when the tenant has none. */
export async function poolForDepartment(db: Db, tenantId: string, departmentId: string | null) {
  const path = sql`(SELECT d.path FROM departments d WHERE d.id = ${departmentId})`;
  const result = await db.execute(sql`SELECT cover.id FROM (${coveringPool(tenantId, path)}) cover`);
  return (result.rows[0] as { id: string } | undefined)?.id ?? null;
}

/** Whether a live pool of the tenant has this id. */
export async function poolExists(db: Db, tenantId: string, poolId: string) {
  const result = await db.execute(sql`SELECT 1 FROM pools WHERE tenant_id = ${tenantId} AND id = ${poolId}
    AND deleted_at IS NULL`);
  return result.rows.length > 0;
}
