import { normalizeMoney } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { notify } from '../notifications/service.ts';

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

/**
 * Receivables call it in their transaction when an order's payments reach its total: confirmed →
 * paid (audited, in the status history, version bumped); a no-op in any other state. Written here
 * over the module's own tables so that it stands alone (the transition rule is the same as
 * `POST /orders/:id/transition`'s).
 */
export async function markOrderPaid(tx: Db, actor: Actor, orderId: string): Promise<void> {
  const result = await tx.execute(
    sql`UPDATE orders SET status = 'paid', paid_at = now(), updated_at = now(), version = version + 1
      WHERE tenant_id = ${actor.tenantId} AND id = ${orderId} AND status = 'confirmed' AND deleted_at IS NULL
      RETURNING number, owner_id, total::text AS total`,
  );
  const row = result.rows[0] as { number: string; owner_id: string; total: string } | undefined;
  if (!row) return;
  await tx.execute(
    sql`INSERT INTO order_status_history (id, tenant_id, order_id, from_status, to_status, user_id, note)
      VALUES (${uuidv7()}, ${actor.tenantId}, ${orderId}, 'confirmed', 'paid', ${actor.userId}, NULL)`,
  );
  await writeAudit(tx, actor, {
    action: 'transition',
    entity: 'orders',
    entityId: orderId,
    summary: row.number,
    changes: { status: ['confirmed', 'paid'] },
  });
  // the owner hears that the money is in (unless they recorded the last payment themselves)
  if (row.owner_id !== actor.userId)
    await notify(tx, {
      tenantId: actor.tenantId,
      userId: row.owner_id,
      kind: 'order.paid',
      entity: 'orders',
      entityId: orderId,
      link: `/orders?id=${orderId}`,
      data: { number: row.number, total: normalizeMoney(row.total) },
      title: `订单 ${row.number} 已全额回款`,
    });
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
