/**
 * 订单月度汇总: the counted orders per tenant, month (in the tenant's zone), owner and department,
 * kept in order_month_rollups so the reports over a year read a few thousand rows instead of the
 * orders themselves. A job refreshes it incrementally (platform/month-rollup.ts): only the months
 * of the orders written since its watermark are aggregated again (an order's date never changes).
 * What a report reads from it is as of the last refresh (freshness `live: false`); the partial
 * months at a period's edges stay live.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import {
  type MonthRollup,
  monthInstants,
  monthRollupRefreshedAt,
  refreshMonthRollup,
} from '../../platform/month-rollup.ts';
import { orderScope } from './published.ts';

const rollup: MonthRollup = {
  stateTable: 'order_rollup_state',
  rollupTable: 'order_month_rollups',
  sourceTable: 'orders',
  instant: 'ordered_at',
  aggregate: (tenantId, months, zone) =>
    sql`INSERT INTO order_month_rollups (tenant_id, month, owner_id, department_id, amount, orders)
      SELECT ${tenantId}, m.m, o.owner_id, o.department_id, sum(o.total), count(*)
        FROM unnest(${months}) m(m)
        JOIN orders o ON o.tenant_id = ${tenantId} AND o.deleted_at IS NULL AND o.status <> 'cancelled'
         AND ${monthInstants(sql`o.ordered_at`, zone)}
       GROUP BY 2, 3, 4`,
};

/** Brings the rollup of one tenant (or every tenant) up to date; the number of months aggregated. */
export const refreshOrderRollups = (db: Db, tenantId?: string) => refreshMonthRollup(db, rollup, tenantId);

/** When the tenant's rollup was last refreshed with months in `zone` (null: not usable). */
export const orderRollupRefreshedAt = (db: Db, tenantId: string, zone: string) =>
  monthRollupRefreshedAt(db, rollup.stateTable, tenantId, zone);

/**
 * The rollup's rows of the caller's orders scope for the whole months from `fromMonth` to
 * `toMonth` (first days, inclusive), in the columns of the orders' report source the rollup
 * keeps: owner_id, department_id, month ('YYYY-MM'), and the partial sums `amount` and `orders`.
 */
export const orderRollupSource = (p: Principal, fromMonth: SQL, toMonth: SQL): SQL =>
  sql`SELECT o.owner_id, o.department_id, to_char(o.month, 'YYYY-MM') AS month, o.amount, o.orders
    FROM order_month_rollups o
    WHERE o.tenant_id = ${p.tenantId} AND o.month >= ${fromMonth} AND o.month <= ${toMonth} AND ${orderScope(p)}`;
