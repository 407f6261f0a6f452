/**
 * 订单明细月度汇总: the lines of the counted orders per tenant and month (of the order date, in the
 * tenant's zone), kept in order_line_month_rollups at two grains — per department and product,
 * and per product for the whole tenant — so 产品销售构成 over a year reads a few thousand rows
 * instead of the lines. Refreshed like the orders' rollup (platform/month-rollup.ts): a change to
 * an order's lines, status or department is written with the order (its updated_at), so the
 * months of the orders written since the watermark are aggregated again.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import { type Principal, scopeOf } from '../../platform/auth/principal.ts';
import {
  type MonthRollup,
  monthInstants,
  monthRollupRefreshedAt,
  refreshMonthRollup,
} from '../../platform/month-rollup.ts';
import { productCategories } from '../products/reporting-service.ts';

const rollup: MonthRollup = {
  stateTable: 'order_line_rollup_state',
  rollupTable: 'order_line_month_rollups',
  sourceTable: 'orders',
  instant: 'ordered_at',
  // both grains in one pass over the lines; GROUPING() marks the whole tenant's rows. Written in
  // the department index's order: entries appended in order cost a fraction of scattered ones
  aggregate: (tenantId, months, zone) =>
    sql`INSERT INTO order_line_month_rollups
        (tenant_id, month, tenant_wide, department_id, product_id, amount, quantity, lines)
      SELECT ${tenantId}, m.m, GROUPING(o.department_id) = 1, o.department_id, l.product_id,
             sum(l.amount), sum(l.quantity), count(*)
        FROM unnest(${months}) m(m)
        JOIN orders o ON o.tenant_id = ${tenantId} AND o.deleted_at IS NULL AND o.status <> 'cancelled'
         AND ${monthInstants(sql`o.ordered_at`, zone)}
        JOIN order_lines l ON l.tenant_id = ${tenantId} AND l.order_id = o.id
       GROUP BY GROUPING SETS ((m.m, o.department_id, l.product_id), (m.m, l.product_id))
       ORDER BY o.department_id, m.m`,
};

/** Brings the lines' rollup of one tenant (or every tenant) up to date; the number of months aggregated. */
export const refreshOrderLineRollups = (db: Db, tenantId?: string) =>
  refreshMonthRollup(db, rollup, tenantId);

/** When the tenant's lines' rollup was last refreshed with months in `zone` (null: not usable). */
export const orderLineRollupRefreshedAt = (db: Db, tenantId: string, zone: string) =>
  monthRollupRefreshedAt(db, rollup.stateTable, tenantId, zone);

/**
 * The rollup's rows of the caller's orders scope for the whole months from `fromMonth` to
 * `toMonth` (first days, inclusive), in the columns of the order lines' report source it keeps:
 * product_id, category_id (the product's current one, as the live lines have it), department_id,
 * and the partial sums amount, quantity and lines. `byDepartment`: the department is grouped or
 * filtered on; otherwise a 全部 caller reads the whole tenant's rows (department_id null).
 * Only department scopes can be answered (a person's orders are not kept apart): the reports
 * ask it for those alone.
 */
export function orderLineRollupSource(
  p: Principal,
  fromMonth: SQL,
  toMonth: SQL,
  byDepartment: boolean,
): SQL {
  const whole = !byDepartment && scopeOf(p, 'orders') === 'all';
  // a scope of persons matches no row (owner NULL): never more than the caller may open
  const scope = whole
    ? sql`r.tenant_wide`
    : sql`NOT r.tenant_wide AND ${scopePredicate(p, 'orders', { owner: sql`NULL`, department: sql`r.department_id` })}`;
  return sql`SELECT r.product_id, pc.category_id, r.department_id, r.amount, r.quantity, r.lines
    FROM order_line_month_rollups r
    LEFT JOIN (${productCategories(p.tenantId)}) pc ON pc.id = r.product_id
    WHERE r.tenant_id = ${p.tenantId} AND r.month >= ${fromMonth} AND r.month <= ${toMonth} AND ${scope}`;
}
