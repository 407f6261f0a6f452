import type {
  DictionaryType,
  Locale,
  Permission,
  ReportChartType,
  ReportCode,
  ReportFormat,
  ReportRange,
} from '@guanxi/contract';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Principal } from '../../../platform/auth/principal.ts';

/** A text in both languages. */
export type Words = Record<Locale, string>;

/** Names of the groups shown, from the module that owns the keys (e.g. customers' names). */
export type LabelLookup = (
  db: Db,
  tenantId: string,
  keys: string[],
  locale: Locale,
) => Promise<Map<string, string>>;

/**
 * A name the owning module publishes as SQL: a scalar subquery naming the group key `key` (text),
 * run in the report's own statement (no look-up after it).
 */
export type LabelSql = { sql: (tenantId: string, key: SQL, locale: Locale) => SQL };

/**
 * How a group's key becomes what people read: reference data looked up (dictionary items,
 * users, departments), the key itself, or a lookup the owning module publishes (as SQL, or a call).
 */
export type LabelKind = 'dictionary' | 'user' | 'department' | 'key' | LabelSql | LabelLookup;

export type Dimension = {
  key: string;
  name: Words;
  /** The group's key over the source's row alias `f`. */
  expr: SQL;
  /** Its SQL type, so a drill-down compares a typed value (and can use an index). */
  sqlType: 'uuid' | 'text' | 'int' | 'date';
  label: LabelKind;
  /** `key`: groups in key order, all shown (months, stages); default: the first measure, largest first, top-N. */
  order?: 'key';
  /** A finer level a row opens: the row's key as the filter `filter`, grouped by `groupBy` (省 → 市). */
  next?: { groupBy: string; filter: string };
};

/**
 * A measure is an aggregate over the source's rows that adds up across groups (a count or a
 * sum): totals and the 其他 row are the groups' sums, and a drill-down's rows add up to the cell.
 */
export type Measure = {
  key: string;
  name: Words;
  agg: SQL;
  format: ReportFormat;
  /** The same for one record of a drill-down. */
  perRecord: SQL;
  /** Hidden (from the answer, the chart and the file) for a role whose field rule hides it. */
  field?: { module: string; field: string };
  /** false: no 占比 column (a measure whose share means nothing, e.g. minutes summed for an average). */
  share?: false;
  /** false: kept for derived figures only, not shown as a column (e.g. a sum of minutes). */
  shown?: false;
};

/**
 * A figure computed from the measures after grouping — per row, for 其他 and for the totals —
 * because it does not add up across groups: a rate, an average.
 */
export type Derived = {
  key: string;
  name: Words;
  format: 'percent' | 'number' | 'money';
  /** From the row's measure values (money as exact strings); null when undefined (÷ 0). */
  compute: (values: Record<string, string | number>) => number | string | null;
};

export type ReportFilter = {
  key: string;
  name: Words;
  type: 'dictionary' | 'department' | 'user' | 'customer' | 'product' | 'text' | 'choice';
  /** type 'dictionary': the dictionary whose items it takes (the page offers them). */
  dictionary?: DictionaryType;
  /** type 'choice': the values it takes and their names. */
  choices?: Record<string, Words>;
  /** The value applied when the query gives none (absent: no condition). */
  default?: string;
  /** Names the value chosen where the type does not (a customer, a product): the XLSX writes names. */
  label?: LabelLookup;
  /** The predicate over `f` for a value given; a bad value throws 400 on the filter's key. */
  where: (value: string) => SQL;
};

/**
 * What a source gets: the caller and the period's bounds as SQL instants (`at >= from AND at < to`;
 * null: all time).
 */
export type SourceContext = { p: Principal; from: SQL | null; to: SQL | null };

/**
 * A rollup the owning module keeps of a report's source, by whole months (refreshed by a job): the
 * kit reads it instead of the source for the whole months of a period when the report's dimension,
 * filters and visible measures are all among its columns — the partial months at the period's
 * edges, and the months the last refresh did not see end, stay live (kit/rollup.ts).
 */
export type ReportRollup = {
  /** The dimension keys its rows carry (their `expr` columns, under the same names). */
  dimensions: readonly string[];
  /** The filter keys it can apply (their columns, under the same names). */
  filters: readonly string[];
  /** Per measure key: its aggregate over the rollup's rows (e.g. `sum(f.orders)` for `count(*)`). */
  measures: Readonly<Record<string, SQL>>;
  /**
   * Whether it can answer the caller at all (default: yes). A rollup by department cannot answer a
   * scope of persons (本人, 本人及下属): such a caller's report reads the source (few rows).
   */
  answers?: (p: Principal, wants: RollupWants) => boolean;
  /**
   * Its rows within the caller's scope for the months from `fromMonth` to `toMonth` (first days,
   * inclusive) — for the grouping and filters asked (a rollup may keep coarser rows for a report
   * over the whole tenant, or one row per dimension value).
   */
  source: (p: Principal, fromMonth: SQL, toMonth: SQL, wants: RollupWants) => SQL;
  /** When it was last refreshed for the tenant with months in `zone` (null: not usable). */
  refreshedAt: (db: Db, tenantId: string, zone: string) => Promise<Date | null>;
};

/** What a report asks of its rollup: the dimension it groups by and the filters it applies (keys). */
export type RollupWants = { dimension: string; filters: readonly string[] };

/**
 * One report: the owning modules publish its source (a subquery already within the caller's
 * scope, the period applied to its time column), the definition says how to group and measure it.
 */
export type ReportDefinition = {
  code: ReportCode;
  name: Words;
  /** Permissions needed besides `reports:<code>`: the source module's view (its scope applies). */
  requires: readonly Permission[];
  /** The rows the report counts, as `SELECT … ` over the caller's scope; aliased `f` by the kit. */
  source: (ctx: SourceContext) => SQL;
  timed: boolean;
  defaultRange: ReportRange;
  dimensions: readonly Dimension[];
  defaultGroupBy: string;
  measures: readonly Measure[];
  derived?: readonly Derived[];
  filters: readonly ReportFilter[];
  chart: ReportChartType;
  /** The measures (or derived figures) the chart draws; default: the first measure. */
  chartMeasures?: readonly string[];
  /** Whether `groupBy2` may name a second dimension: rows × columns of the first measure (销售分析). */
  pivot?: boolean;
  /** Top-N before 其他 when the query names none. */
  defaultTop: number;
  /** Read for whole months instead of `source` where it can answer (drill-downs always read `source`). */
  rollup?: ReportRollup;
  /**
   * A finer grain that some dimensions and filters need (销售分析: products are on order lines, the
   * rest on orders): when the query groups or filters by one of `keys`, this source, these measures
   * and this drill-down answer instead, without the rollup — every measure still adds up over
   * exactly the records it counts, and a drill-down lists those records.
   */
  finer?: {
    keys: readonly string[];
    source: (ctx: SourceContext) => SQL;
    measures: readonly Measure[];
    drill: ReportDefinition['drill'];
  };
  /** One record of a drill-down: its id, title, subtitle (SQL over `f`) and where it opens. */
  drill: { id: SQL; title: SQL; subtitle: SQL | null; orderBy: SQL; link: (id: string) => string | null };
};

export const defineReport = (d: ReportDefinition) => d;

/** The database a report reads from (the primary, or a replica when one is configured). */
export type ReportDb = Db;
