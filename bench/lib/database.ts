import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Database, openDatabase, openPostgres, runMigrations } from '../../apps/server/src/db/client.ts';

export type BenchDatabase = {
  database: Database;
  /** Human-readable backend, printed next to every result. */
  backend: string;
  /** A query straight on the driver (no drizzle, no app code): the raw-SQL baseline. */
  raw<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Closes the handle and removes the temporary data dir / drops the temporary database. */
  dispose(): Promise<void>;
};

/**
 * A fresh, migrated database that nothing else uses: PGlite in a temporary directory, or — when
 * `DATABASE_URL` is set — a new database created on that PostgreSQL server (dropped afterwards).
 */
export async function openBenchDatabase(opts: { poolSize?: number } = {}): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  const bench = url ? await createPostgres(url, opts.poolSize ?? 10) : await createPglite();
  try {
    await runMigrations(bench.database);
  } catch (err) {
    await bench.dispose();
    throw err;
  }
  return bench;
}

async function createPglite(): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-'));
  const database = await openDatabase({ dataDir: dir });
  const client = database.pglite!;
  return {
    database,
    backend: `PGlite (embedded, one connection) in ${dir}`,
    raw: async <T>(text: string, params?: unknown[]) => (await client.query<T>(text, params)).rows,
    dispose: async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(url: string, poolSize: number): Promise<BenchDatabase> {
  const name = `guanxi_bench_${process.pid}_${Date.now()}`;
  const admin = openPostgres(url, 1);
  try {
    await admin.pool!.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = openPostgres(target.toString(), poolSize);
  const pool = database.pool!;
  const server = new URL(url);
  return {
    database,
    backend: `PostgreSQL at ${server.hostname}:${server.port || 5432}, database ${name} (pool of ${poolSize})`,
    raw: async <T>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as T[],
    dispose: async () => {
      await database.close();
      const again = openPostgres(url, 1);
      try {
        await again.pool!.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.close();
      }
    },
  };
}

/**
 * Counts the statements that reach the driver while `fn` runs (to report queries per request).
 * The driver method is wrapped only for that time.
 */
export async function countQueries(bench: BenchDatabase, fn: () => Promise<unknown>): Promise<number> {
  const target = (bench.database.pglite ?? bench.database.pool) as unknown as Record<string, unknown>;
  const original = target.query as (...args: unknown[]) => unknown;
  let n = 0;
  target.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    delete target.query;
    if (target.query !== original) target.query = original;
  }
  return n;
}
