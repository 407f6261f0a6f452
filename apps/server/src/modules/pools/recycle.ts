import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/audit.ts';
import { customers } from '../customers/schema.ts';
import { notify } from '../notifications/service.ts';
import { tenants } from '../organization/schema.ts';
import { moveToPool } from './service.ts';

type Due = {
  id: string;
  name: string;
  owner_id: string;
  pool_id: string;
  due_at: string;
  remind_days_before: number | null;
};

/**
 * Active customers due for recycling under the pool that covers their department (nearest
 * assigned ancestor, else a pool for everybody), with the moment they fall due: N days after
 * the last follow-up or M days after the last deal (ownership start when there was none).
 * Customers protected (延期) past today and invalidated ones (失效: nobody works them) are left alone.
 */
async function dueCustomers(db: Db, tenantId: string, now: Date, timeZone: string): Promise<Due[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const result =
    await db.execute(sql`SELECT c.id, c.name, c.owner_id, pick.id AS pool_id, pick.remind_days_before,
      least(
        coalesce(c.last_follow_up_at, c.owned_since, c.created_at) + make_interval(days => pick.recycle_no_follow_up_days),
        coalesce(c.last_deal_at, c.owned_since, c.created_at) + make_interval(days => pick.recycle_no_deal_days)
      ) AS due_at
    FROM customers c
    JOIN departments d ON d.id = c.department_id
    CROSS JOIN LATERAL (
      SELECT pl.* FROM pools pl
      WHERE pl.tenant_id = c.tenant_id AND pl.deleted_at IS NULL
        AND (cardinality(pl.department_ids) = 0 OR EXISTS (SELECT 1 FROM unnest(pl.department_ids) x
          WHERE d.path LIKE '%/' || x::text || '/%'))
      ORDER BY (SELECT max(length(a.path)) FROM departments a WHERE a.id = ANY(pl.department_ids)) DESC NULLS LAST,
        pl.created_at
      LIMIT 1) pick
    WHERE c.tenant_id = ${tenantId} AND c.state = 'active' AND c.deleted_at IS NULL
      AND c.invalidated_at IS NULL
      AND (pick.recycle_no_follow_up_days IS NOT NULL OR pick.recycle_no_deal_days IS NOT NULL)
      AND (c.protected_until IS NULL OR c.protected_until < (${at} AT TIME ZONE ${timeZone})::date)`);
  return (result.rows as Due[]).filter((r) => r.due_at != null);
}

export type RecycleResult = { recycled: number; reminded: number };

/**
 * The daily pool job: recycles what is due and reminds owners K days before. `now` is a
 * parameter so tests can move the clock; reminders are delivered once per customer and due date.
 */
export async function runRecycle(db: Db, now = new Date()): Promise<RecycleResult> {
  const total: RecycleResult = { recycled: 0, reminded: 0 };
  for (const tenant of await db.select({ id: tenants.id, timezone: tenants.timezone }).from(tenants)) {
    const done = await recycleTenant(db, tenant, now);
    total.recycled += done.recycled;
    total.reminded += done.reminded;
  }
  return total;
}

/** The recycle of one tenant (what a pool admin's 立即执行 runs: their own tenant, nobody else's). */
export async function recycleTenant(
  db: Db,
  tenant: { id: string; timezone: string },
  now = new Date(),
): Promise<RecycleResult> {
  const total: RecycleResult = { recycled: 0, reminded: 0 };
  const actor: Actor = { tenantId: tenant.id, userId: null, userName: 'system' };
  for (const due of await dueCustomers(db, tenant.id, now, tenant.timezone)) {
    const dueAt = new Date(due.due_at);
    if (dueAt <= now) {
      const moved = await db.transaction(async (tx) => {
        // re-read under lock: a follow-up or a transfer may have happened since the scan
        const [row] = await tx
          .select()
          .from(customers)
          .where(
            sql`${customers.id} = ${due.id} AND ${customers.state} = 'active' AND ${customers.ownerId} = ${due.owner_id}`,
          )
          .for('update');
        if (!row) return false;
        await moveToPool(tx, actor, row, due.pool_id, 'recycle', 'recycle', now);
        await notify(tx, {
          tenantId: tenant.id,
          userId: due.owner_id,
          kind: 'pool.recycled',
          data: { customerId: due.id, customerName: due.name },
          title: `客户「${due.name}」已被收回公海`,
          link: `/customers/${due.id}`,
          entity: 'customers',
          entityId: due.id,
        });
        return true;
      });
      if (moved) total.recycled++;
    } else if (
      due.remind_days_before != null &&
      dueAt.getTime() - due.remind_days_before * 86_400_000 <= now.getTime()
    ) {
      const day = dueAt.toISOString().slice(0, 10);
      const sent = await notify(db, {
        tenantId: tenant.id,
        userId: due.owner_id,
        kind: 'pool.recycle-reminder',
        data: { customerId: due.id, customerName: due.name, dueAt: dueAt.toISOString() },
        title: `客户「${due.name}」将于 ${day} 被收回公海，请及时跟进`,
        link: `/customers/${due.id}`,
        entity: 'customers',
        entityId: due.id,
        dedupeKey: `pool-recycle:${due.id}:${day}`,
      });
      if (sent) total.reminded++;
    }
  }
  return total;
}
