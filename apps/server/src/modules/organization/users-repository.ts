import { isPermission, type UserListQuery } from '@guanxi/contract';
import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions } from '../../db/schema/auth.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { roles, userRoles, users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;

/** Users are "owned" by themselves and belong to their main department. */
const userScope = (p: Principal) =>
  scopePredicate(p, 'users', { owner: sql`u.id`, department: sql`u.department_id` });

const columns = sql`u.id, u.version, u.created_at, u.updated_at, u.username, u.name, u.phone, u.email,
  u.employee_code, u.department_id, d.name AS department_name, u.supervisor_id, s.name AS supervisor_name,
  u.job_title, u.status, u.totp_enabled, u.must_change_password, u.last_login_at,
  coalesce((SELECT json_agg(json_build_object('id', r.id, 'name', r.name) ORDER BY r.name)
    FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.deleted_at IS NULL
    WHERE ur.user_id = u.id AND ur.tenant_id = u.tenant_id), '[]'::json) AS roles`;

const from = (where: SQL) => sql`FROM users u
  JOIN departments d ON d.id = u.department_id
  LEFT JOIN users s ON s.id = u.supervisor_id
  WHERE ${where}`;

const sortable = {
  username: notNull(sql`u.username`),
  name: notNull(sql`u.name`),
  employeeCode: sql`u.employee_code`,
  status: sql`u.status`,
  departmentName: sql`d.name`,
  jobTitle: sql`u.job_title`,
  createdAt: notNull(sql`u.created_at`),
  lastLoginAt: sql`u.last_login_at`,
};

export type UserListRow = Record<string, unknown>;

function filters(p: Principal, q: Partial<UserListQuery>): SQL {
  const parts: SQL[] = [sql`u.tenant_id = ${p.tenantId}`, sql`u.deleted_at IS NULL`, userScope(p)];
  if (q.q) {
    const like = `%${likeEscape(q.q)}%`;
    parts.push(sql`(u.username ILIKE ${like} OR u.name ILIKE ${like} OR u.phone LIKE ${like}
      OR u.employee_code ILIKE ${like} OR u.email ILIKE ${like})`);
  }
  if (q.departmentId) {
    if (q.includeChildren === 'true') {
      parts.push(sql`u.department_id IN (SELECT x.id FROM departments x JOIN departments base
        ON base.id = ${q.departmentId} AND x.tenant_id = base.tenant_id AND x.path LIKE base.path || '%'
        WHERE x.tenant_id = ${p.tenantId} AND x.deleted_at IS NULL)`);
    } else parts.push(sql`u.department_id = ${q.departmentId}`);
  }
  if (q.status) parts.push(sql`u.status = ${q.status}`);
  if (q.roleId) {
    parts.push(
      sql`EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id AND ur.role_id = ${q.roleId})`,
    );
  }
  return sql.join(parts, sql` AND `);
}

export function listUsers(db: Db, p: Principal, q: UserListQuery) {
  return listPage(
    db,
    q,
    { columns, from: from(filters(p, q)), orderBy: orderBy(q.sort, sortable, 'username', sql`u.id`) },
    (row) => row,
  );
}

/** One user by id, only if inside the caller's scope. */
export async function findVisibleUser(db: Db, p: Principal, id: string): Promise<UserListRow | undefined> {
  const result = await db.execute(sql`SELECT ${columns} ${from(sql`${filters(p, {})} AND u.id = ${id}`)}`);
  return result.rows[0] as UserListRow | undefined;
}

/** One user by id regardless of scope: for the caller itself (`/auth/me`, login). */
export async function findUserView(db: Db, tenantId: string, id: string): Promise<UserListRow | undefined> {
  const result = await db.execute(
    sql`SELECT ${columns} ${from(sql`u.tenant_id = ${tenantId} AND u.id = ${id} AND u.deleted_at IS NULL`)}`,
  );
  return result.rows[0] as UserListRow | undefined;
}

export async function findUserRow(db: Db, tenantId: string, id: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id), isNull(users.deletedAt)));
  return row;
}

export async function findUserByLogin(db: Db, tenantId: string, login: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        isNull(users.deletedAt),
        sql`(lower(${users.username}) = lower(${login}) OR ${users.phone} = ${login})`,
      ),
    )
    .limit(1);
  return row;
}

/** Which of unique username / phone / employee code is already used by another user. */
export async function takenFields(
  db: Db,
  tenantId: string,
  values: { username?: string; phone?: string | null; employeeCode?: string | null },
  exceptId?: string,
) {
  const checks: [string, SQL][] = [];
  if (values.username) checks.push(['username', sql`lower(username) = lower(${values.username})`]);
  if (values.phone) checks.push(['phone', sql`phone = ${values.phone}`]);
  if (values.employeeCode) checks.push(['employeeCode', sql`employee_code = ${values.employeeCode}`]);
  const taken: string[] = [];
  for (const [field, cond] of checks) {
    const result = await db.execute(sql`SELECT 1 FROM users WHERE tenant_id = ${tenantId}
      AND deleted_at IS NULL AND ${cond} ${exceptId ? sql`AND id <> ${exceptId}` : sql``} LIMIT 1`);
    if (result.rows.length) taken.push(field);
  }
  return taken;
}

export async function insertUser(db: Db, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).returning();
  return row;
}

export async function updateUserRow(
  db: Db,
  tenantId: string,
  id: string,
  version: number,
  values: Partial<UserRow>,
) {
  return db
    .update(users)
    .set({ ...values, updatedAt: new Date(), version: sql`${users.version} + 1` })
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.id, id),
        eq(users.version, version),
        isNull(users.deletedAt),
      ),
    )
    .returning();
}

export async function roleIdsOf(db: Db, tenantId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ roleId: userRoles.roleId })
    .from(userRoles)
    .where(and(eq(userRoles.tenantId, tenantId), eq(userRoles.userId, userId)));
  return rows.map((r) => r.roleId).sort();
}

export async function setUserRoles(db: Db, tenantId: string, userId: string, roleIds: string[]) {
  await db.delete(userRoles).where(and(eq(userRoles.tenantId, tenantId), eq(userRoles.userId, userId)));
  if (roleIds.length) {
    await db.insert(userRoles).values(roleIds.map((roleId) => ({ tenantId, userId, roleId })));
  }
}

/** The roles' permissions of the catalogue (a stored string it no longer knows grants nothing). */
export async function rolesByIds(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return [];
  const rows = await db
    .select({ id: roles.id, permissions: roles.permissions })
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), inArray(roles.id, ids), isNull(roles.deletedAt)));
  return rows.map((r) => ({ id: r.id, permissions: r.permissions.filter(isPermission) }));
}

/** Would `supervisorId` be `userId` itself or someone who reports (at any depth) to `userId`? */
export async function createsSupervisorCycle(db: Db, tenantId: string, userId: string, supervisorId: string) {
  const result = await db.execute(sql`WITH RECURSIVE chain(id) AS (
      SELECT ${supervisorId}::uuid
      UNION SELECT u.supervisor_id FROM users u JOIN chain ON u.id = chain.id
      WHERE u.tenant_id = ${tenantId} AND u.supervisor_id IS NOT NULL
    ) SELECT 1 FROM chain WHERE id = ${userId} LIMIT 1`);
  return result.rows.length > 0;
}

export async function revokeUserSessions(db: Db, tenantId: string, userId: string) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export async function departmentExists(db: Db, tenantId: string, id: string) {
  const result = await db.execute(
    sql`SELECT 1 FROM departments WHERE tenant_id = ${tenantId} AND id = ${id} AND deleted_at IS NULL`,
  );
  return result.rows.length > 0;
}
