import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { likeEscape } from '../../platform/pagination.ts';
import { departments } from './schema.ts';

export type DepartmentRow = typeof departments.$inferSelect;

const live = (tenantId: string) => and(eq(departments.tenantId, tenantId), isNull(departments.deletedAt));

// `departments.id` spelled out: drizzle would render a bare "id", which the subquery resolves to u.id.
const userCount = sql<number>`(SELECT count(*)::int FROM users u WHERE u.department_id = departments.id
  AND u.deleted_at IS NULL AND u.status <> 'left')`;

export async function listDepartments(db: Db, tenantId: string) {
  return db
    .select({ row: departments, userCount })
    .from(departments)
    .where(live(tenantId))
    .orderBy(
      sql`length(${departments.path}) - length(replace(${departments.path}, '/', ''))`,
      departments.sortOrder,
      departments.name,
    );
}

export async function findDepartment(db: Db, tenantId: string, id: string) {
  const [found] = await db
    .select({ row: departments, userCount })
    .from(departments)
    .where(and(live(tenantId), eq(departments.id, id)));
  return found;
}

export async function siblingNameTaken(
  db: Db,
  tenantId: string,
  parentId: string | null,
  name: string,
  exceptId?: string,
) {
  const [hit] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(
      and(
        live(tenantId),
        parentId ? eq(departments.parentId, parentId) : isNull(departments.parentId),
        eq(departments.name, name),
        exceptId ? sql`${departments.id} <> ${exceptId}` : undefined,
      ),
    );
  return Boolean(hit);
}

export async function insertDepartment(db: Db, values: typeof departments.$inferInsert) {
  const [row] = await db.insert(departments).values(values).returning();
  return row;
}

export async function updateDepartmentRow(
  db: Db,
  tenantId: string,
  id: string,
  version: number,
  values: Partial<Pick<DepartmentRow, 'name' | 'parentId' | 'path' | 'sortOrder'>>,
) {
  return db
    .update(departments)
    .set({ ...values, updatedAt: new Date(), version: sql`${departments.version} + 1` })
    .where(and(live(tenantId), eq(departments.id, id), eq(departments.version, version)))
    .returning();
}

/** Rewrites the path of every descendant after a move, in the caller's transaction. */
export async function repathSubtree(db: Db, tenantId: string, oldPath: string, newPath: string) {
  await db.execute(sql`UPDATE departments SET path = ${newPath} || substr(path, ${oldPath.length + 1})
    WHERE tenant_id = ${tenantId} AND path LIKE ${`${likeEscape(oldPath)}%`} AND path <> ${oldPath}`);
}

/** Sub-departments and users (any status) that keep a department from being deleted. */
export async function departmentContents(db: Db, tenantId: string, id: string) {
  const result = await db.execute(sql`SELECT
    (SELECT count(*)::int FROM departments WHERE tenant_id = ${tenantId} AND parent_id = ${id} AND deleted_at IS NULL) AS children,
    (SELECT count(*)::int FROM users WHERE tenant_id = ${tenantId} AND department_id = ${id} AND deleted_at IS NULL) AS users`);
  return result.rows[0] as { children: number; users: number };
}

export async function softDeleteDepartment(db: Db, tenantId: string, id: string, version: number) {
  return db
    .update(departments)
    .set({ deletedAt: new Date(), updatedAt: new Date(), version: sql`${departments.version} + 1` })
    .where(and(live(tenantId), eq(departments.id, id), eq(departments.version, version)))
    .returning();
}
