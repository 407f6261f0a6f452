import {
  allPermissions,
  type CreateRole,
  isPermission,
  isScopedModule,
  permissionCatalog,
  type Role,
  type UpdateRole,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, auditUpdate, diff, fieldHistory, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { AppError, type ErrorDetail, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import * as repo from './roles-repository.ts';

const ENTITY = 'roles';

function toRole(found: { row: repo.RoleRow; userCount: number }): Role {
  const r = found.row;
  return {
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    code: r.code,
    name: r.name,
    description: r.description,
    permissions: r.permissions,
    dataScopes: r.dataScopes as Role['dataScopes'],
    fieldPermissions: r.fieldPermissions as Role['fieldPermissions'],
    requireTotp: r.requireTotp,
    userCount: Number(found.userCount),
  };
}

const auditable = (r: repo.RoleRow) => ({
  name: r.name,
  description: r.description,
  permissions: [...r.permissions].sort(),
  dataScopes: r.dataScopes,
  fieldPermissions: r.fieldPermissions,
  requireTotp: r.requireTotp,
});

/** Permissions, scopes and field rules must name things that exist; nobody grants beyond their own. */
function checkGrants(
  p: Principal,
  input: Partial<Pick<CreateRole, 'permissions' | 'dataScopes' | 'fieldPermissions'>>,
) {
  const details: ErrorDetail[] = [];
  for (const perm of input.permissions ?? []) {
    if (!isPermission(perm)) details.push({ path: 'permissions', message: `unknown permission ${perm}` });
  }
  for (const module of Object.keys(input.dataScopes ?? {})) {
    if (!isScopedModule(module))
      details.push({ path: `dataScopes.${module}`, message: 'module has no data scope' });
  }
  for (const [module, fields] of Object.entries(input.fieldPermissions ?? {})) {
    const def = permissionCatalog[module as keyof typeof permissionCatalog];
    for (const field of Object.keys(fields)) {
      if (!def || !(def.fields as readonly string[]).includes(field)) {
        details.push({ path: `fieldPermissions.${module}.${field}`, message: 'unknown field' });
      }
    }
  }
  if (details.length) throw new AppError('VALIDATION_FAILED', details);
  const beyond = (input.permissions ?? []).filter((perm) => !isPermission(perm) || !can(p, perm));
  if (beyond.length)
    throw new AppError(
      'FORBIDDEN',
      beyond.map((perm) => ({ path: 'permissions', message: perm })),
    );
}

export async function listRoles(db: Db, tenantId: string) {
  return (await repo.listRoles(db, tenantId)).map(toRole);
}

/** The roles a user holds (id, seeded code, name): what a role decides beyond rights, e.g. the home dashboard. */
export const rolesOfUser = (db: Db, tenantId: string, userId: string) =>
  repo.rolesOfUser(db, tenantId, userId);

export async function getRole(db: Db, tenantId: string, id: string) {
  const found = await repo.findRole(db, tenantId, id);
  if (!found) throw notFound();
  return toRole(found);
}

const nameTaken = () => new AppError('NAME_TAKEN', [{ path: 'name', message: 'taken' }]);

export async function createRole(db: Db, p: Principal, actor: Actor, input: CreateRole): Promise<Role> {
  checkGrants(p, input);
  return db.transaction(async (tx) => {
    if (await repo.nameTaken(tx, p.tenantId, input.name)) throw nameTaken();
    const row = await repo.insertRole(tx, {
      id: uuidv7(),
      tenantId: p.tenantId,
      name: input.name,
      description: input.description ?? '',
      permissions: [...new Set(input.permissions ?? [])],
      dataScopes: input.dataScopes ?? {},
      fieldPermissions: input.fieldPermissions ?? {},
      requireTotp: input.requireTotp ?? false,
      createdBy: p.userId,
    });
    await writeAudit(tx, actor, {
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      summary: row.name,
      changes: diff(null, auditable(row)),
    });
    return toRole({ row, userCount: 0 });
  });
}

export async function updateRole(
  db: Db,
  p: Principal,
  actor: Actor,
  id: string,
  input: UpdateRole,
): Promise<Role> {
  checkGrants(p, input);
  return db.transaction(async (tx) => {
    const found = await repo.findRole(tx, p.tenantId, id);
    if (!found) throw notFound();
    checkVersion(found.row, input.version);
    if (
      found.row.code === 'admin' &&
      input.permissions &&
      !allPermissions.every((x) => input.permissions!.includes(x))
    ) {
      throw new AppError('SYSTEM_ROLE');
    }
    if (input.name && (await repo.nameTaken(tx, p.tenantId, input.name, id))) throw nameTaken();
    const { version, ...values } = input;
    if (values.permissions) values.permissions = [...new Set(values.permissions)];
    const row = await requireUpdated(
      await repo.updateRoleRow(tx, p.tenantId, id, version, values),
      async () => true,
    );
    await auditUpdate(
      tx,
      actor,
      { entity: ENTITY, entityId: id, summary: row.name },
      auditable(found.row),
      auditable(row),
    );
    return toRole({ row, userCount: found.userCount });
  });
}

export async function deleteRole(db: Db, actor: Actor, id: string, version: number) {
  await db.transaction(async (tx) => {
    const found = await repo.findRole(tx, actor.tenantId, id);
    if (!found) throw notFound();
    if (found.row.code === 'admin') throw new AppError('SYSTEM_ROLE');
    checkVersion(found.row, version);
    if (Number(found.userCount) > 0) throw new AppError('ROLE_IN_USE');
    await requireUpdated(
      await repo.updateRoleRow(tx, actor.tenantId, id, version, { deletedAt: new Date() }),
      async () => true,
    );
    await writeAudit(tx, actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      summary: found.row.name,
      changes: diff(auditable(found.row), null),
    });
  });
}

export async function roleHistory(db: Db, tenantId: string, id: string) {
  if (!(await repo.findRole(db, tenantId, id))) throw notFound();
  return fieldHistory(db, tenantId, ENTITY, id);
}

export { type DefaultFieldRules, type DefaultGrants, installDefaultGrants } from './default-roles.ts';
export { syncDefaultRoles } from './default-roles-sync.ts';

/** At every start: admin roles hold every permission of the catalogue, new ones included. */
export const grantAllToAdminRoles = (db: Db) => repo.grantAllToAdminRoles(db, allPermissions);
