import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

/** Both drivers answer `execute()` with `{ rows }`; this makes that visible to the types. */
interface RowsResult extends PgQueryResultHKT {
  type: { rows: Record<string, unknown>[] };
}
export type Db = PgDatabase<RowsResult>;

/** Subscribes to a NOTIFY channel; the returned function unsubscribes. */
export type Listen = (channel: string, onNotify: () => void) => () => Promise<void>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  listen: Listen;
  /** The raw PGlite instance (tests clone it; pg-boss adapter uses it). */
  pglite?: PGlite;
  pool?: pg.Pool;
};

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// int8 → number (counts, sequences), numeric → string (exact money), date → 'YYYY-MM-DD':
// the same on both backends.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const identity = (v: string) => v;

function pgliteParsers() {
  return { [INT8]: (v: string) => Number(v), [NUMERIC]: identity, [DATE]: identity };
}

// drizzle's node-postgres driver passes its own per-query parsers (timestamps, dates as text) and
// falls back to pg's global ones for the rest, so int8 must be set globally.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File } = {}) {
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm },
    parsers: pgliteParsers(),
  });
  return client;
}

export function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite({ client }) as unknown as Db;
  const listen: Listen = (channel, onNotify) => {
    const subscribed = client.listen(channel, () => onNotify());
    return async () => (await subscribed)();
  };
  return { db, kind: 'pglite', pglite: client, listen, close: () => client.close() };
}

/**
 * `readOnly`: every transaction of the pool is read-only (`default_transaction_read_only`), for a
 * replica's pool (platform/read-db.ts): a write that strays there fails on our side too, not
 * only on the standby.
 */
export function openPostgres(url: string, max = 10, opts: { readOnly?: boolean } = {}): Database {
  // OLTP settings: JIT compiles any statement whose total cost passes 100,000 — an index walk
  // under LIMIT 20 costs that on paper — adding 20–80 ms to millisecond queries; parallel
  // workers add 10–20 ms to start. Measured in bench/ (customers) at 1M rows. The replica's pool
  // gets the same settings (and the same statement timeouts, set per transaction).
  const pool = new pg.Pool({
    connectionString: url,
    max,
    options: `-c jit=off -c max_parallel_workers_per_gather=0${opts.readOnly ? ' -c default_transaction_read_only=on' : ''}`,
  });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    pool,
    listen: (channel, onNotify) => listenOnPool(pool, channel, onNotify),
    close: () => pool.end(),
  };
}

/** Opens the configured database: PostgreSQL when a URL is given, else PGlite in `dataDir`. */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  restoreFrom?: string;
}): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const dataDir = path.join(opts.dataDir, 'pgdata');
  if (opts.restoreFrom) {
    if (fs.existsSync(dataDir)) throw new Error(`Restore needs an empty data directory; ${dataDir} exists.`);
    const backup = new Blob([fs.readFileSync(opts.restoreFrom)]);
    return wrapPglite(await openPglite({ dataDir, loadDataDir: backup }));
  }
  return wrapPglite(await openPglite({ dataDir }));
}

const MIGRATION_LOCK = 7_346_112; // advisory lock key: one migrator at a time across replicas

/** Applies pending migrations (forward-only). On PostgreSQL under an advisory lock. */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client }) as never, { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/**
 * Holds one pooled connection that LISTENs on `channel`. While that connection is down,
 * `onNotify` runs on every reconnect attempt, so a listener never misses a change silently.
 */
function listenOnPool(pool: pg.Pool, channel: string, onNotify: () => void): () => Promise<void> {
  let client: pg.PoolClient | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const reconnectSoon = () => {
    onNotify();
    client?.release(true);
    client = undefined;
    if (!stopped) retry = setTimeout(connect, 1000);
  };
  const connect = async () => {
    if (stopped) return;
    try {
      const acquired = await pool.connect();
      if (stopped) {
        acquired.release(); // stopped while connecting: the pool must not wait for this client
        return;
      }
      client = acquired;
      client.on('notification', () => onNotify());
      client.on('error', reconnectSoon);
      await client.query(`LISTEN ${channel}`);
    } catch {
      reconnectSoon();
    }
  };
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    if (client) {
      await client.query(`UNLISTEN ${channel}`).catch(() => {});
      client.release();
    }
  };
}
