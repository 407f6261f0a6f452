/**
 * What a service ticket checks of an order (服务工单 保修期): the order's customer, when it was
 * delivered, and the products on it — the tickets module reads no order table itself.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

export type OrderForTicket = {
  customerId: string;
  /** Null until the order is delivered: the warranty has not started. */
  deliveredAt: Date | null;
  productIds: string[];
};

/** A live (not deleted, not cancelled) order of the tenant, or null. */
export async function orderForTicket(
  db: Db,
  tenantId: string,
  orderId: string,
): Promise<OrderForTicket | null> {
  const result = await db.execute(sql`SELECT o.customer_id, o.delivered_at,
      ARRAY(SELECT DISTINCT l.product_id FROM order_lines l
        WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id) AS product_ids
    FROM orders o
    WHERE o.tenant_id = ${tenantId} AND o.id = ${orderId} AND o.deleted_at IS NULL AND o.status <> 'cancelled'`);
  const row = result.rows[0] as
    | { customer_id: string; delivered_at: string | Date | null; product_ids: string[] }
    | undefined;
  if (!row) return null;
  return {
    customerId: row.customer_id,
    deliveredAt: row.delivered_at ? new Date(row.delivered_at) : null,
    productIds: row.product_ids ?? [],
  };
}
