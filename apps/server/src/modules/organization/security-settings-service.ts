import type {
  PasswordClass,
  PasswordPolicy,
  SecuritySettings,
  UpdateSecuritySettings,
} from '@guanxi/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, auditUpdate } from '../../platform/audit.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { requireUpdated } from '../../platform/optimistic.ts';
import * as roles from './roles-repository.ts';
import * as repo from './tenants-repository.ts';

/** The server's GUANXI_* values: what a tenant gets for a setting it never saved. */
export type SecurityDefaults = Pick<Config, 'lockoutAttempts' | 'lockoutMinutes' | 'sessionHours'>;

/** What login, lockout and sessions read at request time (no cache: one primary-key read). */
export type LoginRules = { lockoutAttempts: number; lockoutMinutes: number; sessionHours: number };

const loginRulesOf = (row: repo.TenantRow, d: SecurityDefaults): LoginRules => ({
  lockoutAttempts: row.lockoutAttempts ?? d.lockoutAttempts,
  lockoutMinutes: row.lockoutMinutes ?? d.lockoutMinutes,
  sessionHours: row.sessionHours ?? d.sessionHours,
});

const policyOf = (row: repo.TenantRow): PasswordPolicy => ({
  passwordMinLength: row.passwordMinLength,
  passwordClasses: row.passwordClasses as PasswordClass[],
  passwordForbidUsername: row.passwordForbidUsername,
});

async function tenantRow(db: Db, tenantId: string) {
  const row = await repo.findTenantById(db, tenantId);
  if (!row) throw notFound();
  return row;
}

/** The tenant's lockout and session length, the server's defaults where it has set none. */
export async function loginRules(db: Db, d: SecurityDefaults, tenantId: string): Promise<LoginRules> {
  return loginRulesOf(await tenantRow(db, tenantId), d);
}

/** The tenant's password policy, for every place a password is set. */
export async function passwordPolicy(db: Db, tenantId: string): Promise<PasswordPolicy> {
  return policyOf(await tenantRow(db, tenantId));
}

async function settingsOf(db: Db, row: repo.TenantRow, d: SecurityDefaults): Promise<SecuritySettings> {
  return {
    ...policyOf(row),
    ...loginRulesOf(row, d),
    totpRoleIds: (await roles.totpRoles(db, row.id)).map((r) => r.id),
    roles: (await roles.listRoles(db, row.id)).map(({ row: r }) => ({ id: r.id, name: r.name })),
    defaults: {
      lockoutAttempts: d.lockoutAttempts,
      lockoutMinutes: d.lockoutMinutes,
      sessionHours: d.sessionHours,
    },
    version: row.version,
  };
}

export async function getSecuritySettings(db: Db, d: SecurityDefaults, tenantId: string) {
  return settingsOf(db, await tenantRow(db, tenantId), d);
}

// The audit names the roles: ids mean nothing to a reader of the log.
const auditable = async (db: Db, row: repo.TenantRow, d: SecurityDefaults) => ({
  ...policyOf(row),
  ...loginRulesOf(row, d),
  totpRoles: (await roles.totpRoles(db, row.id)).map((r) => r.name),
});

/**
 * Saves every security setting (optimistic on the tenant's `version`), audited on the tenant as
 * before → after. Takes effect at the next login, password change or request: nothing is cached.
 */
export async function updateSecuritySettings(
  db: Db,
  d: SecurityDefaults,
  actor: Actor,
  input: UpdateSecuritySettings,
): Promise<SecuritySettings> {
  const { version, totpRoleIds, ...values } = input;
  return db.transaction(async (tx) => {
    const current = await tenantRow(tx, actor.tenantId);
    const ids = [...new Set(totpRoleIds)];
    if ((await roles.countLiveRoles(tx, actor.tenantId, ids)) !== ids.length)
      throw invalid('totpRoleIds', 'unknown role');
    const before = await auditable(tx, current, d);
    const row = await requireUpdated(
      await repo.updateTenantRow(tx, actor.tenantId, version, values),
      async () => true,
    );
    await roles.setTotpRoles(tx, actor.tenantId, ids);
    const after = await auditable(tx, row, d);
    await auditUpdate(tx, actor, { entity: 'tenants', entityId: row.id, summary: row.name }, before, after);
    return settingsOf(tx, row, d);
  });
}
