import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { uuidList } from '../../platform/sql-lists.ts';

/**
 * What other modules build on orders with (receivables, targets): stands alone — it imports no
 * module — so the modules below orders can ask without a circle.
 */

export type OrderForReceivable = {
  id: string;
  number: string;
  customerId: string;
  ownerId: string;
  departmentId: string;
  total: string;
  status: 'new' | 'confirmed' | 'paid' | 'delivered' | 'completed' | 'cancelled';
};

/** Sales per owner and department in a period — what targets measure attainment by. */
export type SalesFact = { userId: string; departmentId: string; amount: string; count: number };

/** The orders scope over the `orders o` alias: the owner and the department. */
export const orderScope = (p: Principal) =>
  scopePredicate(p, 'orders', { owner: sql`o.owner_id`, department: sql`o.department_id` });

/** The order if the caller sees it (orders:view and scope); null otherwise. */
export async function orderForReceivable(
  db: Db,
  p: Principal,
  orderId: string,
): Promise<OrderForReceivable | null> {
  if (!can(p, 'orders:view')) return null;
  const result = await db.execute(
    sql`SELECT o.id, o.number, o.customer_id, o.owner_id, o.department_id, o.total::text AS total, o.status
      FROM orders o
      WHERE o.tenant_id = ${p.tenantId} AND o.id = ${orderId} AND o.deleted_at IS NULL AND ${orderScope(p)}`,
  );
  const r = result.rows[0] as Record<string, string> | undefined;
  if (!r) return null;
  return {
    id: r.id,
    number: r.number,
    customerId: r.customer_id,
    ownerId: r.owner_id,
    departmentId: r.department_id,
    total: r.total,
    status: r.status as OrderForReceivable['status'],
  };
}

/** Orders (not cancelled) per owner and department by order date in [from, to) — for targets. */
export async function salesFacts(db: Db, tenantId: string, from: Date, to: Date): Promise<SalesFact[]> {
  const result = await db.execute(
    sql`SELECT o.owner_id, o.department_id, SUM(o.total)::text AS amount, COUNT(*)::int AS count
      FROM orders o
      WHERE o.tenant_id = ${tenantId} AND o.deleted_at IS NULL AND o.status <> 'cancelled'
        AND o.ordered_at >= ${from.toISOString()} AND o.ordered_at < ${to.toISOString()}
      GROUP BY o.owner_id, o.department_id`,
  );
  return (result.rows as { owner_id: string; department_id: string; amount: string; count: number }[]).map(
    (r) => ({
      userId: r.owner_id,
      departmentId: r.department_id,
      amount: r.amount,
      count: Number(r.count),
    }),
  );
}

/** Numbers of orders by id (a quote names the order it became). */
export async function orderNumbers(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const result = await db.execute(
    sql`SELECT id, number FROM orders WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList([...ids])})`,
  );
  return new Map((result.rows as { id: string; number: string }[]).map((r) => [r.id, r.number]));
}
