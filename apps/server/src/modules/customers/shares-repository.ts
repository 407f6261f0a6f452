import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { customerShares } from './schema.ts';

export async function listShares(db: Db, tenantId: string, customerId: string) {
  const result = await db.execute(sql`SELECT s.id, s.user_id, u.name AS user_name, s.department_id,
      d.name AS department_name, s.access, s.created_at
    FROM customer_shares s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN departments d ON d.id = s.department_id
    WHERE s.tenant_id = ${tenantId} AND s.customer_id = ${customerId} ORDER BY s.created_at`);
  return result.rows.map((r) => {
    const row = r as Record<string, unknown>;
    return {
      id: row.id as string,
      userId: (row.user_id as string | null) ?? null,
      userName: (row.user_name as string | null) ?? null,
      departmentId: (row.department_id as string | null) ?? null,
      departmentName: (row.department_name as string | null) ?? null,
      access: row.access as 'read' | 'write',
      createdAt: new Date(row.created_at as string).toISOString(),
    };
  });
}

/** Adds or changes one share (a user or a department). */
export async function upsertShare(
  tx: Db,
  v: {
    tenantId: string;
    customerId: string;
    userId?: string;
    departmentId?: string;
    access: 'read' | 'write';
    by: string;
  },
) {
  const target = v.userId
    ? sql`(customer_id, user_id) WHERE user_id IS NOT NULL`
    : sql`(customer_id, department_id) WHERE department_id IS NOT NULL`;
  await tx.execute(sql`INSERT INTO customer_shares (id, tenant_id, customer_id, user_id, department_id, access, created_by)
    VALUES (${uuidv7()}, ${v.tenantId}, ${v.customerId}, ${v.userId ?? null}, ${v.departmentId ?? null}, ${v.access}, ${v.by})
    ON CONFLICT ${target} DO UPDATE SET access = EXCLUDED.access, updated_at = now(), version = customer_shares.version + 1`);
}

export async function deleteShare(tx: Db, tenantId: string, customerId: string, shareId: string) {
  return tx
    .delete(customerShares)
    .where(
      and(
        eq(customerShares.tenantId, tenantId),
        eq(customerShares.customerId, customerId),
        eq(customerShares.id, shareId),
      ),
    )
    .returning();
}

/** Moves the shares of `fromId` to `toId`, keeping the target's own where both exist. */
export async function moveShares(tx: Db, tenantId: string, fromId: string, toId: string) {
  await tx.execute(sql`DELETE FROM customer_shares s WHERE s.tenant_id = ${tenantId} AND s.customer_id = ${fromId}
    AND EXISTS (SELECT 1 FROM customer_shares t WHERE t.customer_id = ${toId}
      AND (t.user_id = s.user_id OR t.department_id = s.department_id))`);
  await tx.execute(
    sql`UPDATE customer_shares SET customer_id = ${toId} WHERE tenant_id = ${tenantId} AND customer_id = ${fromId}`,
  );
}

/** Active users and departments of the tenant among the ids (to refuse strangers). */
export async function existingTargets(db: Db, tenantId: string, userIds: string[], departmentIds: string[]) {
  const users = await db.execute(sql`SELECT id FROM users WHERE tenant_id = ${tenantId} AND deleted_at IS NULL
    AND status = 'active' AND id = ANY(${uuidList(userIds)})`);
  const departments = await db.execute(sql`SELECT id FROM departments WHERE tenant_id = ${tenantId}
    AND deleted_at IS NULL AND id = ANY(${uuidList(departmentIds)})`);
  return {
    users: new Set(users.rows.map((r) => (r as { id: string }).id)),
    departments: new Set(departments.rows.map((r) => (r as { id: string }).id)),
  };
}
