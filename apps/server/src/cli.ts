import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { errorMessage } from '@guanxi/contract';
import { modules } from './app.ts';
import { loadConfig } from './config.ts';
import { type Database, openDatabase, runMigrations } from './db/client.ts';
import { acquireDataDirLock } from './db/data-dir-lock.ts';
import { installModules } from './install-modules.ts';
import { allTenants, createTenant, tenantByCode } from './modules/organization/tenants-service.ts';
import { resetPasswordByOperator } from './modules/organization/users-service.ts';
import { AppError } from './platform/errors.ts';

const help = `Guanxi CRM command line — npm run cli -- <command> [options]

Commands:
  migrate                                   apply pending database migrations
  tenant create --code <code> --name <name> --admin-password <pw>
                                            create a tenant with its own admin (username: admin)
  tenant list                               list tenants
  user reset-password --username <name> --password <pw> [--tenant <code>]
                                            set a password (must be changed at next login)
  backup --out <file.tar>                   copy the embedded database (PGlite) to one file;
                                            on PostgreSQL use pg_dump
  --help                                    this text

The database is the one the server uses: DATABASE_URL, else PGlite in GUANXI_DATA_DIR (./data).
Stop the server first when it runs on the embedded database (one process per data directory).`;

type Command = (db: Database, values: Record<string, string | undefined>) => Promise<void>;

function need(values: Record<string, string | undefined>, ...names: string[]) {
  const missing = names.filter((n) => !values[n]);
  if (missing.length) throw new Error(`missing option(s): ${missing.map((m) => `--${m}`).join(' ')}`);
}

const commands: Record<string, Command> = {
  migrate: async () => console.log('Migrations applied.'),
  'tenant create': async (database, v) => {
    need(v, 'code', 'name', 'admin-password');
    installModules(modules);
    const { tenant } = await createTenant(database.db, {
      code: v.code!,
      name: v.name!,
      adminPassword: v['admin-password']!,
      mustChangePassword: false,
    });
    console.log(
      `Tenant ${tenant.code} (${tenant.name}) created. Sign in with tenant code "${tenant.code}", username "admin".`,
    );
  },
  'tenant list': async (database) => {
    for (const t of await allTenants(database.db))
      console.log(`${t.code}\t${t.name}${t.isDefault ? '\t(default)' : ''}`);
  },
  'user reset-password': async (database, v) => {
    need(v, 'username', 'password');
    const tenant = await tenantByCode(database.db, v.tenant);
    if (!tenant) throw new Error('no such tenant');
    if (!(await resetPasswordByOperator(database.db, tenant.id, v.username!, v.password!)))
      throw new Error('no such user');
    console.log(`Password of ${v.username} in ${tenant.code} reset; it must be changed at next login.`);
  },
  backup: async (database, v) => {
    need(v, 'out');
    if (!database.pglite) throw new Error('backup is for the embedded database; on PostgreSQL use pg_dump');
    const dump = await database.pglite.dumpDataDir('gzip');
    fs.writeFileSync(v.out!, Buffer.from(await dump.arrayBuffer()));
    console.log(
      `Backup written to ${v.out}. Restore: stop the server, then start it once with GUANXI_RESTORE_FROM=${v.out}.`,
    );
  },
};

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      help: { type: 'boolean' },
      code: { type: 'string' },
      name: { type: 'string' },
      'admin-password': { type: 'string' },
      tenant: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const name = positionals.join(' ');
  const command = commands[name];
  if (values.help || !command) {
    console.log(help);
    process.exit(values.help || !name ? 0 : 1);
  }
  const config = loadConfig();
  const release = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);
  const database = await openDatabase(config);
  try {
    await runMigrations(database);
    await command(database, values as Record<string, string | undefined>);
  } finally {
    await database.close();
    release();
  }
}

main().catch((err) => {
  if (err instanceof AppError) {
    const where = Array.isArray(err.details)
      ? err.details.map((d) => ` (${d.path}: ${d.message})`).join('')
      : '';
    console.error(
      `Error ${err.code}: ${errorMessage(err.code, 'en-US')} / ${errorMessage(err.code, 'zh-CN')}${where}`,
    );
    process.exit(1);
  }
  console.error(`Error: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
