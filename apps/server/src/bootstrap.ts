import { randomInt } from 'node:crypto';
import { allPermissions } from '@guanxi/contract';
import { and, eq, sql } from 'drizzle-orm';
import { seedDictionaries } from '../../modules/dictionaries/service.ts';
import { syncDefaultRoles } from '../../modules/organization/default-roles-sync.ts';
import { grantAllToAdminRoles } from '../../modules/organization/roles-repository.ts';
import { departments, tenants, userRoles, users } from '../../modules/organization/schema.ts';
import { createTenant } from '../../modules/organization/tenants-service.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Db } from '../client.ts';
import { seedDemoCustomers } from './demo-customers.ts';
import { demoCompany, demoDepartments, demoUsers } from './demo-organization.ts';

/** A password that meets the policy: 12 characters, letters and digits. */
export function generatePassword(): string {
  const letters = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  const chars = [letters[randomInt(letters.length)], digits[randomInt(digits.length)]];
  while (chars.length < 12) chars.push(all[randomInt(all.length)]);
  return chars.sort(() => randomInt(3) - 1).join('');
}

export type BootstrapResult =
  | { created: true; tenantCode: string; adminPassword: string; generated: boolean }
  | { created: false; tenantCode: string };

/**
 * Runs at every start, after migrations: gives seeded roles what the seed added since (admin roles
 * everything), seeds missing dictionary entries and, on an empty database,
 * creates the first tenant (the demo company unless GUANXI_DEMO=0) and its admin.
 */
export async function bootstrap(
  db: Db,
  opts: { adminPassword?: string; demo: boolean },
): Promise<BootstrapResult> {
  await syncDefaultRoles(db);
  await grantAllToAdminRoles(db, allPermissions);
  for (const t of await db.select({ id: tenants.id }).from(tenants))
    await db.transaction((tx) => seedDictionaries(tx, t.id));
  const [existing] = await db
    .select({ code: tenants.code })
    .from(tenants)
    .orderBy(sql`${tenants.isDefault} DESC`)
    .limit(1);
  if (existing) return { created: false, tenantCode: existing.code };
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
    await seedDemoOrganization(
      db,
      created.tenant.id,
      created.rootDepartmentId,
      created.roleIds,
      adminPassword,
    );
    await seedDemoCustomers(db, created.tenant.id);
  }
  return { created: true, tenantCode: company.code, adminPassword, generated };
}

/** Departments and people of the demo company; demo users sign in with the admin's first password. */
export async function seedDemoOrganization(
  db: Db,
  tenantId: string,
  rootId: string,
  roleIds: Record<string, string>,
  password: string,
) {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const ids: Record<string, { id: string; path: string }> = { root: { id: rootId, path: `/${rootId}/` } };
    for (const [i, d] of demoDepartments.entries()) {
      const id = uuidv7();
      const parent = ids[d.parent ?? 'root'];
      ids[d.key] = { id, path: `${parent.path}${id}/` };
      await tx
        .insert(departments)
        .values({ id, tenantId, parentId: parent.id, name: d.name, path: ids[d.key].path, sortOrder: i });
    }
    const userIds: Record<string, string> = {};
    for (const u of demoUsers) {
      userIds[u.username] = uuidv7();
      await tx.insert(users).values({
        id: userIds[u.username],
        tenantId,
        username: u.username,
        name: u.name,
        departmentId: ids[u.department].id,
        supervisorId: u.supervisor ? userIds[u.supervisor] : null,
        jobTitle: u.jobTitle,
        phone: u.phone,
        email: `${u.username}@demo.guanxi.local`,
        employeeCode: u.employeeCode,
        passwordHash,
      });
      await tx.insert(userRoles).values({ tenantId, userId: userIds[u.username], roleId: roleIds[u.role] });
    }
    // The admin reports to nobody but gets the head office's employee code series.
    await tx
      .update(users)
      .set({ employeeCode: 'GX0000' })
      .where(and(eq(users.tenantId, tenantId), eq(users.username, 'admin')));
  });
}
