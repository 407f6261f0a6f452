import type { ListResponse } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  EXPENSIVE_READ_TIMEOUT_MS,
  isStatementTimeout,
  withStatementTimeout,
} from '../db/statement-timeout.ts';
import { type Cursor, cursorsOf, decodeCursor, keysetCondition, type Ordering, reversed } from './keyset.ts';

export { type NotNullColumn, notNull, type Ordering, orderBy, type SortMap } from './keyset.ts';

/**
 * A total is exact up to this many rows; past it the planner's estimate is returned, flagged
 * (精确计数 — `exactTotal` — counts everything on demand). Counting reads the rows through the
 * heap (~3–4 µs each): at the old limit of 10,000 a branch manager's 9.4k customers cost
 * 35 ms a page against 5–11 ms for the admin over 180k (docs/decisions.md); 1,000 rows cost ~1 ms.
 */
export const EXACT_COUNT_LIMIT = 1_000;

/**
 * The count (up to the limit, so its cost is bounded) is tried whenever the planner estimates
 * fewer rows than this — an estimate can be far off, and a set that is really small must get its
 * exact total. Above it the estimate alone is returned (a 1-character search's bitmap alone would
 * cost more than the page).
 */
export const COUNT_BELOW_ESTIMATE = 10_000;

type PlanNode = { Plan: { 'Plan Rows': number } };

/** The planner's row estimate for `SELECT 1 <from>`: cheap at any size. */
async function estimateRows(db: Db, from: SQL): Promise<number> {
  const result = await db.execute(sql`EXPLAIN (FORMAT JSON) SELECT 1 ${from}`);
  const row = result.rows[0] as Record<string, unknown>;
  const raw = row['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as PlanNode[];
  return Math.round(plan[0].Plan['Plan Rows']);
}

/** Counts the rows of `from`, but stops at `cap` (an exact count never reads more than that). */
async function countUpTo(db: Db, from: SQL, cap: number): Promise<number> {
  const result = await db.execute(sql`SELECT count(*)::int8 AS n FROM (SELECT 1 ${from} LIMIT ${cap}) x`);
  return Number((result.rows[0] as { n: number }).n);
}

/**
 * Counts every row of `from` (精确计数, on demand), within the expensive-read statement timeout:
 * undefined when PostgreSQL gave up on it, and the list answers its flagged estimate instead.
 */
async function countAll(db: Db, from: SQL): Promise<number | undefined> {
  try {
    const counted = await withStatementTimeout(db, EXPENSIVE_READ_TIMEOUT_MS, (tx) =>
      tx.execute(sql`SELECT count(*)::int8 AS n ${from}`),
    );
    return Number((counted.rows[0] as { n: number }).n);
  } catch (err) {
    if (isStatementTimeout(err)) return undefined;
    throw err;
  }
}

type Parts = {
  columns: SQL;
  from: SQL;
  orderBy: SQL | Ordering;
  /** Count exactly whatever the size (on demand). */
  exact?: boolean;
  /**
   * Names and flags joined onto the page's rows only (a "deferred join"): the page is chosen from
   * the bare table (`columns` over `from`, aliased `alias`), then `joins` add `decorate` columns
   * to those few rows — instead of joining every matching row before sorting.
   */
  decorate?: { alias: string; columns: SQL; joins: SQL };
  /**
   * Count exactly up to this many rows (default EXACT_COUNT_LIMIT); past it the total is the
   * flagged estimate. Lower for a quick search, whose estimates are least reliable and whose
   * matches are counted through the heap (~6 µs a row at 1M).
   */
  countUpTo?: number;
  /**
   * For filters whose selectivity the planner cannot estimate (a search's rechecked substring:
   * 98 matches estimated at 1,873, 21,024 at 354): count first, up to `countUpTo`, and let the
   * count choose the plan — a few matches are fetched all and sorted, many are read in list
   * order (dense enough that a page is found within ~10,000 rows). `alias` is the table's alias
   * in `from`, whose whole row `columns` selects.
   */
  countFirst?: { alias: string };
};

/** How a page is read when the count chose (see Parts.countFirst). */
type Plan = { few: { alias: string } } | { inOrder: true } | undefined;

/**
 * One page of a list: `from` is the `FROM … WHERE …` part (scope and filters included; the
 * WHERE a chain of AND-ed conditions, to which a keyset adds one), `columns` the select list.
 * The total is exact when the set is small (or fully seen on this page) and the planner's
 * estimate, flagged, when it is large — an exact count over a big scope costs 50–150× the page
 * (measured at 1M rows, docs/decisions.md); no count reads more than EXACT_COUNT_LIMIT rows unless asked to (`exact`),
 * and none runs when the estimate is COUNT_BELOW_ESTIMATE or more.
 *
 * With an `Ordering`, the answer carries cursors, and `cursor` moves one page by keyset: the
 * next page of a 50,000-row scope at page 500 reads 20 rows instead of skipping 9,980 (a jump to
 * an arbitrary page still counts its way there with OFFSET).
 */
export async function listPage<T>(
  db: Db,
  q: { page: number; pageSize: number; cursor?: string },
  parts: Parts,
  map: (row: Record<string, unknown>) => T,
): Promise<ListResponse<T>> {
  const ordering = 'tiebreak' in parts.orderBy ? parts.orderBy : undefined;
  const cursor = q.cursor && ordering ? decodeCursor(q.cursor, ordering) : undefined;
  const offset = (q.page - 1) * q.pageSize;
  const cap = (parts.countUpTo ?? EXACT_COUNT_LIMIT) + 1;
  const matches = parts.countFirst && !parts.exact ? await countUpTo(db, parts.from, cap) : undefined;
  const plan: Plan =
    matches === undefined || !parts.countFirst
      ? undefined
      : matches < cap
        ? { few: parts.countFirst }
        : { inOrder: true };
  const rows = await pageRows(db, q, parts, ordering, cursor, plan);
  const page = (total: number, totalIsEstimate = false): ListResponse<T> => ({
    ...cursorsOf(rows, q, ordering),
    data: rows.map(map),
    page: q.page,
    pageSize: q.pageSize,
    total,
    totalIsEstimate,
  });
  if (matches !== undefined && matches < cap) return page(matches);
  if (cursor?.toward !== 'prev' && rows.length > 0 && rows.length < q.pageSize)
    return page(offset + rows.length);
  if (parts.exact) {
    const exact = await countAll(db, parts.from);
    if (exact !== undefined) return page(exact);
  }
  const estimate = await estimateRows(db, parts.from);
  // a set estimated below the gate is counted, never past the cap (estimates can be 1,000× off)
  const counted = matches ?? (estimate < COUNT_BELOW_ESTIMATE ? await countUpTo(db, parts.from, cap) : cap);
  if (counted < cap) return page(counted);
  // the estimate can be below what we already know exists
  return page(Math.max(estimate, counted, offset + rows.length), true);
}

/** The page's rows in list order (`__key`/`__id` added for the cursors when there is an Ordering). */
async function pageRows(
  db: Db,
  q: { page: number; pageSize: number },
  parts: Parts,
  ordering: Ordering | undefined,
  cursor: Cursor | undefined,
  plan: Plan,
) {
  const order = ordering ? ordering.sql : (parts.orderBy as SQL);
  const keys = ordering
    ? sql`, (${ordering.key})::text AS __key, (${ordering.tiebreak})::text AS __id`
    : sql``;
  // `prev` reads backwards from the cursor (the reverse order), then turns the rows round
  const keyset = ordering && cursor ? sql` AND ${keysetCondition(ordering, cursor)}` : sql``;
  const by = ordering && cursor?.toward === 'prev' ? reversed(ordering) : order;
  const window = cursor
    ? sql`LIMIT ${q.pageSize}`
    : sql`LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`;
  const pageSql =
    plan && 'few' in plan
      ? sql`WITH matches AS MATERIALIZED (SELECT ${parts.columns}${keys} ${parts.from}${keyset})
          SELECT * FROM matches ${sql.identifier(plan.few.alias)} ORDER BY ${by} ${window}`
      : sql`SELECT ${parts.columns}${keys} ${parts.from}${keyset} ORDER BY ${by} ${window}`;
  const d = parts.decorate;
  const statement = d
    ? sql`SELECT ${d.columns} FROM (${pageSql}) ${sql.identifier(d.alias)} ${d.joins} ORDER BY ${order}`
    : pageSql;
  const result =
    plan && 'inOrder' in plan
      ? // many matches: read in list order (an index), never fetch them all to sort them. The
        // planner, which estimates a rechecked search at a handful of rows (`信息技术`: 8 for
        // 4,086), would rather scan the tenant through any other index and sort (436 ms at 200k)
        // than walk the list's order: sorting is turned off too (so is a parallel plan: a
        // Gather for 20 rows costs more than it saves)
        await db.transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL enable_bitmapscan = off`);
          await tx.execute(sql`SET LOCAL enable_seqscan = off`);
          await tx.execute(sql`SET LOCAL enable_sort = off`);
          await tx.execute(sql`SET LOCAL max_parallel_workers_per_gather = 0`);
          return tx.execute(statement);
        })
      : await db.execute(statement);
  const rows = result.rows as Record<string, unknown>[];
  return cursor?.toward === 'prev' && !d ? rows.reverse() : rows;
}

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
