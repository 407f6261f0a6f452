import { sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import type { UserLifecycle } from '../../platform/user-lifecycle.ts';
import { handOver, openEventsOf } from './repository.ts';
import { ENTITY } from './service.ts';

/**
 * 离职交接: a leaving user's open calendar — events not yet over (a repeat that goes on, a one-off
 * not completed) — goes to the colleague who takes over, with their customers' plans; only the
 * chosen customers' events when only some customers are handed over. Put back into a pool, the
 * customers have nobody to plan for them: their events stay where they were.
 */
export const eventsLifecycle: UserLifecycle = {
  name: 'events',
  departure: async (tx, ctx) => {
    if (!('userId' in ctx.target)) return 0;
    const toUserId = ctx.target.userId;
    const rows = await openEventsOf(
      tx,
      ctx.p.tenantId,
      ctx.fromUserId,
      ctx.customerIds ? sql`AND customer_id = ANY(${uuidList(ctx.customerIds)})` : sql``,
    );
    if (!rows.length) return 0;
    await handOver(
      tx,
      ctx.p.tenantId,
      rows.map((r) => r.id),
      toUserId,
    );
    for (const row of rows)
      await writeAudit(tx, ctx.actor, {
        action: 'transfer',
        entity: ENTITY,
        entityId: row.id,
        summary: row.title,
        changes: { ownerId: [ctx.fromUserId, toUserId] },
      });
    return rows.length;
  },
};
