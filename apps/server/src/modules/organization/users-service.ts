import type { CreateUser, UpdateUser, User, UserListQuery, UserStatus } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { applyFieldAccess, applyFieldAccessToHistory, assertWritable } from '../../platform/access.ts';
import { type Actor, auditUpdate, diff, fieldHistory, writeAudit } from '../../platform/audit.ts';
import { checkPasswordPolicy, hashPassword } from '../../platform/auth/passwords.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { isoOf } from '../../platform/dates.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { type DepartureTarget, userLifecycles } from '../../platform/user-lifecycle.ts';
import { compileUserPattern } from '../../platform/user-pattern.ts';
import { passwordPolicy } from './security-settings-service.ts';
import { getTenant } from './tenants-service.ts';
import * as repo from './users-repository.ts';

const ENTITY = 'users';

/** A user row (from the list query) as the API shows it, after field permissions. */
export function toUser(p: Principal | null, row: repo.UserListRow): User {
  const roles = (row.roles as { id: string; name: string }[]) ?? [];
  const user: User = {
    id: row.id as string,
    version: Number(row.version),
    createdAt: isoOf(row.created_at)!,
    updatedAt: isoOf(row.updated_at)!,
    username: row.username as string,
    name: row.name as string,
    phone: (row.phone as string | null) ?? null,
    email: (row.email as string | null) ?? null,
    employeeCode: (row.employee_code as string | null) ?? null,
    departmentId: row.department_id as string,
    departmentName: row.department_name as string,
    supervisorId: (row.supervisor_id as string | null) ?? null,
    supervisorName: (row.supervisor_name as string | null) ?? null,
    jobTitle: (row.job_title as string | null) ?? null,
    status: row.status as UserStatus,
    roleIds: roles.map((r) => r.id),
    roleNames: roles.map((r) => r.name),
    totpEnabled: Boolean(row.totp_enabled),
    mustChangePassword: Boolean(row.must_change_password),
    lastLoginAt: isoOf(row.last_login_at),
  };
  return p ? applyFieldAccess(p, ENTITY, user) : user;
}

/** The fields the audit log records for a user. */
const auditable = (r: repo.UserRow, roleIds: string[]) => ({
  username: r.username,
  name: r.name,
  phone: r.phone,
  email: r.email,
  employeeCode: r.employeeCode,
  departmentId: r.departmentId,
  supervisorId: r.supervisorId,
  jobTitle: r.jobTitle,
  status: r.status,
  roleIds,
});

export async function listUsers(db: Db, p: Principal, q: UserListQuery) {
  const page = await repo.listUsers(db, p, q);
  return { ...page, data: page.data.map((row) => toUser(p, row)) };
}

export async function getUser(db: Db, p: Principal, id: string): Promise<User> {
  const row = await repo.findVisibleUser(db, p, id);
  if (!row) throw notFound();
  return toUser(p, row);
}

async function checkUnique(
  db: Db,
  tenantId: string,
  values: Parameters<typeof repo.takenFields>[2],
  exceptId?: string,
) {
  const taken = await repo.takenFields(db, tenantId, values, exceptId);
  const codes = {
    username: 'USERNAME_TAKEN',
    phone: 'PHONE_TAKEN',
    employeeCode: 'EMPLOYEE_CODE_TAKEN',
  } as const;
  if (taken.length)
    throw new AppError(codes[taken[0] as keyof typeof codes], [{ path: taken[0], message: 'taken' }]);
}

async function checkEmployeeCode(db: Db, tenantId: string, code: string | null | undefined) {
  if (!code) return;
  const tenant = await getTenant(db, tenantId);
  // RE2, never the backtracking RegExp: a tenant's pattern must not stall the event loop
  const pattern = compileUserPattern(tenant.employeeCodePattern);
  if (!pattern) return; // an unusable pattern was rejected when saved; never block users on it
  if (!pattern.test(code)) {
    throw new AppError('EMPLOYEE_CODE_INVALID', [
      { path: 'employeeCode', message: tenant.employeeCodePattern },
    ]);
  }
}

/** Roles must exist, and nobody grants a role with a permission they do not hold themselves. */
async function checkRoles(db: Db, p: Principal, roleIds: string[]) {
  const found = await repo.rolesByIds(db, p.tenantId, roleIds);
  if (found.length !== new Set(roleIds).size) throw invalid('roleIds', 'unknown role');
  const beyond = found.some((r) => r.permissions.some((perm) => !can(p, perm)));
  if (beyond)
    throw new AppError('FORBIDDEN', [{ path: 'roleIds', message: 'role grants more than you hold' }]);
}

async function checkRefs(
  db: Db,
  p: Principal,
  values: { departmentId?: string; supervisorId?: string | null },
) {
  if (values.departmentId && !(await repo.departmentExists(db, p.tenantId, values.departmentId))) {
    throw invalid('departmentId', 'unknown department');
  }
  if (values.supervisorId && !(await repo.findUserRow(db, p.tenantId, values.supervisorId))) {
    throw invalid('supervisorId', 'unknown user');
  }
}

/** A write must leave the user inside the writer's own scope, or it could not see its own work. */
async function requireInScope(db: Db, p: Principal, id: string) {
  const row = await repo.findVisibleUser(db, p, id);
  if (!row) throw new AppError('FORBIDDEN', [{ path: 'departmentId', message: 'outside your data scope' }]);
  return row;
}

export async function createUser(db: Db, p: Principal, actor: Actor, input: CreateUser): Promise<User> {
  assertWritable(p, ENTITY, input);
  checkPasswordPolicy(input.password, input.username, 'password', await passwordPolicy(db, p.tenantId));
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await checkUnique(tx, p.tenantId, input);
    await checkEmployeeCode(tx, p.tenantId, input.employeeCode);
    await checkRefs(tx, p, input);
    const roleIds = [...new Set(input.roleIds ?? [])];
    await checkRoles(tx, p, roleIds);
    const row = await repo.insertUser(tx, {
      id: uuidv7(),
      tenantId: p.tenantId,
      username: input.username,
      name: input.name,
      phone: input.phone ?? null,
      email: input.email ?? null,
      employeeCode: input.employeeCode ?? null,
      departmentId: input.departmentId,
      supervisorId: input.supervisorId ?? null,
      jobTitle: input.jobTitle ?? null,
      passwordHash,
      mustChangePassword: true,
      createdBy: p.userId,
    });
    await repo.setUserRoles(tx, p.tenantId, row.id, roleIds);
    const visible = await requireInScope(tx, p, row.id);
    await writeAudit(tx, actor, {
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      summary: row.name,
      changes: diff(null, auditable(row, roleIds.sort())),
    });
    return toUser(p, visible);
  });
}

export async function updateUser(
  db: Db,
  p: Principal,
  actor: Actor,
  id: string,
  input: UpdateUser,
): Promise<User> {
  const { version, roleIds: newRoleIds, ...fields } = input;
  assertWritable(p, ENTITY, fields);
  return db.transaction(async (tx) => {
    if (!(await repo.findVisibleUser(tx, p, id))) throw notFound();
    const current = (await repo.findUserRow(tx, p.tenantId, id))!;
    checkVersion(current, version);
    if (id === p.userId && fields.status && fields.status !== 'active') throw new AppError('SELF_ACTION');
    await checkUnique(tx, p.tenantId, { phone: fields.phone, employeeCode: fields.employeeCode }, id);
    if (fields.employeeCode !== undefined) await checkEmployeeCode(tx, p.tenantId, fields.employeeCode);
    await checkRefs(tx, p, fields);
    if (fields.supervisorId && (await repo.createsSupervisorCycle(tx, p.tenantId, id, fields.supervisorId))) {
      throw new AppError('SUPERVISOR_CYCLE', [{ path: 'supervisorId', message: 'cycle' }]);
    }
    const oldRoleIds = await repo.roleIdsOf(tx, p.tenantId, id);
    const rows = await repo.updateUserRow(tx, p.tenantId, id, version, fields);
    const row = await requireUpdated(rows, async () => true);
    let roleIds = oldRoleIds;
    if (newRoleIds) {
      roleIds = [...new Set(newRoleIds)].sort();
      const added = roleIds.filter((r) => !oldRoleIds.includes(r));
      const removed = oldRoleIds.filter((r) => !roleIds.includes(r));
      await checkRoles(tx, p, [...added, ...removed]);
      await repo.setUserRoles(tx, p.tenantId, id, roleIds);
    }
    if (row.status !== 'active') await repo.revokeUserSessions(tx, p.tenantId, id);
    if (row.departmentId !== current.departmentId) {
      for (const h of userLifecycles()) await h.departmentChanged?.(tx, p.tenantId, id, row.departmentId);
    }
    const visible = await requireInScope(tx, p, id);
    await auditUpdate(
      tx,
      actor,
      { entity: ENTITY, entityId: id, summary: row.name },
      auditable(current, oldRoleIds),
      auditable(row, roleIds),
    );
    return toUser(p, visible);
  });
}

export async function setStatuses(db: Db, p: Principal, actor: Actor, ids: string[], status: UserStatus) {
  if (status !== 'active' && ids.includes(p.userId)) throw new AppError('SELF_ACTION');
  return db.transaction(async (tx) => {
    let updated = 0;
    for (const id of new Set(ids)) {
      if (!(await repo.findVisibleUser(tx, p, id))) throw notFound();
      const current = (await repo.findUserRow(tx, p.tenantId, id))!;
      if (current.status === status) continue;
      await repo.updateUserRow(tx, p.tenantId, id, current.version, { status });
      if (status !== 'active') await repo.revokeUserSessions(tx, p.tenantId, id);
      await writeAudit(tx, actor, {
        action: 'update',
        entity: ENTITY,
        entityId: id,
        summary: current.name,
        changes: { status: [current.status, status] },
      });
      updated++;
    }
    return { updated };
  });
}

/**
 * 离职 in one transaction: every registered module hands the user's records over (customers to
 * a user or a pool), then the user is set `left` and signed out everywhere.
 */
export async function departUser(
  db: Db,
  p: Principal,
  actor: Actor,
  id: string,
  input: { toUserId?: string; toPoolId?: string; customerIds?: string[] },
) {
  if (id === p.userId) throw new AppError('SELF_ACTION');
  return db.transaction(async (tx) => {
    if (!(await repo.findVisibleUser(tx, p, id))) throw notFound();
    const current = (await repo.findUserRow(tx, p.tenantId, id))!;
    const target: DepartureTarget = input.toUserId ? { userId: input.toUserId } : { poolId: input.toPoolId! };
    const transferred: Record<string, number> = {};
    for (const h of userLifecycles()) {
      if (h.departure)
        transferred[h.name] = await h.departure(tx, {
          p,
          actor,
          fromUserId: id,
          target,
          customerIds: input.customerIds,
        });
    }
    if (current.status !== 'left') {
      await repo.updateUserRow(tx, p.tenantId, id, current.version, { status: 'left' });
      await repo.revokeUserSessions(tx, p.tenantId, id);
    }
    await writeAudit(tx, actor, {
      action: 'departure',
      entity: ENTITY,
      entityId: id,
      summary: current.name,
      changes: { status: [current.status, 'left'], handedOver: [null, { ...target, ...transferred }] },
    });
    return { transferred };
  });
}

export async function resetPassword(
  db: Db,
  p: Principal,
  actor: Actor,
  id: string,
  version: number,
  password: string,
) {
  const target = await repo.findVisibleUser(db, p, id);
  if (!target) throw notFound();
  checkPasswordPolicy(password, target.username as string, 'password', await passwordPolicy(db, p.tenantId));
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const rows = await repo.updateUserRow(tx, p.tenantId, id, version, {
      passwordHash,
      mustChangePassword: true,
    });
    await requireUpdated(rows, async () => true);
    await repo.revokeUserSessions(tx, p.tenantId, id);
    await writeAudit(tx, actor, {
      action: 'password_reset',
      entity: ENTITY,
      entityId: id,
      summary: target.name as string,
      changes: { mustChangePassword: [Boolean(target.must_change_password), true] },
    });
    return toUser(p, (await repo.findVisibleUser(tx, p, id))!);
  });
}

export async function deleteUser(db: Db, p: Principal, actor: Actor, id: string, version: number) {
  if (id === p.userId) throw new AppError('SELF_ACTION');
  await db.transaction(async (tx) => {
    if (!(await repo.findVisibleUser(tx, p, id))) throw notFound();
    const current = (await repo.findUserRow(tx, p.tenantId, id))!;
    checkVersion(current, version);
    const roleIds = await repo.roleIdsOf(tx, p.tenantId, id);
    await requireUpdated(
      await repo.updateUserRow(tx, p.tenantId, id, version, { deletedAt: new Date() }),
      async () => true,
    );
    await repo.revokeUserSessions(tx, p.tenantId, id);
    await writeAudit(tx, actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      summary: current.name,
      changes: diff(auditable(current, roleIds), null),
    });
  });
}

export async function userHistory(db: Db, p: Principal, id: string) {
  if (!(await repo.findVisibleUser(db, p, id))) throw notFound();
  return applyFieldAccessToHistory(p, ENTITY, await fieldHistory(db, p.tenantId, ENTITY, id));
}

/**
 * The operator's reset from the command line (no signed-in admin): the user must choose a new
 * password at next login; sessions end; audited as `system`. False when there is no such user.
 */
export async function resetPasswordByOperator(db: Db, tenantId: string, login: string, password: string) {
  const target = await repo.findUserByLogin(db, tenantId, login);
  if (!target || target.deletedAt) return false;
  checkPasswordPolicy(password, target.username, 'password', await passwordPolicy(db, tenantId));
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await requireUpdated(
      await repo.updateUserRow(tx, tenantId, target.id, target.version, {
        passwordHash,
        mustChangePassword: true,
      }),
      async () => true,
    );
    await repo.revokeUserSessions(tx, tenantId, target.id);
    await writeAudit(
      tx,
      { tenantId, userId: null, userName: 'system' },
      {
        action: 'password_reset',
        entity: ENTITY,
        entityId: target.id,
        summary: target.name,
        changes: { mustChangePassword: [target.mustChangePassword, true] },
      },
    );
  });
  return true;
}
