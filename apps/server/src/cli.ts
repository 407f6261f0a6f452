import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { errorMessage } from '@guanxi/contract';
import { modules } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { type Database, openDatabase, runMigrations } from './db/client.ts';
import { acquireDataDirLock } from './db/data-dir-lock.ts';
import { installModules } from './install-modules.ts';
import { backupToFile, restoreFromFile } from './modules/backups/cli-service.ts';
import { allTenants, createTenant, tenantByCode } from './modules/organization/tenants-service.ts';
import { resetPasswordByOperator } from './modules/organization/users-service.ts';
import { AppError } from './platform/errors.ts';
import { redactMessage } from './platform/log-redaction.ts';
import { rotateServerKey } from './platform/sealed-values.ts';
import { ServerKey, writeKeyFile } from './platform/secrets.ts';

const help = `Guanxi CRM command line — npm run cli -- <command> [options]

Commands:
  migrate                                   apply pending database migrations
  tenant create --code <code> --name <name> --admin-password <pw>
                                            create a tenant with its own admin (username: admin)
  tenant list                               list tenants
  user reset-password --username <name> --password <pw> [--tenant <code>]
                                            set a password (must be changed at next login)
  backup --tenant <code>|--all --out <file.tar.gz>
                                            write a backup archive of one tenant or of the whole
                                            system (PGlite or PostgreSQL; files' bytes included)
  backup --out <file.tar>                   copy the embedded database (PGlite) to one file
  restore --file <file.tar.gz> [--tenant <code>]
                                            restore an archive: with --tenant replace that tenant,
                                            without fill an empty system (no business data yet)
  rotate-key [--new-key <base64>]           re-seal every stored credential (TOTP secrets …)
                                            with a new server key (generated unless given);
                                            stop every server (all replicas) first
  --help                                    this text

The database is the one the server uses: DATABASE_URL, else PGlite in GUANXI_DATA_DIR (./data).
Stop the server first when it runs on the embedded database (one process per data directory).`;

type Command = (db: Database, values: Record<string, string | undefined>, config: Config) => Promise<void>;

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
  backup: async (database, v, config) => {
    need(v, 'out');
    if (v.tenant || v.all) {
      const { scope, size } = await backupToFile(database.db, config, {
        tenant: v.tenant,
        all: Boolean(v.all),
        out: v.out!,
      });
      console.log(
        `Backup archive (${scope}, ${size} bytes) written to ${v.out}. Restore: npm run cli -- restore --file ${v.out}${v.tenant ? ` --tenant ${v.tenant}` : ''}`,
      );
      console.log('The server key is not in the archive: the server that restores it needs the same key.');
      return;
    }
    if (!database.pglite) throw new Error('backup is for the embedded database; on PostgreSQL use pg_dump');
    const dump = await database.pglite.dumpDataDir('gzip');
    fs.writeFileSync(v.out!, Buffer.from(await dump.arrayBuffer()));
    console.log(
      `Backup written to ${v.out}. Restore: stop the server, then start it once with GUANXI_RESTORE_FROM=${v.out}.`,
    );
    console.log(
      `The server key (${config.serverKey.source}) is not in the backup, on purpose: keep it apart. ` +
        'Restoring needs it: copy it as secret.key into the new data directory, or set GUANXI_SECRET_KEY.',
    );
  },
  restore: async (database, v, config) => {
    need(v, 'file');
    installModules(modules);
    const result = await restoreFromFile(database.db, config, { file: v.file!, tenant: v.tenant });
    const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);
    console.log(
      `Restored ${result.scope} archive${result.tenant ? ` of ${result.tenant}` : ''}: ${rows} rows, ${result.files} files.`,
    );
  },
  'rotate-key': async (database, v, config) => {
    installModules(modules); // which columns hold sealed values comes from the manifests
    const current = config.serverKey;
    const keyFile = current.source === 'GUANXI_SECRET_KEY' ? undefined : current.source;
    const next = v['new-key']
      ? ServerKey.parse(v['new-key'], '--new-key')
      : ServerKey.generate(current.source);
    // A key file: the new key is on disk before the database depends on it.
    const staged = keyFile && `${keyFile}.new`;
    if (staged) writeKeyFile(staged, next);
    let count: number;
    try {
      count = await rotateServerKey(database.db, current, next);
    } catch (err) {
      if (staged) fs.rmSync(staged, { force: true });
      throw err;
    }
    const lines = [
      `Server key rotated: ${count} sealed value(s) now sealed with key ${next.id} (was ${current.id}).`,
    ];
    if (staged && keyFile) {
      const old = `${keyFile}.old-${current.id}`;
      fs.renameSync(keyFile, old);
      fs.renameSync(staged, keyFile);
      lines.push(`The new key is in ${keyFile}; the old one was moved to ${old}.`);
    } else {
      lines.push(
        v['new-key']
          ? 'Now set GUANXI_SECRET_KEY to the key you gave with --new-key on every server, then start them.'
          : `Now set GUANXI_SECRET_KEY=${next.toText()} on every server, then start them.`,
        'A server started with the old key stops at start (SECRET_KEY_MISMATCH).',
      );
    }
    lines.push(
      'Keep the old key as long as you keep backups made before now (only it opens their secrets), then destroy it.',
      'Back up the new key with the database, but not in the same place.',
    );
    console.log(lines.join('\n'));
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
      all: { type: 'boolean' },
      file: { type: 'string' },
      'new-key': { type: 'string' },
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
    await command(database, values as unknown as Record<string, string | undefined>, config);
  } finally {
    await database.close();
    release();
  }
}

main().catch((err) => {
  if (err instanceof AppError) {
    const where = Array.isArray(err.details)
      ? err.details.map((d) => ` (${d.path}: ${d.message})`).join('')
      : err.details
        ? ` ${JSON.stringify(err.details)}`
        : '';
    console.error(
      `Error ${err.code}: ${errorMessage(err.code, 'en-US')} / ${errorMessage(err.code, 'zh-CN')}${where}`,
    );
    process.exit(1);
  }
  console.error(`Error: ${err instanceof Error ? redactMessage(err.message) : err}`); // no statement parameters
  process.exit(1);
});
