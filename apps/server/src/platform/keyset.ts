/** Orders of lists and keyset paging through them (cursors). */
import { type SQL, sql } from 'drizzle-orm';
import { invalid } from './errors.ts';

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
export function reversed(o: Ordering): SQL {
  const dir = o.desc ? sql`ASC` : sql`DESC`;
  return sql`${o.key} ${dir}${o.nullable ? sql` NULLS FIRST` : sql``}, ${o.tiebreak} ${dir}`;
}

/** Where a keyset page starts: after the last row of a page (`next`) or before its first (`prev`). */
export type Cursor = { sort: string; toward: 'next' | 'prev'; key: string | null; id: string };

const encodeCursor = (c: Cursor) =>
  Buffer.from(JSON.stringify([c.sort, c.toward, c.key, c.id])).toString('base64url');

export function decodeCursor(text: string, ordering: Ordering): Cursor {
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
export function keysetCondition(o: Ordering, c: Cursor): SQL {
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

/**
 * The cursors from the page's first and last rows, which lose their `__key` / `__id` here.
 * (Keyset values travel as text: a timestamp's microseconds survive, a JS Date drops them.)
 */
export function cursorsOf(
  rows: Record<string, unknown>[],
  q: { page: number; pageSize: number },
  o?: Ordering,
) {
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
