import { randomInt } from 'node:crypto';
import type { Db } from './db/client.ts';
import type { ModuleManifest } from './module-manifest.ts';
import { grantAllToAdminRoles, syncDefaultRoles } from './modules/organization/roles-service.ts';
import { allTenants, createTenant, demoCompany } from './modules/organization/tenants-service.ts';
import { checkPasswordPolicy } from './platform/auth/passwords.ts';
import type { ServerKey } from './platform/secrets.ts';

/** A password that meets the policy: 12 characters, letters and digits, not containing `admin`. */
function generatePassword(): string {
  const letters = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  for (;;) {
    const chars = [letters[randomInt(letters.length)], digits[randomInt(digits.length)]];
    while (chars.length < 12) chars.push(all[randomInt(all.length)]);
    const password = chars.sort(() => randomInt(3) - 1).join('');
    try {
      checkPasswordPolicy(password, 'admin');
      return password;
    } catch {
      // a one-in-millions draw that spells the username: draw again
    }
  }
}

export type BootstrapResult =
  | { created: true; tenantCode: string; adminPassword: string; generated: boolean }
  | { created: false; tenantCode: string };

/**
 * Runs at every start, after migrations (modules installed): gives seeded roles what the seed added
 * since (admin roles everything), runs every module's tenant seed for what is missing and, on an
 * empty database, creates the first tenant (the demo company with every module's demo data unless
 * GUANXI_DEMO=0) and its admin.
 */
export async function bootstrap(
  db: Db,
  modules: readonly ModuleManifest[],
  opts: { adminPassword?: string; demo: boolean; serverKey?: ServerKey },
): Promise<BootstrapResult> {
  await syncDefaultRoles(db);
  await grantAllToAdminRoles(db);
  const tenants = await allTenants(db);
  for (const t of tenants) {
    for (const m of modules) if (m.seedTenant) await db.transaction((tx) => m.seedTenant!(tx, t.id));
  }
  if (tenants.length) return { created: false, tenantCode: tenants[0].code };
  const generated = !opts.adminPassword;
  const adminPassword = opts.adminPassword ?? generatePassword();
  const company = opts.demo ? demoCompany : { code: 'default', name: 'Guanxi' };
  const created = await createTenant(db, {
    code: company.code,
    name: company.name,
    adminPassword,
    mustChangePassword: generated,
    rootDepartmentName: opts.demo ? '本部' : undefined,
    isDefault: true,
  });
  if (opts.demo) {
    const demo = {
      tenantId: created.tenant.id,
      rootDepartmentId: created.rootDepartmentId,
      roleIds: created.roleIds,
      password: adminPassword,
      serverKey: opts.serverKey,
    };
    for (const m of modules) await m.seedDemo?.(db, demo);
  }
  return { created: true, tenantCode: company.code, adminPassword, generated };
}
