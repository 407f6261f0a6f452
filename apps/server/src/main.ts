import { buildApp, moduleJobs, modules } from './app.ts';
import { type BootstrapResult, bootstrap } from './bootstrap.ts';
import { type Config, loadConfig } from './config.ts';
import { openDatabase, runMigrations } from './db/client.ts';
import { acquireDataDirLock, DataDirLockedError } from './db/data-dir-lock.ts';
import { installModules } from './install-modules.ts';
import { Jobs } from './platform/jobs.ts';
import { analyze, maintenanceJobs } from './platform/maintenance.ts';

function banner(config: Config, boot: BootstrapResult) {
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  Guanxi CRM (关系) is running: ${url}`,
    `  Database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`}`,
    `  Tenant: ${boot.tenantCode}`,
  ];
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
  const config = loadConfig();
  const releaseLock = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);
  const database = await openDatabase(config);
  await runMigrations(database);
  installModules(modules);
  const boot = await bootstrap(database.db, modules, {
    adminPassword: config.adminPassword,
    demo: config.demo,
  });
  // the embedded database has no autovacuum: give the planner fresh statistics at every start
  if (database.kind === 'pglite') await analyze(database.db);
  const jobs = new Jobs(database);
  const app = await buildApp({ db: database.db, config, listen: database.listen, jobs });
  for (const m of modules) await m.onStart?.(database.db);
  await jobs.start(app.log, [...moduleJobs, ...maintenanceJobs]);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await jobs.stop();
      await database.close();
    } finally {
      releaseLock();
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  console.log(banner(config, boot));
}

main().catch((err) => {
  if (err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err instanceof Error && err.message.startsWith('Invalid configuration') ? err.message : err);
  process.exit(1);
});
