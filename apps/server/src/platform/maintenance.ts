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

/**
 * After a bulk load: the statistics of the columns that steer list plans (which tenant, owner,
 * department, state, dates) — not the search grams, whose 10,000-entry sample takes ~15 s at 1M
 * rows and whose frequencies a batch barely moves (the hourly run and autovacuum refresh them).
 */
export async function analyzeColumns(db: Db, table: string, columns: string[]) {
  await db.execute(
    sql`ANALYZE ${sql.identifier(table)} (${sql.join(
      columns.map((c) => sql.identifier(c)),
      sql`, `,
    )})`,
  );
}

/** Hourly statistics refresh for the embedded database (harmless, and cheap, on PostgreSQL). */
export const maintenanceJobs = [
  defineJob('db.analyze', async (_data, { db }) => analyze(db), {
    schedule: { cron: '17 * * * *', timeZone: 'Asia/Shanghai' },
  }),
];
