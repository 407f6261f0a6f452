import type {
  ListResponse,
  Locale,
  ReportColumn,
  ReportDrillQuery,
  ReportDrillRow,
  ReportQuery,
  ReportResult,
  ReportRow,
} from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Caller } from '../../../platform/caller.ts';
import { invalid } from '../../../platform/errors.ts';
import { listPage } from '../../../platform/pagination.ts';
import type { Measure, ReportDefinition } from './definition.ts';
import { labelSql, labelsFromRows, labelsOf, NONE } from './labels.ts';
import type { Period } from './period.ts';
import { PIVOT_SEPARATOR, runPivot } from './pivot.ts';
import {
  cellValue,
  fromSource,
  measureColumns,
  measureValue,
  OTHERS,
  type Resolved,
  resolve,
} from './query.ts';
import { rollupGroups, rollupRead } from './rollup.ts';

/**
 * One statement: the groups, ranked (the first measure, largest first — or in key order), the
 * top-N as rows (with their names in `locale`, when given and SQL names them), the rest summed
 * as 其他, and the totals over every group.
 */
async function grouped(db: Db, c: Caller, r: Resolved, period: Period | null, locale: Locale | null) {
  const named = (key: SQL) => (locale && labelSql(r.dimension.label, c.p.tenantId, key, locale)) || sql`NULL`;
  const read = await rollupRead(db, c, r, period);
  const ms = r.measures;
  const m = (i: number) => sql.identifier(`m${i}`);
  const sums = ms.length
    ? sql.join(
        ms.map((_, i) => sql`sum(${m(i)})::text AS ${m(i)}`),
        sql`, `,
      )
    : sql`NULL`;
  const plain = ms.length
    ? sql.join(
        ms.map((_, i) => sql`${m(i)}::text AS ${m(i)}`),
        sql`, `,
      )
    : sql`NULL`;
  const rank =
    r.dimension.order === 'key' || !ms.length
      ? sql`row_number() OVER (ORDER BY k NULLS LAST)`
      : sql`row_number() OVER (ORDER BY ${m(0)} DESC NULLS LAST, k NULLS LAST)`;
  const keep = r.dimension.order === 'key' ? sql`TRUE` : sql`rn <= ${r.top}`;
  // grouped by the key as it is (a uuid, a date), made text once per group: not once per record
  const groups = read
    ? rollupGroups(c, r, read)
    : sql`SELECT k::text AS k${sql.join(
        ms.map((_, i) => sql`, ${m(i)}`),
        sql``,
      )} FROM (SELECT (${r.dimension.expr}) AS k, ${measureColumns(ms)} ${fromSource(c, r, period)} GROUP BY 1) g0`;
  if (r.dimension.order !== 'key' && ms.length) {
    // ranked by the first measure: the top-N found without sorting every group (a customer report has
    // hundreds of thousands), 其他 = the totals less the top-N's (every measure adds up across groups)
    const order = sql`${m(0)} DESC NULLS LAST, k NULLS LAST`;
    const rest = sql.join(
      ms.map((_, i) => sql`(t.${m(i)} - coalesce(top.${m(i)}, 0))::text AS ${m(i)}`),
      sql`, `,
    );
    const totals = sql.join(
      ms.map((_, i) => sql`sum(${m(i)}) AS ${m(i)}`),
      sql`, `,
    );
    const ranked = await db.execute(sql`
      WITH g AS MATERIALIZED (${groups}),
      top AS (SELECT g.*, ${rank} AS rn FROM (SELECT * FROM g ORDER BY ${order} LIMIT ${r.top}) g),
      t AS (SELECT count(*) AS n, ${totals} FROM g)
      SELECT 'row' AS kind, k, rn, ${plain}, ${named(sql`top.k`)} AS label FROM top
      UNION ALL SELECT 'others', NULL, NULL, ${rest}, NULL
        FROM t, (SELECT count(*) AS n, ${totals} FROM top) top WHERE t.n > top.n
      UNION ALL SELECT 'total', NULL, NULL, ${plain}, NULL FROM t
      ORDER BY 1 DESC, 3`);
    return { rows: ranked.rows as Record<string, string | null>[], asOf: read?.asOf ?? null };
  }
  const result = await db.execute(sql`
    WITH g AS (${groups}),
    ranked AS (SELECT g.*, ${rank} AS rn FROM g)
    SELECT 'row' AS kind, k, rn, ${plain}, ${named(sql`ranked.k`)} AS label FROM ranked WHERE ${keep}
    UNION ALL SELECT 'others', NULL, NULL, ${sums}, NULL FROM ranked WHERE NOT (${keep}) HAVING count(*) > 0
    UNION ALL SELECT 'total', NULL, NULL, ${sums}, NULL FROM ranked
    ORDER BY 1 DESC, 3`);
  return { rows: result.rows as Record<string, string | null>[], asOf: read?.asOf ?? null };
}

/** Shares of counts and money add up to 100 %; a percent or a figure kept for a derived one has none. */
const hasShare = (m: Measure) => m.share !== false && (m.format === 'count' || m.format === 'money');

/** A derived figure to 2 decimals (money stays the exact string it was computed as). */
const rounded = (v: number | string | null) =>
  v === null || typeof v === 'string' || !Number.isFinite(v)
    ? typeof v === 'string'
      ? v
      : null
    : Math.round(v * 100) / 100;

/** What the chart draws: the definition's choice among what the caller may see, else the first measure shown. */
function chartMeasures(d: ReportDefinition, visible: Measure[]) {
  const shown = [
    ...visible.filter((m) => m.shown !== false).map((m) => m.key),
    ...(d.derived ?? []).map((x) => x.key),
  ];
  const chosen = (d.chartMeasures ?? []).filter((k) => shown.includes(k));
  return chosen.length ? chosen : shown.slice(0, 1);
}

const share = (v: string | number, total: string | number) =>
  Number(total) ? Math.round((Number(v) / Number(total)) * 10_000) / 100 : null;

/** Refuses what the report would refuse (404 not runnable, 400 bad query) without running it. */
export function checkReport(c: Caller, d: ReportDefinition, q: ReportQuery) {
  resolve(c, d, q);
}

/** The report for the caller: only their scope, only the measures they may see. */
export async function runReport(
  db: Db,
  c: Caller,
  d: ReportDefinition,
  q: ReportQuery,
  locale: Locale,
): Promise<ReportResult> {
  const r = resolve(c, d, q);
  if (r.dimension2) return runPivot(db, c, r, r.dimension2, locale);
  // the groups named in their own statement where SQL names them (the comparison needs no names)
  const inline = labelSql(r.dimension.label, c.p.tenantId, sql`k`, locale) !== null;
  const main = await grouped(db, c, r, r.period, locale);
  const before = r.compare ? await grouped(db, c, r, r.compare, null) : null;
  const rows = main.rows;
  const compared = before?.rows ?? [];
  // a figure read from a rollup is as of its refresh (the oldest, when both periods used one)
  const asOf = [main.asOf, before?.asOf].filter((x): x is Date => !!x).sort((a, b) => +a - +b)[0];
  const groups = rows.filter((x) => x.kind === 'row');
  const labels = inline
    ? labelsFromRows(groups, locale)
    : await labelsOf(
        db,
        c.p.tenantId,
        r.dimension.label,
        groups.map((x) => x.k),
        locale,
      );
  const totalRow = rows.find((x) => x.kind === 'total') ?? {};
  const compareByKey = new Map(compared.filter((x) => x.kind === 'row').map((x) => [x.k ?? NONE, x]));
  const compareTotal = compared.find((x) => x.kind === 'total');
  const dim = r.dimension.key;

  const derived = r.d.derived ?? [];
  const line = (src: Record<string, string | null>, cell: string | null, label: string): ReportRow => {
    const out: ReportRow = { cell, [dim]: label };
    const values: Record<string, string | number> = {};
    r.measures.forEach((m, i) => {
      const v = measureValue(m, src[`m${i}`]);
      values[m.key] = v;
      if (m.shown === false) return;
      out[m.key] = v;
      if (hasShare(m)) out[`${m.key}Share`] = share(v, measureValue(m, totalRow[`m${i}`]));
      if (r.compare) {
        const before = cell === OTHERS || cell === null ? undefined : compareByKey.get(cell);
        out[`${m.key}Compare`] = before
          ? measureValue(m, before[`m${i}`])
          : cell === OTHERS
            ? null
            : measureValue(m, null);
      }
    });
    for (const x of derived) out[x.key] = rounded(x.compute(values));
    return out;
  };
  const out: ReportRow[] = groups.map((g) => line(g, g.k ?? NONE, labels.get(g.k ?? NONE) ?? g.k ?? ''));
  const others = rows.find((x) => x.kind === 'others');
  if (others) out.push(line(others, OTHERS, locale === 'zh-CN' ? '其他' : 'Others'));
  const totals: ReportRow = {};
  const totalValues: Record<string, string | number> = {};
  r.measures.forEach((m, i) => {
    totalValues[m.key] = measureValue(m, totalRow[`m${i}`]);
    if (m.shown === false) return;
    totals[m.key] = totalValues[m.key];
    if (compareTotal) totals[`${m.key}Compare`] = measureValue(m, compareTotal[`m${i}`]);
  });
  for (const x of derived) totals[x.key] = rounded(x.compute(totalValues));

  const columns: ReportColumn[] = [{ key: dim, name: r.dimension.name[locale], kind: 'dimension' }];
  for (const m of r.measures) {
    if (m.shown === false) continue;
    columns.push({ key: m.key, name: m.name[locale], kind: 'measure', format: m.format });
    if (hasShare(m))
      columns.push({
        key: `${m.key}Share`,
        name: locale === 'zh-CN' ? '占比 %' : 'Share %',
        kind: 'share',
        format: 'percent',
      });
    if (r.compare)
      columns.push({
        key: `${m.key}Compare`,
        name: `${m.name[locale]}（${compareWord(q.compare!, locale)}）`,
        kind: 'compare',
        format: m.format,
      });
  }
  for (const x of derived)
    columns.push({ key: x.key, name: x.name[locale], kind: 'measure', format: x.format });
  return {
    code: d.code,
    name: d.name[locale],
    period: r.period,
    comparePeriod: r.compare,
    groupBy: dim,
    columns,
    rows: out,
    totals,
    chart: { type: d.chart, dimension: dim, measures: chartMeasures(r.d, r.measures) },
    freshness: asOf
      ? { asOf: asOf.toISOString(), live: false }
      : { asOf: new Date().toISOString(), live: true },
  };
}

const compareWord = (compare: 'previous' | 'lastYear', locale: Locale) =>
  compare === 'previous'
    ? locale === 'zh-CN'
      ? '上期'
      : 'previous period'
    : locale === 'zh-CN'
      ? '去年同期'
      : 'same period last year';

/**
 * The records behind one cell, in the list shape: exactly the rows the cell counted (the same
 * source, period, filters and group), each with what it contributes to the measures.
 */
export async function drillReport(
  db: Db,
  c: Caller,
  d: ReportDefinition,
  q: ReportDrillQuery,
): Promise<ListResponse<ReportDrillRow>> {
  const r = resolve(c, d, q);
  // a pivot's cell is `<row key>||<column key>`; a row alone is its first dimension's group
  const [cell, cell2] = q.cell.split(PIVOT_SEPARATOR);
  if (cell === OTHERS || cell2 === OTHERS)
    throw invalid('cell', 'the others row has no drill-down; group by less');
  if (cell2 !== undefined && !r.dimension2) throw invalid('cell', 'not a group of this report');
  const where = sql`${cellValue(r.dimension, cell)}${cell2 !== undefined && r.dimension2 ? sql` AND ${cellValue(r.dimension2, cell2)}` : sql``}`;
  const values = r.measures.length
    ? sql.join(
        r.measures.map((m, i) => sql`(${m.perRecord})::text AS ${sql.identifier(`m${i}`)}`),
        sql`, `,
      )
    : sql`NULL`;
  return listPage(
    db,
    { page: q.page, pageSize: q.pageSize },
    {
      columns: sql`(${r.d.drill.id})::text AS id, (${r.d.drill.title})::text AS title,
        ${r.d.drill.subtitle ? sql`(${r.d.drill.subtitle})::text` : sql`NULL`} AS subtitle, ${values}`,
      from: sql`${fromSource(c, r, r.period)} AND ${where}`,
      orderBy: r.d.drill.orderBy,
      exact: true,
    },
    (row) => {
      const out: ReportRow = {};
      r.measures.forEach((m, i) => {
        out[m.key] = measureValue(m, row[`m${i}`] as string | null);
      });
      return {
        id: String(row.id),
        title: String(row.title ?? ''),
        subtitle: (row.subtitle as string | null) ?? null,
        values: out,
        link: r.d.drill.link(String(row.id)),
      };
    },
  );
}
