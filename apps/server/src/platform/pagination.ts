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

/** A list's order: the SQL, and what keyset paging needs to continue it (see listPage). */
export type Ordering = {
  sql: SQL;
  /** The sort parameter it came from (`-createdAt`): a cursor only continues the same order. */
  name: string;
  key: SQL;
  desc: boolean;
  /** Empty values sort last both ways. */
  nullable: boolean;
  tiebreak: SQL;
};

/**
 * `sort=-createdAt` → `ORDER BY created_at DESC, id DESC` from the module's allowed columns.
 * Empty values sort last both ways; the clause is only written where it changes anything
 * (descending, nullable), because `DESC NULLS LAST` is an order no plain b-tree index serves.
 */
export function orderBy(
  sort: string | undefined,
  allowed: SortMap,
  fallback: string,
  tiebreak: SQL,
): Ordering {
  const name = sort ?? fallback;
  const desc = name.startsWith('-');
  const entry = allowed[desc ? name.slice(1) : name];
  if (!entry) throw invalid('sort', `unknown sort field: ${name}`);
  const nullable = !('notNull' in entry);
  const key = 'notNull' in entry ? entry.notNull : entry;
  return { sql: orderSql(key, desc, nullable, tiebreak), name, key, desc, nullable, tiebreak };
}

function orderSql(key: SQL, desc: boolean, nullable: boolean, tiebreak: SQL) {
  const dir = desc ? sql`DESC` : sql`ASC`;
  const nulls = desc && nullable ? sql` NULLS LAST` : sql``;
  return sql`${key} ${dir}${nulls}, ${tiebreak} ${dir}`;
}

/** The ordering backwards (empty values first). */
function reversed(o: Ordering): SQL {
  const dir = o.desc ? sql`ASC` : sql`DESC`;
  return sql`${o.key} ${dir}${o.nullable ? sql` NULLS FIRST` : sql``}, ${o.tiebreak} ${dir}`;
}

/** Where a keyset page starts: after the last row of a page (`next`) or before its first (`prev`). */
type Cursor = { sort: string; toward: 'next' | 'prev'; key: string | null; id: string };

const encodeCursor = (c: Cursor) =>
  Buffer.from(JSON.stringify([c.sort, c.toward, c.key, c.id])).toString('base64url');

function decodeCursor(text: string, ordering: Ordering): Cursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  if (!isCursorTuple(parts)) throw invalid('cursor', 'not a cursor of this list');
  const [sort, toward, key, id] = parts;
  if (sort !== ordering.name) throw invalid('cursor', 'the cursor belongs to another sort order');
  return { sort, toward, key, id };
}

function isCursorTuple(x: unknown): x is [string, Cursor['toward'], string | null, string] {
  return (
    Array.isArray(x) &&
    x.length === 4 &&
    typeof x[0] === 'string' &&
    (x[1] === 'next' || x[1] === 'prev') &&
    (x[2] === null || typeof x[2] === 'string') &&
    typeof x[3] === 'string'
  );
}

/**
 * The rows after (`next`) or before (`prev`) the cursor's row in the ordering, empty values last.
 * Compared as rows `(key, id) < (…)` where the key cannot be empty, which an index on
 * `(…, key, id)` serves directly.
 */
function keysetCondition(o: Ordering, c: Cursor): SQL {
  // the direction in which the rows after the cursor lie
  const forward = (c.toward === 'next') !== o.desc;
  const cmp = forward ? sql`>` : sql`<`;
  const emptyKeysAfter = c.toward === 'next'; // empty keys sort last: after every value
  if (c.key === null) {
    return emptyKeysAfter
      ? sql`(${o.key} IS NULL AND ${o.tiebreak} ${cmp} ${c.id})`
      : sql`(${o.key} IS NOT NULL OR ${o.tiebreak} ${cmp} ${c.id})`;
  }
  const row = sql`(${o.key}, ${o.tiebreak}) ${cmp} (${c.key}, ${c.id})`;
  return o.nullable && emptyKeysAfter ? sql`(${row} OR ${o.key} IS NULL)` : sql`${row}`;
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
 * One page of a list: `from` is the `FROM … WHERE …` part (scope and filters included; the
 * WHERE a chain of AND-ed conditions, to which a keyset adds one), `columns` the select list.
 * The total is exact when the set is small (or fully seen on this page) and the planner's estimate, flagged, when it is large — an exact count over a big scope
 * costs 50–150× the page (STACK.md).
 *
 * With an `Ordering`, the answer carries cursors, and `cursor` moves one page by keyset: the
 * next page of a 50,000-row scope at page 500 reads 20 rows instead of skipping 9,980 (a jump to
 * an arbitrary page still counts its way there with OFFSET).
 */
export async function listPage<T>(
  db: Db,
  q: { page: number; pageSize: number; cursor?: string },
  parts: {
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
  },
  map: (row: Record<string, unknown>) => T,
): Promise<ListResponse<T>> {
  const ordering = 'tiebreak' in parts.orderBy ? parts.orderBy : undefined;
  const order = ordering ? ordering.sql : (parts.orderBy as SQL);
  const cursor = q.cursor && ordering ? decodeCursor(q.cursor, ordering) : undefined;
  const offset = (q.page - 1) * q.pageSize;
  const rows = await pageRows(db, q, parts, order, ordering, cursor);
  const page: ListResponse<T> = {
    ...cursorsOf(rows, q, ordering),
    data: rows.map(map),
    page: q.page,
    pageSize: q.pageSize,
    total: 0,
    totalIsEstimate: false,
  };
  const complete = cursor?.toward !== 'prev' && rows.length > 0 && rows.length < q.pageSize;
  if (complete) return { ...page, total: offset + rows.length };
  const estimate = parts.exact ? 0 : await estimateRows(db, parts.from);
  if (estimate >= EXACT_COUNT_LIMIT) {
    // The estimate can be below what we already know exists.
    return { ...page, total: Math.max(estimate, offset + rows.length), totalIsEstimate: true };
  }
  const counted = await db.execute(sql`SELECT count(*)::int8 AS n ${parts.from}`);
  return { ...page, total: Number((counted.rows[0] as { n: number }).n) };
}

/**
 * The cursors from the page's first and last rows, which lose their `__key` / `__id` here.
 * (Keyset values travel as text: a timestamp's microseconds survive, a JS Date drops them.)
 */
function cursorsOf(rows: Record<string, unknown>[], q: { page: number; pageSize: number }, o?: Ordering) {
  const at = (row: Record<string, unknown>, toward: Cursor['toward']) =>
    o && encodeCursor({ sort: o.name, toward, key: row.__key as string | null, id: String(row.__id) });
  const cursors = {
    prevCursor: rows.length && q.page > 1 ? at(rows[0], 'prev') : undefined,
    nextCursor: rows.length === q.pageSize ? at(rows[rows.length - 1], 'next') : undefined,
  };
  for (const row of rows) {
    delete row.__key;
    delete row.__id;
  }
  return Object.fromEntries(Object.entries(cursors).filter(([, v]) => v)) as typeof cursors;
}

/** The page's rows in list order (`__key`/`__id` added for the cursors when there is an Ordering). */
async function pageRows(
  db: Db,
  q: { page: number; pageSize: number },
  parts: { columns: SQL; from: SQL; decorate?: { alias: string; columns: SQL; joins: SQL } },
  order: SQL,
  ordering: Ordering | undefined,
  cursor: Cursor | undefined,
) {
  const keys = ordering
    ? sql`, (${ordering.key})::text AS __key, (${ordering.tiebreak})::text AS __id`
    : sql``;
  let pageSql: SQL;
  if (ordering && cursor) {
    // `prev` reads backwards from the cursor (the reverse order), then turns the rows round
    const by = cursor.toward === 'prev' ? reversed(ordering) : order;
    pageSql = sql`SELECT ${parts.columns}${keys} ${parts.from} AND ${keysetCondition(ordering, cursor)}
      ORDER BY ${by} LIMIT ${q.pageSize}`;
  } else {
    const offset = (q.page - 1) * q.pageSize;
    pageSql = sql`SELECT ${parts.columns}${keys} ${parts.from} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${offset}`;
  }
  const d = parts.decorate;
  const result = await db.execute(
    d
      ? sql`SELECT ${d.columns} FROM (${pageSql}) ${sql.identifier(d.alias)} ${d.joins} ORDER BY ${order}`
      : pageSql,
  );
  const rows = result.rows as Record<string, unknown>[];
  return cursor?.toward === 'prev' && !d ? rows.reverse() : rows;
}

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
