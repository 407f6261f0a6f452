import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { modules } from '../app.ts';
import { type Database, openPglite, openPostgres, runMigrations, wrapPglite } from '../db/client.ts';
import { installModules } from '../install-modules.ts';
import { createTenant } from '../modules/organization/tenants-service.ts';
import { TEST_PASSWORD, type TemplateTenant, tenantsInTemplate } from './fixtures.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateTenants: TemplateTenant[];
    /** PGlite: a dump of the migrated template; PostgreSQL: the template database's name. */
    pgliteDump: string;
    pgTemplate: string;
    /** PostgreSQL: the name every clone of this run starts with, so teardown finds them all. */
    pgClonePrefix: string;
  }
}

async function seed(database: Database): Promise<TemplateTenant[]> {
  await runMigrations(database);
  installModules(modules);
  const out: TemplateTenant[] = [];
  for (const t of tenantsInTemplate) {
    const created = await createTenant(database.db, {
      code: t.code,
      name: t.name,
      adminPassword: TEST_PASSWORD,
      mustChangePassword: false,
      isDefault: t.isDefault,
    });
    out.push({
      code: t.code,
      id: created.tenant.id,
      adminId: created.adminId,
      rootDepartmentId: created.rootDepartmentId,
      roleIds: created.roleIds,
    });
  }
  return out;
}

/** Migrates and seeds one template database; every test file gets its own clone of it. */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    // Workers are other processes: they name their clones after this run's id, not their own pid.
    const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
    const name = `guanxi_tpl_${run}`;
    const clonePrefix = `guanxi_t_${run}_`;
    const admin = openPostgres(url, 1);
    await admin.pool!.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.pool!.query(`CREATE DATABASE ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = openPostgres(target.toString(), 2);
    project.provide('templateTenants', await seed(database));
    await database.close();
    project.provide('pgTemplate', name);
    project.provide('pgClonePrefix', clonePrefix);
    project.provide('pgliteDump', '');
    return async () => {
      // starts_with, not LIKE: `_` is a LIKE wildcard
      const rows = await admin.pool!.query(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR datname = $2',
        [clonePrefix, name],
      );
      for (const r of rows.rows) await admin.pool!.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.close();
    };
  }
  const database = wrapPglite(await openPglite());
  project.provide('templateTenants', await seed(database));
  const dump = await database.pglite!.dumpDataDir('none');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-test-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteDump', file);
  project.provide('pgTemplate', '');
  project.provide('pgClonePrefix', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
