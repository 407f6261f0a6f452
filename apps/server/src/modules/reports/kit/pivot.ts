import {
  type Locale,
  type ReportColumn,
  type ReportResult,
  type ReportRow,
  sumMoney,
} from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Caller } from '../../../platform/caller.ts';
import type { Dimension } from './definition.ts';
import { labelsOf, NONE } from './labels.ts';
import { fromSource, measureValue, OTHERS, type Resolved } from './query.ts';

/** Joins a pivot cell's row and column keys (`drill?cell=<row>||<column>`). */
export const PIVOT_SEPARATOR = '||';

/** Columns of a pivot before the rest is summed as 其他 (more would not read on any screen). */
const COLUMNS_MAX = 12;

/** Ranks one dimension's groups: by key for months and stages, else by the measure, largest first. */
const rankOf = (dim: Dimension, key: string) =>
  dim.order === 'key'
    ? sql`row_number() OVER (ORDER BY ${sql.identifier(key)} NULLS LAST)`
    : sql`row_number() OVER (ORDER BY sum(m) DESC NULLS LAST, ${sql.identifier(key)})`;

/**
 * 销售分析 as a pivot: the first measure over two dimensions, rows × columns — the top-N rows and
 * the top columns by their totals, the rest of each summed as 其他 — in one statement, with the
 * row totals, the column totals and the grand total.
 */
export async function runPivot(
  db: Db,
  c: Caller,
  r: Resolved,
  dim2: Dimension,
  locale: Locale,
): Promise<ReportResult> {
  const measure = r.measures.find((m) => m.shown !== false) ?? r.measures[0];
  const keep = (dim: Dimension, n: number) => (dim.order === 'key' ? Math.max(n, 24) : n);
  const result = await db.execute(sql`
    WITH g AS (
      SELECT coalesce((${r.dimension.expr})::text, ${NONE}) AS k, coalesce((${dim2.expr})::text, ${NONE}) AS k2,
        ${measure.agg} AS m
      ${fromSource(c, r, r.period)} GROUP BY 1, 2),
    rows AS (SELECT k, ${rankOf(r.dimension, 'k')} AS rn FROM g GROUP BY k),
    cols AS (SELECT k2, ${rankOf(dim2, 'k2')} AS rn FROM g GROUP BY k2)
    SELECT CASE WHEN rows.rn <= ${keep(r.dimension, r.top)} THEN g.k ELSE ${OTHERS} END AS k,
      CASE WHEN cols.rn <= ${keep(dim2, COLUMNS_MAX)} THEN g.k2 ELSE ${OTHERS} END AS k2,
      min(rows.rn) AS rn, min(cols.rn) AS cn, sum(g.m)::text AS m
    FROM g JOIN rows ON rows.k = g.k JOIN cols ON cols.k2 = g.k2
    GROUP BY 1, 2`);
  const cells = result.rows as { k: string; k2: string; rn: string; cn: string; m: string }[];
  const order = (key: 'k' | 'k2', rank: 'rn' | 'cn') =>
    [...new Map(cells.map((x) => [x[key], Number(x[rank])])).entries()]
      // 其他 last, whatever its members' ranks
      .sort((a, b) => (a[0] === OTHERS ? 1 : 0) - (b[0] === OTHERS ? 1 : 0) || a[1] - b[1])
      .map(([k]) => k);
  const rowKeys = order('k', 'rn');
  const colKeys = order('k2', 'cn');
  const others = locale === 'zh-CN' ? '其他' : 'Others';
  const [rowLabels, colLabels] = await Promise.all([
    labelsOf(db, c.p.tenantId, r.dimension.label, rowKeys, locale),
    labelsOf(db, c.p.tenantId, dim2.label, colKeys, locale),
  ]);
  const label = (labels: Map<string, string>, k: string) => (k === OTHERS ? others : (labels.get(k) ?? k));

  // money adds exactly (cents as BigInt), counts as numbers
  const add = (a: number | string, b: number | string) =>
    measure.format === 'money'
      ? sumMoney([String(a), String(b)])
      : Math.round((Number(a) + Number(b)) * 100) / 100;
  const zero = measureValue(measure, null);
  const at = new Map(cells.map((x) => [`${x.k}\u0000${x.k2}`, measureValue(measure, x.m)]));
  const colKey = (k2: string) => `c:${k2}`;
  const totals: ReportRow = { total: zero };
  for (const k2 of colKeys) totals[colKey(k2)] = zero;
  const rows: ReportRow[] = rowKeys.map((k) => {
    const row: ReportRow = { cell: k, [r.dimension.key]: label(rowLabels, k), total: zero };
    for (const k2 of colKeys) {
      const v = at.get(`${k}\u0000${k2}`) ?? zero;
      row[colKey(k2)] = v;
      row.total = add(row.total as number | string, v);
      totals[colKey(k2)] = add(totals[colKey(k2)] as number | string, v);
      totals.total = add(totals.total as number | string, v);
    }
    return row;
  });
  const columns: ReportColumn[] = [
    { key: r.dimension.key, name: r.dimension.name[locale], kind: 'dimension' },
    ...colKeys.map((k2) => ({
      key: colKey(k2),
      name: label(colLabels, k2),
      kind: 'measure' as const,
      format: measure.format,
    })),
    {
      key: 'total',
      name: `${measure.name[locale]}${locale === 'zh-CN' ? '合计' : ' total'}`,
      kind: 'measure',
      format: measure.format,
    },
  ];
  return {
    code: r.d.code,
    name: r.d.name[locale],
    period: r.period,
    comparePeriod: null,
    groupBy: r.dimension.key,
    columns,
    rows,
    totals,
    chart: { type: 'bar', dimension: r.dimension.key, measures: colKeys.map(colKey) },
    freshness: { asOf: new Date().toISOString(), live: true },
  };
}
