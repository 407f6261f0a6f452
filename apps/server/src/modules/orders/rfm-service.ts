/**
 * Orders as the churn risk score reads them (frequency and monetary value of RFM): a subquery the
 * orders module writes over its own table, so the score is one set-based statement without
 * another module knowing the orders' columns.
 */
import { type SQL, sql } from 'drizzle-orm';

/**
 * `(customer_id, order_count, order_amount)` of the tenant's orders since `since` (cancelled and
 * deleted ones left out), one row per customer that ordered.
 */
export const orderFactsSince = (tenantId: string, since: Date): SQL =>
  sql`SELECT o.customer_id, count(*)::int AS order_count, sum(o.total) AS order_amount
    FROM orders o
    WHERE o.tenant_id = ${tenantId} AND o.deleted_at IS NULL AND o.status <> 'cancelled'
      AND o.ordered_at >= ${since.toISOString()}::timestamptz
    GROUP BY o.customer_id`;
