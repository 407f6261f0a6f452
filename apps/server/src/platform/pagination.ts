import type { ListResponse } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { invalid } from './errors.ts';

/** Below this planner estimate the total is counted exactly; above it the estimate is returned. */
export const EXACT_COUNT_LIMIT = 10_000;

/** A sortable column that is never null: its order needs no NULLS clause, so its index serves it. */
export type NotNullColumn = { notNull: SQL };
export type SortMap = Record<string, SQL | NotNullColumn>;
export const notNull = (column: SQL): NotNullColumn => ({ notNull: column });

/**
 * `sort=-createdAt` → `ORDER BY created_at DESC, id DESC` from the module's allowed columns.
 * Empty values sort last both ways; the clause is only written where it changes anything
 * (descending, nullable), because `DESC NULLS LAST` is an order no plain b-tree index serves.
 */
export function orderBy(sort: string | undefined, allowed: SortMap, fallback: string, tiebreak: SQL): SQL {
  const key = sort ?? fallback;
  const desc = key.startsWith('-');
  const entry = allowed[desc ? key.slice(1) : key];
  if (!entry) throw invalid('sort', `unknown sort field: ${key}`);
  const column = 'notNull' in entry ? entry.notNull : entry;
  const dir = desc ? sql`DESC` : sql`ASC`;
  const nulls = desc && !('notNull' in entry) ? sql` NULLS LAST` : sql``;
  return sql`${column} ${dir}${nulls}, ${tiebreak} ${dir}`;
}

type PlanNode = { Plan: { 'Plan Rows': number } };

/** The planner's row estimate for `SELECT 1 <from>`: cheap at any size. */
export async function estimateRows(db: Db, from: SQL): Promise<number> {
  const result = await db.execute(sql`EXPLAIN (FORMAT JSON) SELECT 1 ${from}`);
  const row = result.rows[0] as Record<string, unknown>;
  const raw = row['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as PlanNode[];
  return Math.round(plan[0].Plan['Plan Rows']);
}

/**
 * One page of a list: `from` is the `FROM … WHERE …` part (scope and filters included),
 * `columns` the select list. The total is exact when the set is small (or fully seen on this
 * page) and the planner's estimate, flagged, when it is large — an exact count over a big scope
 * costs 50–150× the page (STACK.md).
 */
export async function listPage<T>(
  db: Db,
  q: { page: number; pageSize: number },
  parts: {
    columns: SQL;
    from: SQL;
    orderBy: SQL;
    /** Count exactly whatever the size (on demand). */
    exact?: boolean;
    /**
     * Names and flags joined onto the page's rows only (a "deferred join"): the page is chosen from
     * the bare table (`columns` over `from`, aliased `alias`), then `joins` add `decorate` columns
     * to those few rows — instead of joining every matching row before sorting.
     */
    decorate?: { alias: string; columns: SQL; joins: SQL };
  },
  map: (row: Record<string, unknown>) => T,
): Promise<ListResponse<T>> {
  const offset = (q.page - 1) * q.pageSize;
  const pageSql = sql`SELECT ${parts.columns} ${parts.from} ORDER BY ${parts.orderBy} LIMIT ${q.pageSize} OFFSET ${offset}`;
  const d = parts.decorate;
  const result = await db.execute(
    d
      ? sql`SELECT ${d.columns} FROM (${pageSql}) ${sql.identifier(d.alias)} ${d.joins} ORDER BY ${parts.orderBy}`
      : pageSql,
  );
  const rows = result.rows as Record<string, unknown>[];
  const page = { data: rows.map(map), page: q.page, pageSize: q.pageSize };
  if (rows.length > 0 && rows.length < q.pageSize) {
    return { ...page, total: offset + rows.length, totalIsEstimate: false };
  }
  const estimate = parts.exact ? 0 : await estimateRows(db, parts.from);
  if (estimate >= EXACT_COUNT_LIMIT) {
    // The estimate can be below what we already know exists.
    return { ...page, total: Math.max(estimate, offset + rows.length), totalIsEstimate: true };
  }
  const counted = await db.execute(sql`SELECT count(*)::int8 AS n ${parts.from}`);
  return { ...page, total: Number((counted.rows[0] as { n: number }).n), totalIsEstimate: false };
}

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
