import type { Permission, ReportQuery } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import { fieldAccess } from '../../../platform/access.ts';
import { can, type Principal } from '../../../platform/auth/principal.ts';
import type { Caller } from '../../../platform/caller.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import type { Dimension, Measure, ReportDefinition } from './definition.ts';
import { NONE } from './labels.ts';
import { comparePeriod, type Period, resolvePeriod } from './period.ts';

// A report's query resolved against its definition, and the SQL pieces every answer is built of.

/** The 其他 row's cell: no drill-down (it is everything outside the top-N). */
export const OTHERS = '__others__';

/** Whether the caller may run the report: `reports:<code>` and the source module's view. */
export const mayRun = (p: Principal, d: ReportDefinition) =>
  can(p, `reports:${d.code}` as Permission) && d.requires.every((perm) => can(p, perm));

/** The measures the caller may see (a field rule hiding cost hides the margin built on it). */
export const visibleMeasures = (p: Principal, d: ReportDefinition) =>
  d.measures.filter((m) => !m.field || fieldAccess(p, m.field.module, m.field.field) !== 'hidden');

export type Resolved = {
  d: ReportDefinition;
  dimension: Dimension;
  measures: Measure[];
  period: Period | null;
  compare: Period | null;
  filters: SQL[];
  filterValues: { key: string; value: string }[];
  top: number;
  /** A pivot's second dimension (`groupBy2`), when the report allows one. */
  dimension2: Dimension | null;
};

/** The query checked against the definition: the dimension, the period, the filters (400 on a bad one). */
export function resolve(c: Caller, report: ReportDefinition, q: ReportQuery): Resolved {
  if (!mayRun(c.p, report)) throw notFound();
  const d = atGrain(report, q);
  const groupBy = q.groupBy ?? d.defaultGroupBy;
  const dimension = d.dimensions.find((x) => x.key === groupBy);
  if (!dimension) throw invalid('groupBy', `one of ${d.dimensions.map((x) => x.key).join(', ')}`);
  let dimension2: Dimension | null = null;
  if (q.groupBy2) {
    dimension2 = d.pivot ? (d.dimensions.find((x) => x.key === q.groupBy2) ?? null) : null;
    if (!dimension2 || dimension2 === dimension)
      throw invalid(
        'groupBy2',
        d.pivot ? 'another dimension of the report' : 'this report has no second dimension',
      );
  }
  const period = d.timed ? resolvePeriod(q.range ?? d.defaultRange, q, c.timeZone) : null;
  if (q.compare && !period) throw invalid('compare', 'a comparison needs a period');
  if (q.compare && dimension2) throw invalid('compare', 'a pivot has no comparison');
  const filters: SQL[] = [];
  const filterValues: { key: string; value: string }[] = [];
  for (const f of d.filters) {
    const asked = q[f.key];
    // a filter with a default applies when the query names none (大客户: 100,000 unless `min` says)
    const value = typeof asked === 'string' && asked !== '' ? asked : f.default;
    if (value === undefined) continue;
    filters.push(f.where(value));
    filterValues.push({ key: f.key, value });
  }
  return {
    d,
    dimension,
    measures: visibleMeasures(c.p, d),
    period,
    compare: period && q.compare ? comparePeriod(period, q.compare) : null,
    filters,
    filterValues,
    top: q.top ?? d.defaultTop,
    dimension2,
  };
}

/**
 * The definition at the grain the query needs: its finer one (`finer`) when the query groups or
 * filters by a key only that grain has, else itself.
 */
function atGrain(d: ReportDefinition, q: ReportQuery): ReportDefinition {
  const finer = d.finer;
  if (!finer) return d;
  const given = d.filters.filter((f) => (typeof q[f.key] === 'string' && q[f.key] !== '') || f.default);
  const asked = [q.groupBy ?? d.defaultGroupBy, q.groupBy2, ...given.map((f) => f.key)];
  if (!asked.some((k) => k !== undefined && finer.keys.includes(k))) return d;
  const { finer: _, rollup: __, ...rest } = d;
  return { ...rest, source: finer.source, measures: finer.measures, drill: finer.drill };
}

/** The source within the period and filters, aliased `f`, as a FROM clause. */
export function fromSource(c: Caller, r: Resolved, period: Period | null): SQL {
  return fromRows(r.d.source({ p: c.p, ...edges(period, c.timeZone) }), r);
}

/** Rows (the source, or its rollup) aliased `f` within the report's filters, as a FROM clause. */
export function fromRows(rows: SQL, r: Resolved): SQL {
  const where = r.filters.length ? sql.join(r.filters, sql` AND `) : sql`TRUE`;
  return sql`FROM (${rows}) f WHERE ${where}`;
}

/** The period's bounds as instants: the first day's midnight and the midnight after the last, in the zone. */
const edges = (period: Period | null, timeZone: string) =>
  period
    ? {
        from: sql`(${period.from}::date::timestamp AT TIME ZONE ${timeZone})`,
        to: sql`((${period.to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`,
      }
    : { from: null, to: null };

export const measureColumns = (ms: Measure[]) =>
  sql.join(
    ms.map((m, i) => sql`${m.agg} AS ${sql.identifier(`m${i}`)}`),
    sql`, `,
  );

/** A measure's value as the answer writes it: counts as numbers, money as exact strings. */
export const measureValue = (m: Measure, v: string | null | undefined) =>
  m.format === 'money'
    ? (v ?? '0.00')
    : m.format === 'count'
      ? Number(v ?? 0)
      : Math.round(Number(v ?? 0) * 100) / 100;

/** The typed value of a cell for its dimension (a bad one is 400 on `cell`). */
export function cellValue(dimension: Dimension, cell: string): SQL {
  if (cell === NONE) return sql`(${dimension.expr}) IS NULL`;
  const bad = () => invalid('cell', 'not a group of this report');
  switch (dimension.sqlType) {
    case 'uuid':
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(cell)) throw bad();
      return sql`(${dimension.expr}) = ${cell}::uuid`;
    case 'int':
      if (!/^-?\d{1,9}$/.test(cell)) throw bad();
      return sql`(${dimension.expr}) = ${Number(cell)}`;
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(cell)) throw bad();
      return sql`(${dimension.expr}) = ${cell}::date`;
    default:
      return sql`(${dimension.expr})::text = ${cell}`;
  }
}
