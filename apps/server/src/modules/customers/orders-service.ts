/**
 * The customer side of orders (the orders module): a customer's 最近下单 (`last_order_at`, which
 * churn reads) moves when an order is created or confirmed for it — the latest one wins — audited
 * in the order's transaction. `version` is not bumped, as for follow-up dates: an order must not
 * make the owner's open edit of the customer fail with a conflict.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { customers } from './schema.ts';
import { ENTITY } from './service.ts';

/** Locks the customer and sets 最近下单 to `at` when that is later; `summary` names the order. */
export async function noteOrder(tx: Db, actor: Actor, customerId: string, at: Date, summary: string) {
  const [before] = await tx
    .select({ lastOrderAt: customers.lastOrderAt })
    .from(customers)
    .where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId)))
    .for('update');
  if (!before) throw notFound();
  if (before.lastOrderAt && before.lastOrderAt >= at) return;
  await tx
    .update(customers)
    .set({ lastOrderAt: at })
    .where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId)));
  await writeAudit(tx, actor, {
    action: 'order',
    entity: ENTITY,
    entityId: customerId,
    summary,
    changes: { lastOrderAt: [before.lastOrderAt, at] },
  });
}

/** 最近下单 of a customer (null: never ordered, or no such customer). */
export async function lastOrderAt(db: Db, tenantId: string, customerId: string): Promise<Date | null> {
  const [row] = await db
    .select({ lastOrderAt: customers.lastOrderAt })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)));
  return row?.lastOrderAt ?? null;
}

/** Demo data: 最近下单 of many customers at once (the seed's orders, in its transaction; not audited). */
export async function setLastOrderDates(tx: Db, tenantId: string, dates: ReadonlyMap<string, Date>) {
  for (const [customerId, at] of dates)
    await tx
      .update(customers)
      .set({ lastOrderAt: at })
      .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)));
}
