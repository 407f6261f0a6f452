import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.ts';

const journalFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations/meta/_journal.json');
/** Pre-upgrade copies kept in `<data dir>/backups/`; older ones are deleted. */
export const PRE_UPGRADE_KEEP = 3;

/** Migrations this build has that the database has not applied yet (drizzle records each one's `when`). */
async function pendingMigrations(database: Database): Promise<number> {
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { when: number }[] };
  const pglite = database.pglite!;
  const exists = await pglite.query<{ t: string | null }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`,
  );
  if (!exists.rows[0]?.t) return 0; // a new database: nothing to keep
  const applied = await pglite.query<{ last: string | null }>(
    'SELECT max(created_at)::text AS last FROM drizzle.__drizzle_migrations',
  );
  const last = applied.rows[0]?.last;
  if (last == null) return 0;
  return journal.entries.filter((e) => e.when > Number(last)).length;
}

/**
 * On the embedded database, before an upgrade migrates data that exists: a copy of the whole data
 * directory (PGlite's dump, restorable with GUANXI_RESTORE_FROM) in `<data dir>/backups/`, the
 * last three kept. Returns the file written, if any. PostgreSQL is backed up by its operator.
 */
export async function backupBeforeMigrating(database: Database, dataDir: string, now = new Date()) {
  if (database.kind !== 'pglite' || !database.pglite) return undefined;
  if ((await pendingMigrations(database)) === 0) return undefined;
  const dir = path.join(dataDir, 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pre-upgrade-${now.toISOString().replace(/[:.]/g, '-')}.tar.gz`);
  const dump = await database.pglite.dumpDataDir('gzip');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  const old = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('pre-upgrade-'))
    .sort()
    .reverse()
    .slice(PRE_UPGRADE_KEEP);
  for (const f of old) fs.rmSync(path.join(dir, f), { force: true });
  return file;
}
