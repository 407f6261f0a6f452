import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPglite, runMigrations, wrapPglite } from './client.ts';
import { backupBeforeMigrating, PRE_UPGRADE_KEEP } from './pre-upgrade-backup.ts';

let database: Database;
let dataDir: string;

beforeAll(async () => {
  database = wrapPglite(await openPglite());
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-pre-upgrade-'));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('pre-upgrade backup of the embedded database', () => {
  it('copies the data directory only when migrations are pending on a database in use, keeping the last 3', async () => {
    // a new database: nothing to keep
    expect(await backupBeforeMigrating(database, dataDir)).toBeUndefined();
    await runMigrations(database);
    // up to date: nothing to do
    expect(await backupBeforeMigrating(database, dataDir)).toBeUndefined();
    // as if this build brought the latest migration: the database lacks it
    await database.pglite!.exec(
      'DELETE FROM drizzle.__drizzle_migrations WHERE id = (SELECT max(id) FROM drizzle.__drizzle_migrations)',
    );
    const written: string[] = [];
    for (let i = 0; i < PRE_UPGRADE_KEEP + 1; i++) {
      const file = await backupBeforeMigrating(database, dataDir, new Date(Date.UTC(2026, 0, 1 + i)));
      expect(file).toBeDefined();
      written.push(path.basename(file!));
    }
    const kept = fs.readdirSync(path.join(dataDir, 'backups')).sort();
    expect(kept).toEqual(written.slice(1));
    // a copy PGlite can open again (GUANXI_RESTORE_FROM)
    const copy = fs.readFileSync(path.join(dataDir, 'backups', kept[kept.length - 1]));
    const reopened = await openPglite({ loadDataDir: new Blob([copy]) });
    const tables = await reopened.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(tables.rows[0].n).toBeGreaterThan(50);
    await reopened.close();
  });
});
