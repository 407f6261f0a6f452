import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Caller } from '../../../platform/caller.ts';
import { todayIn } from '../../../platform/dates.ts';
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
  if (!rollup || !period || r.dimension2) return null;
  if (!rollup.dimensions.includes(r.dimension.key)) return null;
  if (r.filterValues.some((f) => !rollup.filters.includes(f.key))) return null;
  if (r.measures.some((m) => !rollup.measures[m.key])) return null;
  const first = period.from.endsWith('-01') ? period.from : shiftMonth(monthStart(period.from), 1);
  let last =
    lastDay(monthStart(period.to)) <= period.to
      ? monthStart(period.to)
      : shiftMonth(monthStart(period.to), -1);
  if (last < first) return null;
  const asOf = await rollup.refreshedAt(db, c.p.tenantId, c.timeZone);
  if (!asOf) return null;
  const refreshedDay = todayIn(c.timeZone, asOf);
  while (last >= first && lastDay(last) >= refreshedDay) last = shiftMonth(last, -1);
  if (last < first) return null;
  const live: Period[] = [];
  if (period.from < first) live.push({ from: period.from, to: dayBefore(first) });
  const after = shiftMonth(last, 1);
  if (after <= period.to) live.push({ from: after, to: period.to });
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
  } ${fromRows(rollup.source(c.p, sql`${read.fromMonth}::date`, sql`${read.toMonth}::date`), r)} GROUP BY 1`;
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
