import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { writeAudit } from './audit.ts';
import { textList, uuidList } from './sql-lists.ts';
import type { UserLifecycle } from './user-lifecycle.ts';

type Moved = { id: string; customer_id: string; summary: string };
type NewOwner = { ownerId: string; departmentId: string; customerId: string };

/**
 * The lifecycle of a sales document owned by a person for a customer (quotes, orders, contracts):
 * it follows its owner to a new department (the department scopes filter on it), and at a
 * departure (离职交接) the leaver's documents still in play (`open` statuses) go to the colleague
 * who takes over their customers — only the chosen customers' when only some are handed over;
 * ended ones stay as history. Customers put back into a pool leave their documents where they were.
 * The table has `owner_id`, `department_id`, `customer_id`, `status`, `version`, `deleted_at`.
 */
export function documentLifecycle(o: {
  name: string;
  table: string;
  /** The audit entity of the documents. */
  entity: string;
  open: readonly string[];
  /** How an audit entry names a document, over the table's columns. */
  summary: SQL;
  /** What hangs off a document and moves with it (its payment plans, payments and invoices). */
  moved?: (tx: Db, tenantId: string, documentId: string, to: NewOwner) => Promise<void>;
  /** What else follows the owner to a new department. */
  departmentChanged?: (tx: Db, tenantId: string, userId: string, departmentId: string) => Promise<void>;
}): UserLifecycle {
  const table = sql.identifier(o.table);
  return {
    name: o.name,
    departmentChanged: async (tx, tenantId, userId, departmentId) => {
      await tx.execute(
        sql`UPDATE ${table} SET department_id = ${departmentId}, updated_at = now()
          WHERE tenant_id = ${tenantId} AND owner_id = ${userId} AND department_id <> ${departmentId}`,
      );
      await o.departmentChanged?.(tx, tenantId, userId, departmentId);
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
        sql`UPDATE ${table} SET owner_id = ${toUserId}, department_id = ${to.department_id}, updated_at = now(),
            version = version + 1
          WHERE tenant_id = ${ctx.p.tenantId} AND owner_id = ${ctx.fromUserId} AND deleted_at IS NULL
            AND status = ANY(${textList(o.open)})
            ${ctx.customerIds ? sql`AND customer_id = ANY(${uuidList(ctx.customerIds)})` : sql``}
          RETURNING id, customer_id, ${o.summary} AS summary`,
      );
      const rows = moved.rows as Moved[];
      for (const row of rows) {
        await o.moved?.(tx, ctx.p.tenantId, row.id, {
          ownerId: toUserId,
          departmentId: to.department_id,
          customerId: row.customer_id,
        });
        await writeAudit(tx, ctx.actor, {
          action: 'transfer',
          entity: o.entity,
          entityId: row.id,
          summary: row.summary,
          changes: { ownerId: [ctx.fromUserId, toUserId] },
        });
      }
      return rows.length;
    },
  };
}
