import { z } from 'zod';
import { calendarDate, listQuery } from './common.ts';
import { dictionaryType } from './dictionaries.ts';
import { reportCodes } from './report-codes.ts';

export { reportCodes };

/**
 * 统计分析: every report is one definition on the server (its measures, dimensions, filters,
 * chart and drill-down) run by one framework. These are the shapes of the catalogue, a report's
 * query and its answer.
 */

export const reportCode = z.enum(reportCodes);
export type ReportCode = z.infer<typeof reportCode>;

/** Named periods, in the tenant's time zone; `custom` takes from/to; `all` is no time limit. */
export const reportRanges = [
  'today',
  'thisWeek',
  'thisMonth',
  'thisQuarter',
  'thisYear',
  'last7Days',
  'last30Days',
  'last90Days',
  'lastWeek',
  'lastMonth',
  'lastQuarter',
  'lastYear',
  'custom',
  'all',
] as const;
export const reportRange = z.enum(reportRanges);
export type ReportRange = z.infer<typeof reportRange>;

/** A second column per measure: the previous period of the same length, or the same period a year before. */
export const reportCompare = z.enum(['previous', 'lastYear']);
export type ReportCompare = z.infer<typeof reportCompare>;

export const reportChartTypes = ['bar', 'line', 'pie', 'funnel', 'table'] as const;
export const reportChartType = z.enum(reportChartTypes);
export type ReportChartType = z.infer<typeof reportChartType>;

/**
 * How a measure's values are written: counts as numbers, money as exact decimal strings, a
 * percent as a number of percent (2 decimals), `number` a decimal figure such as hours (2 decimals).
 */
export const reportFormat = z.enum(['count', 'money', 'percent', 'number']);
export type ReportFormat = z.infer<typeof reportFormat>;

/** Rows kept before the rest is summed into one 其他 / Others row. */
export const REPORT_TOP_MAX = 500;

/**
 * The query every report takes (its own filters come beside these, as further parameters):
 * the period (a named range, or `custom` with from/to — `to` inclusive), an optional comparison,
 * the dimension to group by (the report's default when absent) and top-N.
 */
export const reportQuery = z
  .object({
    range: reportRange.optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    compare: reportCompare.optional(),
    groupBy: z.string().max(40).optional(),
    /** A second dimension (pivot reports): rows × columns. */
    groupBy2: z.string().max(40).optional(),
    top: z.coerce.number().int().min(1).max(REPORT_TOP_MAX).optional(),
  })
  .catchall(z.string().max(200));
export type ReportQuery = z.infer<typeof reportQuery>;

/** `drill` names the cell: the group's key as the answer's row gave it (`cell`), the rest as the report. */
export const reportDrillQuery = reportQuery.extend({
  ...listQuery.pick({ page: true, pageSize: true }).shape,
  cell: z.string().max(400),
});
export type ReportDrillQuery = z.infer<typeof reportDrillQuery>;

const named = z.object({ key: z.string(), name: z.string() });

/** One report of GET /reports: what it groups by, measures and filters on. */
export const reportCatalogEntry = z.object({
  code: reportCode,
  name: z.string(),
  dimensions: z.array(
    named.extend({
      /** A finer level a row opens: the row's key as `filter`, grouped by `groupBy` (省 → 市 → 区县). */
      next: z.object({ groupBy: z.string(), filter: z.string() }).optional(),
    }),
  ),
  measures: z.array(named.extend({ format: reportFormat })),
  filters: z.array(
    named.extend({
      /** `customer` / `product`: one record's id, the page offers a search among them. */
      type: z.enum(['dictionary', 'department', 'user', 'customer', 'product', 'text', 'choice']),
      /** type `dictionary`: the dictionary whose items it takes (the page offers them). */
      dictionary: dictionaryType.optional(),
      /** type `choice`: the values it takes, named in the reader's language. */
      choices: z.array(named).optional(),
      /** The value the report applies when none is given (the page shows it chosen). */
      default: z.string().optional(),
    }),
  ),
  /** Whether the report takes a period (a snapshot such as 客户构成 does not need one). */
  timed: z.boolean(),
  defaultRange: reportRange,
  defaultGroupBy: z.string(),
  /** Whether `groupBy2` may name a second dimension (a pivot: rows × columns). */
  pivot: z.boolean(),
  chart: reportChartType,
});
export type ReportCatalogEntry = z.infer<typeof reportCatalogEntry>;
export const reportCatalog = z.object({ data: z.array(reportCatalogEntry) });

export const reportColumn = z.object({
  key: z.string(),
  name: z.string(),
  kind: z.enum(['dimension', 'measure', 'share', 'compare']),
  format: reportFormat.optional(),
});
export type ReportColumn = z.infer<typeof reportColumn>;

/** A row: `cell` names the group for drill-down (absent on 其他); the other keys are the columns'. */
export const reportRow = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export type ReportRow = z.infer<typeof reportRow>;

export const reportResult = z.object({
  code: reportCode,
  name: z.string(),
  /** The period as resolved (dates inclusive), null for a report over all time. */
  period: z.object({ from: calendarDate, to: calendarDate }).nullable(),
  comparePeriod: z.object({ from: calendarDate, to: calendarDate }).nullable(),
  groupBy: z.string(),
  columns: z.array(reportColumn),
  rows: z.array(reportRow),
  /** Each measure over every group (others included): the caller's whole scope for the period. */
  totals: reportRow,
  chart: z.object({ type: reportChartType, dimension: z.string(), measures: z.array(z.string()) }),
  /** When the numbers were computed and whether they are live (false: from a rollup refreshed at asOf). */
  freshness: z.object({ asOf: z.string(), live: z.boolean() }),
});
export type ReportResult = z.infer<typeof reportResult>;

/** One record behind a cell: what it is and where it opens. */
export const reportDrillRow = z.object({
  id: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  /** The measure values this record contributes, keyed like the report's measures. */
  values: reportRow,
  link: z.string().nullable(),
});
export type ReportDrillRow = z.infer<typeof reportDrillRow>;
