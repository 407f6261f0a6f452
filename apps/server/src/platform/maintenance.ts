import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { defineJob } from './jobs.ts';

/**
 * Refreshes the planner's statistics. PostgreSQL's autovacuum does this by itself; the embedded
 * PGlite has no autovacuum, and a planner that believes a 7,000-row table holds 16 rows picks
 * plans that take seconds instead of milliseconds (seen on the demo data). So the app runs it
 * at start, after bulk loads (seed, imports) and hourly.
 */
export async function analyze(db: Db, tables: string[] = []) {
  if (!tables.length) {
    await db.execute(sql`ANALYZE`);
    return;
  }
  for (const table of tables) await db.execute(sql`ANALYZE ${sql.identifier(table)}`);
}

/** Hourly statistics refresh for the embedded database (harmless, and cheap, on PostgreSQL). */
export const maintenanceJobs = [
  defineJob('db.analyze', async (_data, { db }) => analyze(db), {
    cron: '17 * * * *',
    timeZone: 'Asia/Shanghai',
  }),
];
