import type { Locale, ReportQuery, ReportResult } from '@guanxi/contract';
import type { Db } from '../../../db/client.ts';
import { writeAudit } from '../../../platform/audit.ts';
import type { Caller } from '../../../platform/caller.ts';
import type { TableSource } from '../../../platform/table-file.ts';
import type { ReportDefinition } from './definition.ts';
import { filterLabels } from './labels.ts';
import { runReport } from './run.ts';

const words = {
  'zh-CN': {
    period: '期间',
    all: '全部时间',
    compare: '对比',
    filters: '筛选',
    total: '合计',
    asOf: '数据时间',
  },
  'en-US': {
    period: 'Period',
    all: 'All time',
    compare: 'Compared with',
    filters: 'Filters',
    total: 'Total',
    asOf: 'As of',
  },
} as const;

/** Money stays exact in the file (a string as the answer gives it is written as a number cell). */
const cell = (v: string | number | null | undefined) =>
  typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : (v ?? '');

/**
 * The report as an XLSX sheet: its name, the period, comparison and filters it was run with (named,
 * not ids),
 * then the chart's table (the same rows and totals as on screen); audited once written.
 */
export function reportFile(
  db: Db,
  c: Caller,
  d: ReportDefinition,
  q: ReportQuery,
  locale: Locale,
): TableSource {
  const w = words[locale];
  let result: ReportResult | undefined;
  async function* blocks() {
    result = await runReport(db, c, d, q, locale);
    const r = result;
    const filters = await filterLabels(db, c.p.tenantId, d, q, locale);
    const head: unknown[][] = [
      [r.name],
      [w.period, r.period ? `${r.period.from} ~ ${r.period.to}` : w.all],
      ...(r.comparePeriod ? [[w.compare, `${r.comparePeriod.from} ~ ${r.comparePeriod.to}`]] : []),
      ...(filters.length ? [[w.filters, filters.join('; ')]] : []),
      [w.asOf, r.freshness.asOf],
      [],
      r.columns.map((col) => col.name),
    ];
    const rows = r.rows.map((row) => r.columns.map((col) => cell(row[col.key])));
    const totals = r.columns.map((col, i) => (i === 0 ? w.total : cell(r.totals[col.key])));
    yield [...head, ...rows, totals];
  }
  return {
    sheet: d.name[locale],
    blocks: blocks(),
    finish: () =>
      writeAudit(db, c.actor, { action: 'export', entity: 'reports', summary: `${d.name['zh-CN']}` }),
  };
}
