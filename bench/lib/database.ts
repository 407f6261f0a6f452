import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Database,
  openDatabase,
  openPglite,
  openPostgres,
  runMigrations,
  wrapPglite,
} from '../../apps/server/src/db/client.ts';

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
  return pgliteHandle(database, `PGlite (embedded, one connection) in ${dir}`, async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

function pgliteHandle(database: Database, backend: string, dispose: () => Promise<void>): BenchDatabase {
  const client = database.pglite!;
  return {
    database,
    backend,
    raw: async <T>(text: string, params?: unknown[]) => (await client.query<T>(text, params)).rows,
    dispose,
  };
}

async function createPostgres(url: string, poolSize: number): Promise<BenchDatabase> {
  const name = `guanxi_bench_${process.pid}_${Date.now()}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  return postgresHandle(url, name, poolSize, () =>
    adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  );
}

/** One statement on the server's maintenance database (CREATE / DROP DATABASE). */
async function adminQuery<T = Record<string, unknown>>(url: string, text: string, params?: unknown[]) {
  const admin = openPostgres(url, 1);
  try {
    return (await admin.pool!.query(text, params)).rows as T[];
  } finally {
    await admin.close();
  }
}

function postgresHandle(
  url: string,
  name: string,
  poolSize: number,
  afterClose: () => Promise<unknown>,
): BenchDatabase {
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
      await afterClose();
    },
  };
}

/** `bench/.data/` (git-ignored): generated databases kept between runs. */
export const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.data');

export type CachedDatabase = BenchDatabase & {
  /** True when the database was just created (nothing cached). */
  created: boolean;
  /** Drops everything and opens an empty, migrated database in its place. */
  rebuild(): Promise<CachedDatabase>;
};

/**
 * A migrated database kept between runs under `name`: a PGlite data dir in `bench/.data/<name>`,
 * or (`url` given) a database `guanxi_<name>` on that PostgreSQL server. `dispose()` only closes
 * it; `rebuild()` starts it again from nothing.
 */
export async function openCachedDatabase(
  name: string,
  opts: { url?: string; poolSize?: number },
): Promise<CachedDatabase> {
  const safe = name.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  let bench: BenchDatabase;
  let created: boolean;
  let drop: () => Promise<void>;
  if (opts.url) {
    const url = opts.url;
    const db = `guanxi_${safe}`;
    const exists = await adminQuery(url, 'SELECT 1 FROM pg_database WHERE datname = $1', [db]);
    created = exists.length === 0;
    if (created) await adminQuery(url, `CREATE DATABASE ${db}`);
    bench = postgresHandle(url, db, opts.poolSize ?? 10, async () => {});
    drop = async () => {
      await adminQuery(url, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    };
  } else {
    const dir = path.join(dataDir, safe);
    created = !fs.existsSync(path.join(dir, 'PG_VERSION'));
    fs.mkdirSync(dir, { recursive: true });
    const database = wrapPglite(await openPglite({ dataDir: dir }));
    bench = pgliteHandle(
      database,
      `PGlite (embedded, one connection) in ${path.relative(process.cwd(), dir)}`,
      async () => {
        await database.close();
      },
    );
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  await runMigrations(bench.database);
  const cached: CachedDatabase = {
    ...bench,
    created,
    rebuild: async () => {
      await bench.dispose();
      await drop();
      return openCachedDatabase(name, opts);
    },
  };
  return cached;
}

/** A statement as it reached the driver: its text and bound values. */
export type Statement = { text: string; params: unknown[] };

/**
 * The statements that reach the driver while `fn` runs (to report queries per request, or to
 * replay exactly what the app sent). The driver method is wrapped only for that time.
 */
export async function captureQueries(bench: BenchDatabase, fn: () => Promise<unknown>): Promise<Statement[]> {
  const target = (bench.database.pglite ?? bench.database.pool) as unknown as Record<string, unknown>;
  const original = target.query as (...args: unknown[]) => unknown;
  const seen: Statement[] = [];
  target.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args as [unknown, unknown];
    if (typeof first === 'string') seen.push({ text: first, params: Array.isArray(second) ? second : [] });
    else if (first && typeof first === 'object') {
      const q = first as { text?: string; values?: unknown[] };
      seen.push({ text: q.text ?? '', params: q.values ?? (Array.isArray(second) ? second : []) });
    }
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    delete target.query;
    if (target.query !== original) target.query = original;
  }
  return seen;
}

/** How many statements reach the driver while `fn` runs. */
export async function countQueries(bench: BenchDatabase, fn: () => Promise<unknown>): Promise<number> {
  return (await captureQueries(bench, fn)).length;
}
