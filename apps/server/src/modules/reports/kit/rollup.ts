import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Caller } from '../../../platform/caller.ts';
import { todayIn } from '../../../platform/dates.ts';
import type { RollupWants } from './definition.ts';
import type { Period } from './period.ts';
import { fromRows, fromSource, measureColumns, type Resolved } from './query.ts';

/**
 * How a period is read when the report's rollup can answer it: the whole months from the rollup
 * (as of its last refresh), the days around them live from the source.
 */
export type RollupRead = { fromMonth: string; toMonth: string; live: Period[]; asOf: Date };

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const text = (d: Date) => d.toISOString().slice(0, 10);
const monthStart = (s: string) => `${s.slice(0, 7)}-01`;
const shiftMonth = (m: string, n: number) => {
  const d = day(m);
  return text(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)));
};
const lastDay = (m: string) => text(new Date(day(shiftMonth(m, 1)).getTime() - 86_400_000));
const dayBefore = (s: string) => text(new Date(day(s).getTime() - 86_400_000));

/**
 * A report over all time (range 全部), as the rollup reads it: from before any record to after any
 * (a future-dated record is counted live, as the source would).
 */
const ALL_TIME: Period = { from: '1000-01-01', to: '9999-11-30' };

/** What a rollup is asked for: the grouping and the filters applied. */
const rollupWants = (r: Resolved): RollupWants => ({
  dimension: r.dimension.key,
  filters: r.filterValues.map((f) => f.key),
});

/**
 * Whether (and how) the rollup answers the period: the report declares one, groups by a dimension
 * it carries, applies only filters it carries, shows only measures it sums, the rollup's months
 * are in the caller's zone, and at least one whole month of the period ended before the day of the
 * last refresh (so "today" and this month are always live). Null: read the source.
 */
export async function rollupRead(
  db: Db,
  c: Caller,
  r: Resolved,
  period: Period | null,
): Promise<RollupRead | null> {
  const rollup = r.d.rollup;
  if (!rollup || r.dimension2) return null;
  if (!rollup.dimensions.includes(r.dimension.key)) return null;
  if (r.filterValues.some((f) => !rollup.filters.includes(f.key))) return null;
  if (r.measures.some((m) => !rollup.measures[m.key])) return null;
  if (rollup.answers && !rollup.answers(c.p, rollupWants(r))) return null;
  // all time (全部): every month the rollup has, and whatever is dated after them live
  const within = period ?? ALL_TIME;
  const first = within.from.endsWith('-01') ? within.from : shiftMonth(monthStart(within.from), 1);
  let last =
    lastDay(monthStart(within.to)) <= within.to
      ? monthStart(within.to)
      : shiftMonth(monthStart(within.to), -1);
  if (last < first) return null;
  const asOf = await rollup.refreshedAt(db, c.p.tenantId, c.timeZone);
  if (!asOf) return null;
  // only months that had ended by the day of the refresh
  const lastEnded = shiftMonth(monthStart(todayIn(c.timeZone, asOf)), -1);
  if (last > lastEnded) last = lastEnded;
  if (last < first) return null;
  const live: Period[] = [];
  if (within.from < first) live.push({ from: within.from, to: dayBefore(first) });
  const after = shiftMonth(last, 1);
  if (after <= within.to) live.push({ from: after, to: within.to });
  return { fromMonth: first, toMonth: last, live, asOf };
}

/**
 * The groups `(k, m0, m1 …)` of a period read through the rollup: the rollup's whole months and
 * the live edges, each grouped, summed per group (every measure adds up across groups and parts).
 */
export function rollupGroups(c: Caller, r: Resolved, read: RollupRead): SQL {
  const rollup = r.d.rollup!;
  const ms = r.measures;
  const m = (i: number) => sql.identifier(`m${i}`);
  const fromRollup = sql`SELECT (${r.dimension.expr})::text AS k, ${
    ms.length
      ? sql.join(
          ms.map((x, i) => sql`${rollup.measures[x.key]} AS ${m(i)}`),
          sql`, `,
        )
      : sql`NULL`
  } ${fromRows(rollup.source(c.p, sql`${read.fromMonth}::date`, sql`${read.toMonth}::date`, rollupWants(r)), r)} GROUP BY 1`;
  const live = read.live.map(
    (p) =>
      sql`SELECT (${r.dimension.expr})::text AS k, ${ms.length ? measureColumns(ms) : sql`NULL`} ${fromSource(c, r, p)} GROUP BY 1`,
  );
  const sums = ms.length
    ? sql.join(
        ms.map((_, i) => sql`sum(${m(i)}) AS ${m(i)}`),
        sql`, `,
      )
    : sql`NULL`;
  return sql`SELECT k, ${sums} FROM (${sql.join([fromRollup, ...live], sql` UNION ALL `)}) parts GROUP BY k`;
}
