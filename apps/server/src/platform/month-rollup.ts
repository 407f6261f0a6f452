import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/**
 * A module's monthly rollup for the reports (统计分析 at scale): its rows per tenant and month (of a
 * record's instant, in the tenant's zone), kept by a job that re-aggregates only the months of
 * the records written since its watermark. The module names its tables; this does the refresh.
 */
export type MonthRollup = {
  /** `(tenant_id, watermark, refreshed_at, time_zone)`. */
  stateTable: string;
  /** `(tenant_id, month, …)`. */
  rollupTable: string;
  /** The records: a table with tenant_id and updated_at, and the instant its months are of. */
  sourceTable: string;
  instant: string;
  /** The instants are calendar days (date columns): a day's month is its own, in no zone. */
  calendarDays?: boolean;
  /**
   * Instants kept elsewhere whose months must be aggregated again (a record moved away from them,
   * or a second source's records written since `since`): `SELECT at …`.
   */
  moved?: (tenantId: string, since: SQL) => SQL;
  /**
   * Forgets the moves written before `before` (the watermark less the overlap: a move is read by
   * at least one refresh after it committed, as a written record is).
   */
  forgetMoves?: (tenantId: string, before: SQL) => SQL;
  /** The rollup's rows of the months `months` (a date[] of first days): an INSERT … SELECT over `unnest(months) m(m)`. */
  aggregate: (tenantId: string, months: SQL, zone: string) => SQL;
};

/**
 * A transaction that commits after the refresh has read may carry an `updated_at` just before the
 * watermark: the months written this long before it are aggregated again, to be sure.
 */
const OVERLAP = sql`interval '10 minutes'`;

/** The instants of a month `m.m` in the zone, for a range condition that uses the records' time index. */
export const monthInstants = (column: SQL, zone: string) =>
  sql`${column} >= (m.m::timestamp AT TIME ZONE ${zone}) AND ${column} < ((m.m + interval '1 month')::timestamp AT TIME ZONE ${zone})`;

/**
 * Brings the rollup of one tenant (or of every tenant) up to date: the months of the records
 * written since the watermark are deleted and aggregated again, in one transaction per tenant
 * (readers see a month old or new, never half); a changed time zone (or a first run) aggregates
 * every month. Returns the number of months aggregated.
 */
export async function refreshMonthRollup(db: Db, r: MonthRollup, tenantId?: string): Promise<number> {
  const tenants = tenantId
    ? [tenantId]
    : ((await db.execute(sql`SELECT id::text AS id FROM tenants`)).rows as { id: string }[]).map((x) => x.id);
  let months = 0;
  for (const id of tenants) months += await refreshTenant(db, r, id);
  return months;
}

async function refreshTenant(db: Db, r: MonthRollup, tenantId: string): Promise<number> {
  const state = sql.identifier(r.stateTable);
  const rollup = sql.identifier(r.rollupTable);
  return db.transaction(async (tx) => {
    // one refresh of a tenant at a time: the state row is the lock
    await tx.execute(sql`INSERT INTO ${state} (tenant_id, watermark, refreshed_at, time_zone)
      VALUES (${tenantId}, '-infinity', '-infinity', '') ON CONFLICT (tenant_id) DO NOTHING`);
    const [now] = (
      await tx.execute(sql`SELECT s.watermark, s.time_zone, t.timezone AS zone, clock_timestamp() AS started
        FROM ${state} s JOIN tenants t ON t.id = s.tenant_id WHERE s.tenant_id = ${tenantId} FOR UPDATE OF s`)
    ).rows as { watermark: string; time_zone: string; zone: string; started: string }[];
    if (!now) return 0;
    const zone = now.zone;
    const rebuild = now.time_zone !== zone;
    const since = sql`${now.watermark}::timestamptz - ${OVERLAP}`;
    const monthOf = (at: SQL) =>
      r.calendarDays
        ? sql`date_trunc('month', ${at}::timestamp)::date`
        : sql`date_trunc('month', ${at} AT TIME ZONE ${zone})::date`;
    const at = sql`x.${sql.identifier(r.instant)}`;
    const written = sql`SELECT ${monthOf(at)} AS m FROM ${sql.identifier(r.sourceTable)} x
      WHERE x.tenant_id = ${tenantId} ${rebuild ? sql`` : sql`AND x.updated_at >= ${since}`}`;
    // on a rebuild too: a second source's months are only there
    const touched = r.moved
      ? sql`${written} UNION SELECT ${monthOf(sql`mv.at`)} FROM (${r.moved(tenantId, since)}) mv`
      : written;
    const months = (
      (await tx.execute(sql`SELECT DISTINCT m::text AS m FROM (${touched}) x WHERE m IS NOT NULL`)).rows as {
        m: string;
      }[]
    ).map((x) => x.m);
    const list = sql`${`{${months.join(',')}}`}::date[]`;
    if (rebuild) await tx.execute(sql`DELETE FROM ${rollup} WHERE tenant_id = ${tenantId}`);
    else if (months.length)
      await tx.execute(sql`DELETE FROM ${rollup} WHERE tenant_id = ${tenantId} AND month = ANY(${list})`);
    if (months.length) await tx.execute(r.aggregate(tenantId, list, zone));
    if (r.forgetMoves) await tx.execute(r.forgetMoves(tenantId, since));
    await tx.execute(sql`UPDATE ${state} SET watermark = ${now.started}::timestamptz,
        refreshed_at = ${now.started}::timestamptz, time_zone = ${zone} WHERE tenant_id = ${tenantId}`);
    return months.length;
  });
}

/** When the tenant's rollup was last refreshed with months in `zone` (null: never, or in another zone). */
export async function monthRollupRefreshedAt(
  db: Db,
  stateTable: string,
  tenantId: string,
  zone: string,
): Promise<Date | null> {
  const [row] = (
    await db.execute(sql`SELECT refreshed_at FROM ${sql.identifier(stateTable)}
      WHERE tenant_id = ${tenantId} AND time_zone = ${zone} AND refreshed_at > '-infinity'`)
  ).rows as { refreshed_at: string | Date }[];
  return row ? new Date(row.refreshed_at) : null;
}
