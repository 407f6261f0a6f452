import { sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import type { UserLifecycle } from '../../platform/user-lifecycle.ts';
import { reassignDepartment, reassignDocument } from '../receivables/published.ts';
import { ENTITY } from './service.ts';

/**
 * Contracts follow their owner: to a new department (the department scopes filter on it), and at a
 * departure (离职交接) the leaver's contracts not yet ended go to the colleague who takes over their
 * customers — only the chosen customers' when only some are handed over — their plans, payments and
 * invoices with them. Customers put back into a pool leave their contracts where they were.
 */
export const contractsLifecycle: UserLifecycle = {
  name: 'contracts',
  departmentChanged: async (tx, tenantId, userId, departmentId) => {
    await tx.execute(
      sql`UPDATE contracts SET department_id = ${departmentId}, updated_at = now()
        WHERE tenant_id = ${tenantId} AND owner_id = ${userId} AND department_id <> ${departmentId}`,
    );
    await reassignDepartment(tx, tenantId, userId, departmentId);
  },
  departure: async (tx, ctx) => {
    if (!('userId' in ctx.target)) return 0;
    const toUserId = ctx.target.userId;
    const to = (
      await tx.execute(
        sql`SELECT department_id FROM users WHERE tenant_id = ${ctx.p.tenantId} AND id = ${toUserId}`,
      )
    ).rows[0] as { department_id: string } | undefined;
    if (!to) return 0;
    const moved = await tx.execute(
      sql`UPDATE contracts SET owner_id = ${toUserId}, department_id = ${to.department_id}, updated_at = now(),
          version = version + 1
        WHERE tenant_id = ${ctx.p.tenantId} AND owner_id = ${ctx.fromUserId} AND deleted_at IS NULL
          AND status IN ('draft', 'in-approval', 'active')
          ${ctx.customerIds ? sql`AND customer_id = ANY(${uuidList(ctx.customerIds)})` : sql``}
        RETURNING id, number, title, customer_id`,
    );
    const rows = moved.rows as { id: string; number: string; title: string; customer_id: string }[];
    for (const row of rows) {
      await reassignDocument(tx, ctx.p.tenantId, 'contract', row.id, {
        ownerId: toUserId,
        departmentId: to.department_id,
        customerId: row.customer_id,
      });
      await writeAudit(tx, ctx.actor, {
        action: 'transfer',
        entity: ENTITY,
        entityId: row.id,
        summary: `${row.number} ${row.title}`,
        changes: { ownerId: [ctx.fromUserId, toUserId] },
      });
    }
    return rows.length;
  },
};
