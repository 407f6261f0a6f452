import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { defineJob } from './jobs.ts';

/**
 * Refreshes the planner's statistics. PostgreSQL's autovacuum does this by itself; the embedded
 * PGlite has no autovacuum, and a planner that believes a 7,000-row table holds 16 rows picks
 * plans that take seconds instead of milliseconds (seen on the demo data). So the app runs it
 * at start, after bulk loads (seed, imports) and hourly: the tables named, or else every table
 * that changed since its statistics were taken (see `changedTables`).
 */
export async function analyze(db: Db, tables: string[] = []) {
  const names = tables.length ? tables.map((t) => sql.identifier(t)) : await changedTables(db);
  for (const name of names) await db.execute(sql`ANALYZE ${name}`);
}

/**
 * Tables never analysed, or whose size moved by more than a tenth (and a few pages) since their
 * statistics were taken — autovacuum's rule, by pages, since PGlite keeps no change counters.
 * Analysing the rest again would change nothing but cost a lot: on PGlite a full ANALYZE of 200k
 * customers (a 300k-row sample for the search grams' statistics) grows the embedded database's
 * memory by ~400 MB for good, and takes seconds at every start.
 */
async function changedTables(db: Db): Promise<SQL[]> {
  const result = await db.execute(
    sql`SELECT format('%I.%I', n.nspname, c.relname) AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND (c.reltuples < 0 OR abs(pg_relation_size(c.oid) / current_setting('block_size')::int - c.relpages)
          > 0.1 * c.relpages + 4)`,
  );
  // names come quoted by format('%I')
  return (result.rows as { name: string }[]).map((r) => sql.raw(r.name));
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
