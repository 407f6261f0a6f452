/**
 * The read replica (`DATABASE_READ_URL`): a PostgreSQL streaming replica of `DATABASE_URL` that
 * takes the heavy reads off the primary. Routes and jobs get it as `readDb` (platform/http.ts
 * `Deps`, platform/jobs.ts `JobContext`); without a replica `readDb` is the primary itself, so code
 * written for it runs the same on PGlite.
 *
 * What may read from `readDb`: numbers and lists that may be a moment old — reports, dashboards,
 * exports (their rows; the job's own row, its file and the audit entry are written on `db`).
 *
 * What never does:
 * - anything a user has just written and reads back (a record's page after saving it, a list
 *   after a create): the replica may not have it yet;
 * - anything inside a write transaction, and any check that guards a write (versions, limits,
 *   uniqueness): it must see the primary's present, under its locks;
 * - permissions, sessions, roles, settings and definitions a request is judged by (who the caller
 *   is, what they may see, a custom field's rules): a revoked right must not linger for the lag.
 *
 * The replica's pool is smaller than the primary's, read-only on our side too
 * (`default_transaction_read_only`) and never migrated: it follows the primary's schema by
 * replication.
 */
import { sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { type Database, type Db, openPostgres } from '../db/client.ts';

/** Connections to the replica per process: reports and exports are few at a time. */
export const READ_POOL_SIZE = 4;

export type ReadDatabase = {
  /** Where replica-safe reads go: the replica, else the primary. */
  readDb: Db;
  /** The replica's own handle, when one is configured. */
  replica?: Database;
  /** Why the setting was ignored (logged once at start). */
  warning?: string;
};

/** Opens the replica of `DATABASE_READ_URL` beside the primary; ignored (with a warning) on PGlite. */
export function openReadDatabase(
  config: Pick<Config, 'databaseUrl' | 'databaseReadUrl'>,
  primary: Database,
): ReadDatabase {
  if (!config.databaseReadUrl) return { readDb: primary.db };
  if (primary.kind !== 'postgres' || !config.databaseUrl)
    return {
      readDb: primary.db,
      warning:
        'DATABASE_READ_URL is ignored: a read replica needs DATABASE_URL (PostgreSQL), not the embedded database',
    };
  const replica = openPostgres(config.databaseReadUrl, READ_POOL_SIZE, { readOnly: true });
  return { readDb: replica.db, replica };
}

/** The replica as the readiness route reports it. */
export type ReplicaState = {
  /** streaming: replaying the primary's stream; disconnected: in recovery but not receiving;
   * not-a-replica: answers but is no standby (promoted?); unavailable: does not answer. */
  status: 'streaming' | 'disconnected' | 'not-a-replica' | 'unavailable';
  /** How far behind in time (0 when everything received is replayed), and in WAL bytes. */
  lagSeconds: number | null;
  lagBytes: number | null;
  replayPaused: boolean;
};

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

/** The replica's state and lag against the primary's current WAL position; never throws. */
export async function replicaState(primary: Db, readDb: Db, timeoutMs = 2_000): Promise<ReplicaState> {
  const unavailable: ReplicaState = {
    status: 'unavailable',
    lagSeconds: null,
    lagBytes: null,
    replayPaused: false,
  };
  try {
    return await withTimeout(
      (async () => {
        const at = await primary.execute(sql`SELECT pg_current_wal_lsn()::text AS lsn`);
        const lsn = (at.rows[0] as { lsn: string }).lsn;
        const result = await readDb.execute(sql`
          SELECT pg_is_in_recovery() AS recovering,
            (SELECT status FROM pg_stat_wal_receiver) AS receiver,
            CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() ELSE false END AS paused,
            CASE WHEN NOT pg_is_in_recovery() THEN NULL
              WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
              ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 END AS lag_seconds,
            CASE WHEN pg_is_in_recovery()
              THEN greatest(pg_wal_lsn_diff(${lsn}::pg_lsn, pg_last_wal_replay_lsn()), 0)::float8 END AS lag_bytes`);
        const r = result.rows[0] as {
          recovering: boolean;
          receiver: string | null;
          paused: boolean;
          lag_seconds: number | null;
          lag_bytes: number | null;
        };
        const status = !r.recovering
          ? 'not-a-replica'
          : r.receiver === 'streaming'
            ? 'streaming'
            : 'disconnected';
        return {
          status,
          lagSeconds: r.lag_seconds === null ? null : Math.round(Number(r.lag_seconds) * 1000) / 1000,
          lagBytes: r.lag_bytes === null ? null : Number(r.lag_bytes),
          replayPaused: r.paused,
        } satisfies ReplicaState;
      })(),
      timeoutMs,
    );
  } catch {
    return unavailable;
  }
}

/**
 * Waits until the replica has replayed everything the primary has written so far (tests, and
 * whoever must read their own write from the replica on purpose); throws after `timeoutMs`.
 */
export async function waitForReplay(primary: Db, readDb: Db, timeoutMs = 30_000): Promise<void> {
  const at = await primary.execute(sql`SELECT pg_current_wal_lsn()::text AS lsn`);
  const lsn = (at.rows[0] as { lsn: string }).lsn;
  const until = Date.now() + timeoutMs;
  for (;;) {
    const result = await readDb.execute(sql`SELECT pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn AS caught_up`);
    if ((result.rows[0] as { caught_up: boolean | null }).caught_up) return;
    if (Date.now() > until) throw new Error(`the replica has not replayed ${lsn} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
