import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { roles, userRoles } from './schema.ts';

export type RoleRow = typeof roles.$inferSelect;

const live = (tenantId: string) => and(eq(roles.tenantId, tenantId), isNull(roles.deletedAt));
const userCount = sql<number>`(SELECT count(*)::int FROM user_roles ur JOIN users u ON u.id = ur.user_id
  AND u.deleted_at IS NULL WHERE ur.role_id = roles.id)`; // spelled out: drizzle renders a bare "id" here

export const listRoles = (db: Db, tenantId: string) =>
  db.select({ row: roles, userCount }).from(roles).where(live(tenantId)).orderBy(roles.createdAt, roles.id);

/** The live roles a user holds, by name. */
export const rolesOfUser = (db: Db, tenantId: string, userId: string) =>
  db
    .select({ id: roles.id, code: roles.code, name: roles.name })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(live(tenantId), eq(userRoles.tenantId, tenantId), eq(userRoles.userId, userId)))
    .orderBy(roles.name);

export async function findRole(db: Db, tenantId: string, id: string) {
  const [found] = await db
    .select({ row: roles, userCount })
    .from(roles)
    .where(and(live(tenantId), eq(roles.id, id)));
  return found;
}

export async function nameTaken(db: Db, tenantId: string, name: string, exceptId?: string) {
  const [hit] = await db
    .select({ id: roles.id })
    .from(roles)
    .where(and(live(tenantId), eq(roles.name, name), exceptId ? sql`${roles.id} <> ${exceptId}` : undefined));
  return Boolean(hit);
}

export async function insertRole(db: Db, values: typeof roles.$inferInsert) {
  const [row] = await db.insert(roles).values(values).returning();
  return row;
}

export const updateRoleRow = (
  db: Db,
  tenantId: string,
  id: string,
  version: number,
  values: Partial<RoleRow>,
) =>
  db
    .update(roles)
    .set({ ...values, updatedAt: new Date(), version: sql`${roles.version} + 1` })
    .where(and(live(tenantId), eq(roles.id, id), eq(roles.version, version)))
    .returning();

/** Gives every tenant's `admin` role every permission the running version knows. */
export async function grantAllToAdminRoles(db: Db, permissions: string[]) {
  // Permission names never contain commas, so one text parameter carries the whole list.
  const all = sql`string_to_array(${permissions.join(',')}, ',')::text[]`;
  await db.execute(sql`UPDATE roles SET permissions = ${all}
    WHERE code = 'admin' AND deleted_at IS NULL AND NOT (permissions @> ${all})`);
}

/** Live seeded roles (those with a `code`), of one tenant or of all; locked when asked. */
export function seededRoles(db: Db, opts: { tenantId?: string; lock?: boolean } = {}) {
  const query = db
    .select()
    .from(roles)
    .where(
      and(
        isNotNull(roles.code),
        isNull(roles.deletedAt),
        opts.tenantId ? eq(roles.tenantId, opts.tenantId) : undefined,
      ),
    )
    .orderBy(roles.tenantId, roles.id);
  return opts.lock ? query.for('update') : query;
}

/** Writes a seeded role's synced grants; `visible` bumps the version, as an admin's edit would. */
export const updateSeededRole = (
  db: Db,
  tenantId: string,
  id: string,
  values: Pick<RoleRow, 'permissions' | 'seededPermissions' | 'dataScopes'>,
  visible: boolean,
) =>
  db
    .update(roles)
    .set(visible ? { ...values, updatedAt: new Date(), version: sql`${roles.version} + 1` } : values)
    .where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)));

/** The live roles that require TOTP. */
export const totpRoles = (db: Db, tenantId: string) =>
  db
    .select({ id: roles.id, name: roles.name })
    .from(roles)
    .where(and(live(tenantId), eq(roles.requireTotp, true)))
    .orderBy(roles.name);

/** Requires TOTP of exactly these roles (ids of live roles); the roles that change get a new version. */
export async function setTotpRoles(db: Db, tenantId: string, roleIds: string[]) {
  const wanted = sql`(${roles.id} = ANY(string_to_array(${roleIds.join(',')}, ',')::uuid[]))`;
  await db
    .update(roles)
    .set({ requireTotp: wanted, updatedAt: new Date(), version: sql`${roles.version} + 1` })
    .where(and(live(tenantId), sql`${roles.requireTotp} IS DISTINCT FROM ${wanted}`));
}

/** How many of these ids are live roles of the tenant. */
export async function countLiveRoles(db: Db, tenantId: string, roleIds: string[]) {
  if (!roleIds.length) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(roles)
    .where(and(live(tenantId), inArray(roles.id, roleIds)));
  return row?.n ?? 0;
}
