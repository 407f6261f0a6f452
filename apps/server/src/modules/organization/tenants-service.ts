import type { CheckInSettings, TenantWithVersion, UpdateCheckInSettings } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { type Actor, auditUpdate, diff, writeAudit } from '../../platform/audit.ts';
import { checkPasswordPolicy, hashPassword } from '../../platform/auth/passwords.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { requireUpdated } from '../../platform/optimistic.ts';
import { compileUserPattern } from '../../platform/user-pattern.ts';
import { defaultRoles, scopesFor } from './default-roles.ts';
import { departments, roles, userRoles, users } from './schema.ts';
import * as repo from './tenants-repository.ts';

const toTenant = (r: repo.TenantRow): TenantWithVersion => ({
  id: r.id,
  code: r.code,
  name: r.name,
  timezone: r.timezone,
  employeeCodePattern: r.employeeCodePattern,
  importMaxRows: r.importMaxRows,
  fileMaxBytes: r.fileMaxBytes,
  version: r.version,
});

export async function getTenant(db: Db, id: string) {
  const row = await repo.findTenantById(db, id);
  if (!row) throw notFound();
  return toTenant(row);
}

export const tenantCode = z.string().regex(/^[a-z0-9][a-z0-9-]{1,31}$/);

type NewTenant = {
  code: string;
  name: string;
  adminPassword: string;
  /** A generated password must be changed at first login; a chosen one need not. */
  mustChangePassword: boolean;
  rootDepartmentName?: string;
  isDefault?: boolean;
  locale?: 'zh-CN' | 'en-US';
};

type TenantSeed = (tx: Db, tenantId: string) => Promise<void>;
let tenantSeeds: readonly TenantSeed[] = [];

/** Called once by the composition root with every manifest's `seedTenant`, in manifest order. */
export function installTenantSeeds(seeds: readonly TenantSeed[]) {
  tenantSeeds = seeds;
}

/**
 * Creates a tenant with its root department, the six default roles, its `admin` user and what
 * every module seeds for a tenant (dictionaries …), in one transaction.
 */
export async function createTenant(db: Db, input: NewTenant) {
  if (!tenantCode.safeParse(input.code).success)
    throw invalid('code', 'lowercase letters, digits and -, 2–32');
  checkPasswordPolicy(input.adminPassword, 'admin');
  const passwordHash = await hashPassword(input.adminPassword);
  return db.transaction(async (tx) => {
    if (await repo.findTenantByCode(tx, input.code)) throw new AppError('TENANT_CODE_TAKEN');
    const tenant = await repo.insertTenant(tx, {
      id: uuidv7(),
      code: input.code,
      name: input.name,
      isDefault: input.isDefault ?? false,
    });
    const rootId = uuidv7();
    await tx.insert(departments).values({
      id: rootId,
      tenantId: tenant.id,
      name: input.rootDepartmentName ?? input.name,
      path: `/${rootId}/`,
    });
    const locale = input.locale ?? 'zh-CN';
    const roleIds: Record<string, string> = {};
    for (const seed of defaultRoles()) {
      roleIds[seed.code] = uuidv7();
      await tx.insert(roles).values({
        id: roleIds[seed.code],
        tenantId: tenant.id,
        code: seed.code,
        name: seed.name[locale],
        description: seed.description,
        permissions: seed.permissions,
        seededPermissions: seed.permissions,
        dataScopes: scopesFor(seed.scope),
        fieldPermissions: seed.fieldPermissions,
      });
    }
    const adminId = uuidv7();
    await tx.insert(users).values({
      id: adminId,
      tenantId: tenant.id,
      username: 'admin',
      name: locale === 'zh-CN' ? '系统管理员' : 'Administrator',
      departmentId: rootId,
      passwordHash,
      mustChangePassword: input.mustChangePassword,
    });
    await tx.insert(userRoles).values({ tenantId: tenant.id, userId: adminId, roleId: roleIds.admin });
    for (const seed of tenantSeeds) await seed(tx, tenant.id);
    const actor: Actor = { tenantId: tenant.id, userId: null, userName: 'system' };
    await writeAudit(tx, actor, {
      action: 'create',
      entity: 'tenants',
      entityId: tenant.id,
      summary: tenant.name,
      changes: diff(null, { code: tenant.code, name: tenant.name }),
    });
    return { tenant: toTenant(tenant), adminId, rootDepartmentId: rootId, roleIds };
  });
}

export async function updateTenant(
  db: Db,
  actor: Actor,
  input: {
    version: number;
    name?: string;
    timezone?: string;
    employeeCodePattern?: string;
    importMaxRows?: number;
    fileMaxBytes?: number;
  },
) {
  if (input.timezone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: input.timezone });
    } catch {
      throw invalid('timezone', 'unknown time zone');
    }
  }
  if (input.employeeCodePattern && !compileUserPattern(input.employeeCodePattern)) {
    // RE2 syntax: no back-references or look-arounds (see platform/user-pattern.ts)
    throw invalid('employeeCodePattern', 'not a regular expression RE2 can run');
  }
  return db.transaction(async (tx) => {
    const current = await repo.findTenantById(tx, actor.tenantId);
    if (!current) throw notFound();
    const { version, ...values } = input;
    const row = await requireUpdated(
      await repo.updateTenantRow(tx, actor.tenantId, version, values),
      async () => true,
    );
    const pick = (r: repo.TenantRow) => ({
      name: r.name,
      timezone: r.timezone,
      employeeCodePattern: r.employeeCodePattern,
      importMaxRows: r.importMaxRows,
      fileMaxBytes: r.fileMaxBytes,
    });
    await auditUpdate(
      tx,
      actor,
      { entity: 'tenants', entityId: row.id, summary: row.name },
      pick(current),
      pick(row),
    );
    return toTenant(row);
  });
}

const toCheckIn = (r: repo.TenantRow): CheckInSettings => ({
  radiusMeters: r.checkInRadiusMeters,
  outOfRange: r.checkInOutOfRange,
  photoRequired: r.checkInPhotoRequired,
  accuracyLimitMeters: r.checkInAccuracyLimitMeters,
  workStart: r.workStart,
  workEnd: r.workEnd,
  trackIntervalSeconds: r.trackIntervalSeconds,
  version: r.version,
});

/** The tenant's check-in rules (签到规则), with the tenant's `version`. */
export async function getCheckInSettings(db: Db, tenantId: string): Promise<CheckInSettings> {
  const row = await repo.findTenantById(db, tenantId);
  if (!row) throw notFound();
  return toCheckIn(row);
}

/** Changes the check-in rules (optimistic on the tenant's `version`), audited on the tenant. */
export async function updateCheckInSettings(
  db: Db,
  actor: Actor,
  input: UpdateCheckInSettings,
): Promise<CheckInSettings> {
  return db.transaction(async (tx) => {
    const current = await repo.findTenantById(tx, actor.tenantId);
    if (!current) throw notFound();
    const { version, radiusMeters, outOfRange, photoRequired, accuracyLimitMeters, ...rest } = input;
    const workStart = rest.workStart ?? current.workStart;
    const workEnd = rest.workEnd ?? current.workEnd;
    if (workEnd <= workStart)
      throw invalid(rest.workEnd ? 'workEnd' : 'workStart', 'workEnd after workStart');
    const values: Partial<repo.TenantRow> = {
      checkInRadiusMeters: radiusMeters,
      checkInOutOfRange: outOfRange,
      checkInPhotoRequired: photoRequired,
      checkInAccuracyLimitMeters: accuracyLimitMeters,
      workStart: rest.workStart,
      workEnd: rest.workEnd,
      trackIntervalSeconds: rest.trackIntervalSeconds,
    };
    for (const k of Object.keys(values) as (keyof typeof values)[])
      if (values[k] === undefined) delete values[k];
    const row = await requireUpdated(
      await repo.updateTenantRow(tx, actor.tenantId, version, values),
      async () => true,
    );
    const { version: _b, ...before } = toCheckIn(current);
    const { version: _a, ...after } = toCheckIn(row);
    await auditUpdate(tx, actor, { entity: 'tenants', entityId: row.id, summary: row.name }, before, after);
    return toCheckIn(row);
  });
}

/** Rows one import file of the tenant may have. */
export async function importMaxRows(db: Db, tenantId: string) {
  return (await getTenant(db, tenantId)).importMaxRows;
}

/** Bytes one attached file of the tenant may have. */
export async function fileMaxBytes(db: Db, tenantId: string) {
  return (await getTenant(db, tenantId)).fileMaxBytes;
}

/**
 * The tenant's time zone as SQL over a tenant id (a value or a column): for the set-based
 * statements and nightly jobs of other modules, which count calendar days in it.
 */
export const tenantTimeZoneSql = (tenantId: SQL | string): SQL =>
  sql`coalesce((SELECT t.timezone FROM tenants t WHERE t.id = ${tenantId}), 'Asia/Shanghai')`;

/** Every tenant, the default one first (start-up seeding, nightly jobs that run per tenant). */
export async function allTenants(db: Db) {
  return repo.listTenants(db);
}

/** A tenant by its sign-in code, or the default tenant when no code is given. */
export async function tenantByCode(db: Db, code?: string) {
  const row = code ? await repo.findTenantByCode(db, code) : await repo.findDefaultTenant(db);
  return row ? toTenant(row) : undefined;
}

export { demoCompany } from './demo-data.ts';
export { seedDemoOrganization } from './demo-seed.ts';
