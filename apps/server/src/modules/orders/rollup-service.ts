/**
 * 订单月度汇总: the counted orders per tenant, month (in the tenant's zone), owner and department,
 * kept in order_month_rollups so the reports over a year read a few thousand rows instead of the
 * orders themselves. A job refreshes it incrementally: only the months of the orders written
 * since its watermark are aggregated again. What a report reads from it is as of the last
 * refresh (freshness `live: false`); the partial months at a period's edges stay live.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { orderScope } from './published.ts';

/**
 * A transaction that commits after the refresh has read may carry an `updated_at` just before the
 * watermark: the months written this long before it are aggregated again, to be sure.
 */
const OVERLAP = sql`interval '10 minutes'`;

/**
 * Brings the rollup of one tenant (or of every tenant with orders) up to date: the months of the
 * orders written since the watermark are deleted and aggregated again from the orders, in one
 * transaction per tenant (readers see the old months or the new, never half); a changed time zone
 * (or a first run) aggregates every month. Returns the months refreshed.
 */
export async function refreshOrderRollups(db: Db, tenantId?: string): Promise<number> {
  const tenants = tenantId
    ? [tenantId]
    : (
        (await db.execute(sql`SELECT id::text AS id FROM tenants`)).rows as {
          id: string;
        }[]
      ).map((r) => r.id);
  let months = 0;
  for (const id of tenants) months += await refreshTenant(db, id);
  return months;
}

async function refreshTenant(db: Db, tenantId: string): Promise<number> {
  return db.transaction(async (tx) => {
    // one refresh of a tenant at a time: the state row is the lock
    await tx.execute(sql`INSERT INTO order_rollup_state (tenant_id, watermark, refreshed_at, time_zone)
      VALUES (${tenantId}, '-infinity', '-infinity', '') ON CONFLICT (tenant_id) DO NOTHING`);
    const [state] = (
      await tx.execute(sql`SELECT s.watermark, s.time_zone, t.timezone AS zone, clock_timestamp() AS started
        FROM order_rollup_state s JOIN tenants t ON t.id = s.tenant_id
        WHERE s.tenant_id = ${tenantId} FOR UPDATE OF s`)
    ).rows as { watermark: string; time_zone: string; zone: string; started: string }[];
    if (!state) return 0;
    const zone = state.zone;
    const monthOf = sql`date_trunc('month', o.ordered_at AT TIME ZONE ${zone})::date`;
    const rebuild = state.time_zone !== zone;
    const touched = rebuild
      ? sql`SELECT DISTINCT ${monthOf} AS m FROM orders o WHERE o.tenant_id = ${tenantId}`
      : sql`SELECT DISTINCT ${monthOf} AS m FROM orders o
          WHERE o.tenant_id = ${tenantId} AND o.updated_at >= ${state.watermark}::timestamptz - ${OVERLAP}`;
    const months = (await tx.execute(sql`SELECT m::text AS m FROM (${touched}) x`)).rows as { m: string }[];
    if (rebuild) await tx.execute(sql`DELETE FROM order_month_rollups WHERE tenant_id = ${tenantId}`);
    if (months.length) {
      const list = sql`${`{${months.map((x) => x.m).join(',')}}`}::date[]`;
      if (!rebuild)
        await tx.execute(
          sql`DELETE FROM order_month_rollups WHERE tenant_id = ${tenantId} AND month = ANY(${list})`,
        );
      // each month by its instants, so the orders' date index finds them
      await tx.execute(sql`INSERT INTO order_month_rollups (tenant_id, month, owner_id, department_id, amount, orders)
        SELECT ${tenantId}, m.m, o.owner_id, o.department_id, sum(o.total), count(*)
          FROM unnest(${list}) m(m)
          JOIN orders o ON o.tenant_id = ${tenantId} AND o.deleted_at IS NULL AND o.status <> 'cancelled'
           AND o.ordered_at >= (m.m::timestamp AT TIME ZONE ${zone})
           AND o.ordered_at < ((m.m + interval '1 month')::timestamp AT TIME ZONE ${zone})
         GROUP BY 2, 3, 4`);
    }
    await tx.execute(sql`UPDATE order_rollup_state SET watermark = ${state.started}::timestamptz,
        refreshed_at = ${state.started}::timestamptz, time_zone = ${zone} WHERE tenant_id = ${tenantId}`);
    return months.length;
  });
}

/** When the tenant's rollup was last refreshed (null: never), and the months it holds are complete up to. */
export async function orderRollupRefreshedAt(db: Db, tenantId: string, zone: string): Promise<Date | null> {
  const [row] = (
    await db.execute(sql`SELECT refreshed_at FROM order_rollup_state
      WHERE tenant_id = ${tenantId} AND time_zone = ${zone} AND refreshed_at > '-infinity'`)
  ).rows as { refreshed_at: string | Date }[];
  return row ? new Date(row.refreshed_at) : null;
}

/**
 * The rollup's rows of the caller's orders scope for the whole months from `fromMonth` to
 * `toMonth` (first days, inclusive), in the columns of the orders' report source the rollup
 * keeps: owner_id, department_id, month ('YYYY-MM'), and the partial sums `amount` and `orders`.
 */
export const orderRollupSource = (p: Principal, fromMonth: SQL, toMonth: SQL): SQL =>
  sql`SELECT o.owner_id, o.department_id, to_char(o.month, 'YYYY-MM') AS month, o.amount, o.orders
    FROM order_month_rollups o
    WHERE o.tenant_id = ${p.tenantId} AND o.month >= ${fromMonth} AND o.month <= ${toMonth} AND ${orderScope(p)}`;
