import { sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit.ts';
import type { UserLifecycle } from '../../platform/user-lifecycle.ts';
import { ENTITY } from './service.ts';

/** Campaigns still to run or running: what an owner who moves or leaves takes along or hands over. */
const open = (alias: string) =>
  sql.raw(`${alias}.status IN ('planned', 'running') AND ${alias}.deleted_at IS NULL`);

/**
 * An owner's open campaigns follow them to another department and go to the colleague who takes
 * over when they leave. Finished and cancelled ones stay where they ran: their cost and results
 * are that department's (its supervisors keep seeing them by department scope).
 */
export const campaignsLifecycle: UserLifecycle = {
  name: 'campaigns',
  departmentChanged: async (tx, tenantId, userId, departmentId) => {
    await tx.execute(sql`UPDATE campaigns m SET department_id = ${departmentId}
      WHERE m.tenant_id = ${tenantId} AND m.owner_id = ${userId} AND ${open('m')}`);
  },
  departure: async (tx, ctx) => {
    // a hand-over of some customers only, or to a pool: campaigns are nobody's customers, they stay
    if (!('userId' in ctx.target) || ctx.customerIds) return 0;
    const toUserId = ctx.target.userId;
    const moved = (
      await tx.execute(sql`UPDATE campaigns m SET owner_id = u.id, department_id = u.department_id,
          version = m.version + 1, updated_at = now()
        FROM users u
        WHERE u.tenant_id = ${ctx.p.tenantId} AND u.id = ${toUserId} AND u.status = 'active' AND u.deleted_at IS NULL
          AND m.tenant_id = ${ctx.p.tenantId} AND m.owner_id = ${ctx.fromUserId} AND ${open('m')}
        RETURNING m.id, m.number, m.name`)
    ).rows as { id: string; number: string; name: string }[];
    for (const row of moved)
      await writeAudit(tx, ctx.actor, {
        action: 'transfer',
        entity: ENTITY,
        entityId: row.id,
        summary: `${row.number} ${row.name}`,
        changes: { ownerId: [ctx.fromUserId, toUserId] },
      });
    return moved.length;
  },
};
