/**
 * Orders as a sales fact (targets' attainment on the orders basis, 目标达成 report): what
 * `salesFacts` in published.ts sums, as a subquery the targets module can correlate per target.
 */
import { type SQL, sql } from 'drizzle-orm';

/**
 * `user_id` (the owner), `department_id`, `amount` and `day` (the order's day in the zone `tz`) of
 * the orders (not cancelled) ordered in [from, to).
 */
export const orderFactSource = (tenantId: string, from: SQL, to: SQL, tz: string): SQL =>
  sql`SELECT x.owner_id AS user_id, x.department_id, x.total AS amount,
      (x.ordered_at AT TIME ZONE ${tz})::date AS day FROM orders x
    WHERE x.tenant_id = ${tenantId} AND x.deleted_at IS NULL AND x.status <> 'cancelled'
      AND x.ordered_at >= ${from} AND x.ordered_at < ${to}`;
