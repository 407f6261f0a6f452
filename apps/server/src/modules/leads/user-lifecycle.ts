import { writeAudits } from '../../platform/audit.ts';
import type { UserLifecycle } from '../../platform/user-lifecycle.ts';
import { departmentOf, followDepartment, handOverOpen } from './repository.ts';
import { ENTITY } from './service.ts';

/**
 * A person's leads follow them to a new department; when they leave, their open leads (not
 * converted or disqualified) go to whoever takes over their customers, or back into the lead
 * pool when their customers go to a public pool. A hand-over of only some customers moves no
 * leads (a lead belongs to no customer yet).
 */
export const leadsLifecycle: UserLifecycle = {
  name: 'leads',
  departmentChanged: (tx, tenantId, userId, departmentId) =>
    followDepartment(tx, tenantId, userId, departmentId),
  departure: async (tx, ctx) => {
    if (ctx.customerIds) return 0;
    const tenantId = ctx.p.tenantId;
    let to: { id: string; departmentId: string } | null = null;
    if ('userId' in ctx.target) {
      const departmentId = await departmentOf(tx, tenantId, ctx.target.userId);
      if (!departmentId) return 0;
      to = { id: ctx.target.userId, departmentId };
    }
    const rows = await handOverOpen(tx, tenantId, ctx.fromUserId, to);
    await writeAudits(
      tx,
      ctx.actor,
      rows.map((r) => ({
        action: to ? 'transfer' : 'release',
        entity: ENTITY,
        entityId: r.id,
        summary: r.name,
        changes: { ownerId: [ctx.fromUserId, to?.id ?? null] },
      })),
    );
    return rows.length;
  },
};
