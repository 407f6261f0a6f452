import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/** How long one statement of an expensive read (a search, an exact total) may run on PostgreSQL. */
export const EXPENSIVE_READ_TIMEOUT_MS = 5_000;

/**
 * Runs `fn` in a transaction whose statements PostgreSQL cancels after `ms` (error 57014, which
 * the error handler answers as 503 `QUERY_TIMEOUT` unless the caller catches it): one runaway
 * read cannot hold a connection, and the pool, for minutes. PGlite cannot interrupt a statement
 * (it runs on the event loop, there is no timer to fire), so there the setting is a no-op; the
 * per-user limits on heavy reads (platform/read-throttle.ts) bound what one user can start.
 */
export function withStatementTimeout<T>(db: Db, ms: number, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('statement_timeout', ${String(Math.round(ms))}, true)`);
    return fn(tx as unknown as Db);
  });
}

/** Whether an error is a statement cancelled by its timeout (drizzle wraps the driver's error). */
export function isStatementTimeout(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '57014' || e?.cause?.code === '57014';
}
