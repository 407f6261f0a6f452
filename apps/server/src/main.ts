import { errorMessage } from '@guanxi/contract';
import { buildApp, moduleJobs, modules } from './app.ts';
import { type BootstrapResult, bootstrap } from './bootstrap.ts';
import { type Config, loadConfig } from './config.ts';
import { openDatabase, runMigrations } from './db/client.ts';
import { acquireDataDirLock, DataDirLockedError } from './db/data-dir-lock.ts';
import { backupBeforeMigrating } from './db/pre-upgrade-backup.ts';
import { installModules } from './install-modules.ts';
import { AppError } from './platform/errors.ts';
import { Jobs } from './platform/jobs.ts';
import { serializeError } from './platform/log-redaction.ts';
import { analyze, maintenanceJobs } from './platform/maintenance.ts';
import { openReadDatabase, replicaState } from './platform/read-db.ts';
import { prepareSealedValues } from './platform/sealed-values.ts';

function banner(config: Config, boot: BootstrapResult) {
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  Guanxi CRM (关系) is running: ${url}`,
    `  Database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`}${config.databaseUrl && config.databaseReadUrl ? ', reports and exports from DATABASE_READ_URL' : ''}`,
    `  Tenant: ${boot.tenantCode}`,
    `  Server key: ${config.serverKey.source} (id ${config.serverKey.id}); back it up apart from the data`,
  ];
  if (config.databaseUrl && config.serverKey.source !== 'GUANXI_SECRET_KEY') {
    lines.push(
      '  More than one server on this database? Give all the same GUANXI_SECRET_KEY (docs/operations.md).',
    );
  }
  if (boot.created) {
    lines.push(`  Admin login: admin / ${boot.generated ? boot.adminPassword : '(GUANXI_ADMIN_PASSWORD)'}`);
    if (boot.generated)
      lines.push('  This password is shown only once; you will be asked to change it at first login.');
  } else {
    lines.push('  Admin login: admin (password set on first start)');
  }
  lines.push(`  API docs: ${url}/api/docs`, '');
  return lines.join('\n');
}

/** Process entry: config → database → migrations → bootstrap → HTTP; graceful shutdown. */
async function main() {
  // A signal during start-up is answered once start-up is done: stopping halfway through
  // migrations or the seed would leave a half-written database behind.
  let stopSignal: string | undefined;
  let onSignal = (signal: string) => {
    stopSignal ??= signal;
    console.log(`${signal}: stopping as soon as start-up is done…`);
  };
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  process.on('SIGINT', () => void onSignal('SIGINT'));

  const config = loadConfig();
  const releaseLock = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);
  const database = await openDatabase(config);
  const saved = await backupBeforeMigrating(database, config.dataDir);
  if (saved) console.log(`Pending migrations: the data directory was copied to ${saved} first.`);
  await runMigrations(database);
  // the replica is opened after the migrations and never migrated: it follows by replication
  const read = openReadDatabase(config, database);
  // the server key must be the one the stored credentials are sealed with (else stop here);
  // credentials an older version stored in clear are sealed now
  installModules(modules);
  const sealed = await prepareSealedValues(database.db, config.serverKey);
  if (sealed) console.log(`Sealed ${sealed} stored secret(s) kept in clear by an earlier version.`);
  const boot = await bootstrap(database.db, modules, {
    adminPassword: config.adminPassword,
    demo: config.demo,
    serverKey: config.serverKey,
  });
  // the embedded database has no autovacuum: give the planner fresh statistics at every start
  if (database.kind === 'pglite') await analyze(database.db);
  const jobs = new Jobs(database, config, read.readDb);
  const app = await buildApp({ db: database.db, readDb: read.readDb, config, listen: database.listen, jobs });
  if (read.warning) app.log.warn(read.warning);
  if (read.replica) app.log.info({ replica: await replicaState(database.db, read.readDb) }, 'read replica');
  for (const m of modules) await m.onStart?.(database.db);
  await jobs.start(app.log, [...moduleJobs, ...maintenanceJobs]);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests and jobs');
    // Stop within 10 s (what container runtimes and the README promise): a drain still stuck
    // by then is cut off, with exit code 1. Jobs give up after 7 s (platform/jobs.ts).
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 9 s; exiting anyway');
      process.exit(1);
    }, 9_000);
    force.unref();
    let code = 0;
    try {
      await Promise.all([app.close(), jobs.stop()]);
      await Promise.all([database.close(), read.replica?.close()]);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      code = 1;
    } finally {
      releaseLock();
    }
    process.exit(code);
  };
  onSignal = shutdown;
  if (stopSignal) return shutdown(stopSignal);

  await app.listen({ port: config.port, host: config.host });
  console.log(banner(config, boot));
}

main().catch((err) => {
  if (err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(2);
  }
  if (err instanceof AppError) {
    const details = err.details ? `\n  ${JSON.stringify(err.details)}` : '';
    console.error(
      `Error ${err.code}: ${errorMessage(err.code, 'en-US')}\n  ${errorMessage(err.code, 'zh-CN')}${details}`,
    );
    process.exit(1);
  }
  // a failing statement's parameters (the admin's password hash …) are not printed
  console.error(
    err instanceof Error && err.message.startsWith('Invalid configuration')
      ? err.message
      : serializeError(err),
  );
  process.exit(1);
});
