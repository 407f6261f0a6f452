import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { uuidList } from '../../platform/sql-lists.ts';

// The organisation's reference data as approvals read it (users, roles, departments: read here,
// never written): the names shown, and who is asked at a step.

const rowsOf = <T>(r: { rows: Record<string, unknown>[] }) => r.rows as T[];

// ---- names of reference data (read-only: users, roles, departments) ----

export async function namesOf(db: Db, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = rowsOf<{ id: string; name: string }>(
    await db.execute(sql`
      SELECT id::text, name FROM users WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)})
      UNION ALL SELECT id::text, name FROM roles WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)})
      UNION ALL SELECT id::text, name FROM departments WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)})`),
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Which of the ids are live records of the table (users, roles, departments) in the tenant. */
export async function existing(
  db: Db,
  tenantId: string,
  table: 'users' | 'roles' | 'departments',
  ids: string[],
) {
  if (ids.length === 0) return new Set<string>();
  const rows = rowsOf<{ id: string }>(
    await db.execute(
      sql`SELECT id::text FROM ${sql.identifier(table)} WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)}) AND deleted_at IS NULL`,
    ),
  );
  return new Set(rows.map((r) => r.id));
}

// ---- who is asked ----

const activeUser = sql`u.deleted_at IS NULL AND u.status = 'active'`;

/**
 * The user's supervisors upwards (nearest first), at most `max`, each with whether they hold
 * `roleId`; people no longer active are passed over (their supervisor is next).
 */
export async function supervisorChain(
  tx: Db,
  tenantId: string,
  userId: string,
  roleId: string | null,
  max: number,
): Promise<{ id: string; hasRole: boolean }[]> {
  const rows = rowsOf<{ id: string; active: boolean; has_role: boolean }>(
    await tx.execute(sql`
      WITH RECURSIVE chain(id, depth, seen) AS (
        SELECT u.supervisor_id, 1, ARRAY[u.id] FROM users u
        WHERE u.tenant_id = ${tenantId} AND u.id = ${userId} AND u.supervisor_id IS NOT NULL
        UNION ALL
        SELECT u.supervisor_id, c.depth + 1, c.seen || u.id FROM chain c JOIN users u ON u.id = c.id
        WHERE u.tenant_id = ${tenantId} AND u.supervisor_id IS NOT NULL AND NOT u.supervisor_id = ANY(c.seen) AND c.depth < 50
      )
      SELECT c.id::text, (${activeUser}) AS active,
        ${roleId ? sql`EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = c.id AND ur.role_id = ${roleId})` : sql`false`} AS has_role
      FROM chain c JOIN users u ON u.id = c.id AND u.tenant_id = ${tenantId}
      ORDER BY c.depth`),
  );
  return rows
    .filter((r) => r.active && r.id !== userId)
    .slice(0, max)
    .map((r) => ({ id: r.id, hasRole: r.has_role }));
}

/**
 * Active holders of the role in the department line of `departmentId` (the department and its
 * ancestors), each with how far up their department is (0 = the department itself).
 */
export async function roleHoldersInLine(tx: Db, tenantId: string, roleId: string, departmentId: string) {
  return rowsOf<{ id: string; distance: number }>(
    await tx.execute(sql`
      WITH line AS (
        SELECT a.id, array_length(string_to_array(trim(both '/' from d.path), '/'), 1)
               - array_length(string_to_array(trim(both '/' from a.path), '/'), 1) AS distance
        FROM departments d JOIN departments a ON a.tenant_id = d.tenant_id AND d.path LIKE a.path || '%'
        WHERE d.tenant_id = ${tenantId} AND d.id = ${departmentId}
      )
      SELECT u.id::text, l.distance::int AS distance
      FROM line l JOIN users u ON u.tenant_id = ${tenantId} AND u.department_id = l.id AND ${activeUser}
      JOIN user_roles ur ON ur.user_id = u.id AND ur.role_id = ${roleId}
      ORDER BY l.distance, u.id`),
  );
}

/** Which of the people are active users of the tenant, in the given order. */
export async function activeUsers(tx: Db, tenantId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = rowsOf<{ id: string }>(
    await tx.execute(
      sql`SELECT u.id::text FROM users u WHERE u.tenant_id = ${tenantId} AND u.id = ANY(${uuidList(ids)}) AND ${activeUser}`,
    ),
  );
  const live = new Set(rows.map((r) => r.id));
  return ids.filter((id) => live.has(id));
}

/** The tenant's admins: active holders of the admin role. */
export async function tenantAdmins(tx: Db, tenantId: string): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      SELECT u.id::text FROM users u
      JOIN user_roles ur ON ur.user_id = u.id
      JOIN roles r ON r.id = ur.role_id AND r.code = 'admin' AND r.deleted_at IS NULL
      WHERE u.tenant_id = ${tenantId} AND ${activeUser}
      ORDER BY u.created_at, u.id`),
  );
  return rows.map((r) => r.id);
}

export async function supervisorOf(tx: Db, tenantId: string, userId: string): Promise<string | null> {
  const chain = await supervisorChain(tx, tenantId, userId, null, 1);
  return chain[0]?.id ?? null;
}
