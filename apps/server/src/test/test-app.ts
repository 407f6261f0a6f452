import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp, moduleJobs } from '../app.ts';
import { type Config, testConfig } from '../config.ts';
import { type Database, openPglite, openPostgres, wrapPglite } from '../db/client.ts';
import { Jobs } from '../platform/jobs.ts';
import { maintenanceJobs } from '../platform/maintenance.ts';
import { READ_POOL_SIZE, waitForReplay } from '../platform/read-db.ts';
import { Agent } from './agent.ts';
import { TEST_PASSWORD, type TemplateTenant } from './fixtures.ts';

let cloneCounter = 0;

/** A fresh clone of the migrated template database for one test file. */
export async function cloneTemplate(): Promise<Database> {
  const template = inject('pgTemplate');
  const url = process.env.TEST_DATABASE_URL;
  if (template && url) {
    // the run's prefix lets global teardown drop every clone, whichever worker made it
    const name = `${inject('pgClonePrefix')}${process.pid}_${Date.now().toString(36)}_${cloneCounter++}`;
    const admin = openPostgres(url, 1);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.pool!.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
          break;
        } catch (err) {
          // Two clones at the same instant can collide on the template; try again shortly.
          if (attempt > 10) throw err;
          await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
        }
      }
    } finally {
      await admin.close();
    }
    const target = new URL(url);
    target.pathname = `/${name}`;
    return openPostgres(target.toString(), 5);
  }
  const dump = new Blob([fs.readFileSync(inject('pgliteDump'))]);
  return wrapPglite(await openPglite({ loadDataDir: dump }));
}

/**
 * The clone as seen on the replica of `TEST_DATABASE_READ_URL` (physical replication copies the
 * clone there under the same name), once the replica has replayed its creation.
 */
async function openReplicaOf(database: Database): Promise<Database> {
  const url = process.env.TEST_DATABASE_READ_URL;
  if (!url || database.kind !== 'postgres')
    throw new Error('readReplica needs TEST_DATABASE_URL and TEST_DATABASE_READ_URL');
  const named = await database.db.execute(sql`SELECT current_database() AS name`);
  const replicaAdmin = openPostgres(url, 1, { readOnly: true });
  try {
    await waitForReplay(database.db, replicaAdmin.db);
  } finally {
    await replicaAdmin.close();
  }
  const target = new URL(url);
  target.pathname = `/${(named.rows[0] as { name: string }).name}`;
  return openPostgres(target.toString(), READ_POOL_SIZE, { readOnly: true });
}

export type TestContext = {
  app: FastifyInstance;
  database: Database;
  /** `readReplica: true`: the clone on the replica, which the app reads reports and exports from. */
  replica?: Database;
  /** The settings the app was built with (its server key, …). */
  config: Config;
  tenant: TemplateTenant;
  other: TemplateTenant;
  /** Signs in through the API and returns an agent carrying the cookie and CSRF token. */
  login(username: string, password?: string, tenant?: string): Promise<Agent>;
  /** An agent signed in as the `acme` admin. */
  admin(): Promise<Agent>;
  close(): Promise<void>;
};

/**
 * `jobs: true` also runs the real job queue (pg-boss) on the clone, for imports and the like;
 * `'queue-only'` starts the queue without working it, so sent jobs stay queued. `readReplica`
 * (PostgreSQL with `TEST_DATABASE_READ_URL`): the app's `readDb` is the clone on the replica.
 */
export async function createTestContext(
  overrides: Partial<Config> = {},
  opts: { jobs?: boolean | 'queue-only'; readReplica?: boolean } = {},
): Promise<TestContext> {
  const database = await cloneTemplate();
  const replica = opts.readReplica ? await openReplicaOf(database) : undefined;
  const config = testConfig({ webDist: '/nonexistent', ...overrides });
  const jobs = opts.jobs ? new Jobs(database, config, replica?.db) : undefined;
  const app = await buildApp({ db: database.db, readDb: replica?.db, config, listen: database.listen, jobs });
  await app.ready();
  await jobs?.start(app.log, [...moduleJobs, ...maintenanceJobs], { work: opts.jobs !== 'queue-only' });
  const [tenant, other] = inject('templateTenants');
  const login = (username: string, password = TEST_PASSWORD, tenantCode?: string) =>
    Agent.login(app, username, password, tenantCode);
  return {
    app,
    database,
    replica,
    config,
    tenant,
    other,
    login,
    admin: () => login('admin'),
    close: async () => {
      await jobs?.stop();
      await app.close();
      await replica?.close();
      await database.close();
    },
  };
}
