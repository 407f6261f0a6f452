import { writeAudits } from '../../platform/audit.ts';
import type { UserLifecycle } from '../../platform/user-lifecycle.ts';
import { departmentOf, followDepartment, handOverOpen } from './repository.ts';
import { ENTITY } from './service.ts';

/**
 * A person's open opportunities follow them to a new department; when they leave, they go to
 * whoever takes over their work (a hand-over to a pool, or of some customers only, leaves them
 * for a supervisor to 指派 again — they stay visible to the department).
 */
export const opportunitiesLifecycle: UserLifecycle = {
  name: 'opportunities',
  departmentChanged: async (tx, tenantId, userId, departmentId) => {
    await followDepartment(tx, tenantId, userId, departmentId);
  },
  departure: async (tx, ctx) => {
    if (ctx.customerIds || !('userId' in ctx.target)) return 0;
    const tenantId = ctx.p.tenantId;
    const departmentId = await departmentOf(tx, tenantId, ctx.target.userId);
    if (!departmentId) return 0;
    const to = { id: ctx.target.userId, departmentId };
    const rows = await handOverOpen(tx, tenantId, ctx.fromUserId, to);
    await writeAudits(
      tx,
      ctx.actor,
      rows.map((r) => ({
        action: 'transfer',
        entity: ENTITY,
        entityId: r.id,
        summary: r.title,
        changes: { ownerId: [ctx.fromUserId, to.id] },
      })),
    );
    return rows.length;
  },
};
