import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/audit.ts';
import { dueForRecycle, lockStillOwned, moveToPool } from '../customers/pool-state-service.ts';
import { notify } from '../notifications/service.ts';
import { allTenants } from '../organization/tenants-service.ts';

type RecycleResult = { recycled: number; reminded: number };

/**
 * The daily pool job: recycles what is due and reminds owners K days before. `now` is a
 * parameter so tests can move the clock; reminders are delivered once per customer and due date.
 */
export async function runRecycle(db: Db, now = new Date()): Promise<RecycleResult> {
  const total: RecycleResult = { recycled: 0, reminded: 0 };
  for (const tenant of await allTenants(db)) {
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
  for (const due of await dueForRecycle(db, tenant.id, now, tenant.timezone)) {
    const dueAt = new Date(due.due_at);
    if (dueAt <= now) {
      const moved = await db.transaction(async (tx) => {
        // re-read under lock: a follow-up or a transfer may have happened since the scan
        const row = await lockStillOwned(tx, due.id, due.owner_id);
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
