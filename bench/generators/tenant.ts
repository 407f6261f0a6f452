import { modules } from '../../apps/server/src/app.ts';
import type { Db } from '../../apps/server/src/db/client.ts';
import { installModules } from '../../apps/server/src/install-modules.ts';
import { createTenant } from '../../apps/server/src/modules/organization/tenants-service.ts';

export const BENCH_PASSWORD = 'Bench12345';

/** A tenant with its root department, default roles and `admin` (password {@link BENCH_PASSWORD}). */
export async function generateTenant(
  db: Db,
  opts: { code?: string; name?: string; password?: string; isDefault?: boolean } = {},
) {
  const password = opts.password ?? BENCH_PASSWORD;
  // a tenant's default roles and seeds come from the module manifests
  installModules(modules);
  const created = await createTenant(db, {
    code: opts.code ?? 'bench',
    name: opts.name ?? '基准测试公司',
    adminPassword: password,
    mustChangePassword: false,
    isDefault: opts.isDefault ?? true,
  });
  return { ...created, password };
}

export type BenchTenant = Awaited<ReturnType<typeof generateTenant>>;
