import { writeAudits } from '../../platform/audit.ts';
import type { UserLifecycle } from '../../platform/user-lifecycle.ts';
import { activeUser, followDepartment, handOverOpen } from './repository.ts';
import { ENTITY } from './service.ts';

/**
 * A handler's open tickets follow them to a new department; when they leave, their open tickets
 * (of the handed-over customers only, when only some are) go to whoever takes over, or back to the
 * queue when the customers go to a public pool — no ticket waits for someone who is gone.
 */
export const ticketsLifecycle: UserLifecycle = {
  name: 'tickets',
  departmentChanged: (tx, tenantId, userId, departmentId) =>
    followDepartment(tx, tenantId, userId, departmentId),
  departure: async (tx, ctx) => {
    const tenantId = ctx.p.tenantId;
    let to: { id: string; departmentId: string | null } | null = null;
    if ('userId' in ctx.target) {
      const heir = await activeUser(tx, tenantId, ctx.target.userId);
      if (!heir) return 0;
      to = { id: heir.id, departmentId: heir.department_id };
    }
    const rows = await handOverOpen(tx, tenantId, ctx.fromUserId, to, ctx.customerIds);
    await writeAudits(
      tx,
      ctx.actor,
      rows.map((r) => ({
        action: to ? 'transfer' : 'release',
        entity: ENTITY,
        entityId: r.id,
        summary: `${r.number} ${r.title}`,
        changes: { handlerId: [ctx.fromUserId, to?.id ?? null] },
      })),
    );
    return rows.length;
  },
};
