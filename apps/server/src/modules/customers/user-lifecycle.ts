import { sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import type { UserLifecycle } from '../../platform/user-lifecycle.ts';
import { poolExists } from '../pools/published.ts';
import { moveToPool } from './pool-state-service.ts';
import { customers } from './schema.ts';
import { assignee } from './service.ts';

/** Customers follow their owner's department; a departure hands them to a colleague or a pool. */
export const customersLifecycle: UserLifecycle = {
  name: 'customers',
  // department scopes follow the owner: a user who moves takes their customers along
  departmentChanged: async (tx, tenantId, userId, departmentId) => {
    // updated_at: the monthly rollup counts them in their new department at its next refresh
    await tx.execute(sql`UPDATE customers SET department_id = ${departmentId}, updated_at = now()
      WHERE tenant_id = ${tenantId} AND owner_id = ${userId} AND state = 'active' AND deleted_at IS NULL`);
  },
  departure: async (tx, ctx) => {
    const rows = await tx
      .select()
      .from(customers)
      .where(
        sql`${customers.tenantId} = ${ctx.p.tenantId} AND ${customers.ownerId} = ${ctx.fromUserId}
          AND ${customers.state} = 'active' AND ${customers.deletedAt} IS NULL
          ${ctx.customerIds ? sql`AND ${customers.id} = ANY(${uuidList(ctx.customerIds)})` : sql``}`,
      )
      .for('update');
    if ('poolId' in ctx.target) {
      const { poolId } = ctx.target;
      if (!(await poolExists(tx, ctx.p.tenantId, poolId)))
        throw new AppError('VALIDATION_FAILED', [{ path: 'poolId', message: 'unknown pool' }]);
      for (const row of rows) await moveToPool(tx, ctx.actor, row, poolId, 'departure', 'release');
      return rows.length;
    }
    const owner = await assignee(tx, ctx.p, ctx.target.userId, 'userId');
    if (owner.id === ctx.fromUserId)
      throw new AppError('OWNER_INVALID', [{ path: 'userId', message: 'not assignable' }]);
    if (!rows.length) return 0;
    await tx.execute(sql`UPDATE customers SET owner_id = ${owner.id}, department_id = ${owner.department_id},
        previous_owner_id = ${ctx.fromUserId}, owned_since = now(), updated_at = now(), version = version + 1
      WHERE id = ANY(${uuidList(rows.map((r) => r.id))})`);
    for (const row of rows) {
      await writeAudit(tx, ctx.actor, {
        action: 'transfer',
        entity: 'customers',
        entityId: row.id,
        summary: `${row.number ?? ''} ${row.name} → ${owner.name}`.trim(),
        changes: { ownerId: [ctx.fromUserId, owner.id] },
      });
    }
    return rows.length;
  },
};
