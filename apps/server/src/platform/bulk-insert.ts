import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';

/**
 * Inserts many rows of a table, `batch` rows per statement, each statement
 * `INSERT INTO t (…) SELECT … FROM json_populate_recordset(NULL::t, $1::json)`: one bind
 * parameter per statement instead of one per value. For wide rows that is several times faster
 * than drizzle's multi-row VALUES (3,000 demo customers on PGlite: ~0.6 s instead of ~3 s), on
 * both backends. Rows use the table's insert shape (Dates, arrays, objects as JSON does them);
 * a column no row sets keeps its default, one that some rows set is NULL in the others.
 */
export async function insertRows<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly T['$inferInsert'][],
  batch = 500,
): Promise<void> {
  if (!rows.length) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(columns).filter((k) =>
    rows.some((r) => (r as Record<string, unknown>)[k] !== undefined),
  );
  const names = keys.map((k) => columns[k].name);
  const list = sql.raw(names.map((n) => `"${n}"`).join(', '));
  const name = sql.raw(`"${getTableName(table)}"`);
  for (let i = 0; i < rows.length; i += batch) {
    const json = JSON.stringify(
      rows.slice(i, i + batch).map((r) => {
        const o: Record<string, unknown> = {};
        keys.forEach((k, j) => {
          o[names[j]] = (r as Record<string, unknown>)[k] ?? null;
        });
        return o;
      }),
    );
    await db.execute(
      sql`INSERT INTO ${name} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${name}, ${json}::json)`,
    );
  }
}
