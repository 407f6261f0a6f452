import type { Db } from '../db/client.ts';
import type { DemoTenant } from '../module-manifest.ts';
import { createTenant, demoCompany } from '../modules/organization/tenants-service.ts';
import { TEST_PASSWORD } from './fixtures.ts';
import type { TestContext } from './test-app.ts';

type DemoSeed = (db: Db, demo: DemoTenant) => Promise<unknown>;

/**
 * The demo company as the first start creates it, with the given modules' demo data run in the
 * order given (keep the manifests' order: each builds on the ones before). Its people sign in
 * with the test password.
 */
export async function createDemoTenant(t: TestContext, seeds: readonly DemoSeed[]) {
  const created = await createTenant(t.database.db, {
    code: demoCompany.code,
    name: demoCompany.name,
    adminPassword: TEST_PASSWORD,
    mustChangePassword: false,
    rootDepartmentName: '本部',
  });
  const demo: DemoTenant = {
    tenantId: created.tenant.id,
    rootDepartmentId: created.rootDepartmentId,
    roleIds: created.roleIds,
    password: TEST_PASSWORD,
    serverKey: t.config.serverKey,
  };
  for (const seed of seeds) await seed(t.database.db, demo);
  return {
    tenantId: demo.tenantId,
    demo,
    login: (username: string) => t.login(username, TEST_PASSWORD, demoCompany.code),
  };
}
