/**
 * Bulk loading for the benchmarks: rows (drizzle insert shapes) encoded in COPY's text format and
 * sent with COPY … FROM STDIN (PostgreSQL, via pg-copy-streams) or COPY … FROM '/dev/blob'
 * (PGlite), on one connection that can hold a transaction.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../apps/server/src/db/client.ts';

/** One connection: queries, COPY, and a transaction around them. */
export type Connection = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** COPY already-encoded text (see {@link CopyEncoder}) into `table (columns)`. */
  copy(table: string, columns: readonly string[], text: string): Promise<void>;
  release(): void;
};

export async function connect(database: Database): Promise<Connection> {
  if (database.pglite) {
    const pg = database.pglite;
    return {
      query: async <T>(text: string, params?: unknown[]) => (await pg.query<T>(text, params)).rows,
      copy: async (table, columns, text) => {
        await pg.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
          blob: new Blob([text]),
        });
      },
      release: () => {},
    };
  }
  const client = await database.pool!.connect();
  return {
    query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
    copy: async (table, columns, text) => {
      const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
      // in slices, so a big chunk does not sit twice in memory as one buffer
      const slices = function* () {
        for (let i = 0; i < text.length; i += 1 << 20) yield text.slice(i, i + (1 << 20));
      };
      await pipeline(Readable.from(slices()), stream);
    },
    release: () => client.release(),
  };
}

/** Runs `fn` in a transaction on `conn` (committed when it returns, rolled back when it throws). */
export async function inTransaction<T>(conn: Connection, fn: () => Promise<T>): Promise<T> {
  await conn.query('BEGIN');
  try {
    const out = await fn();
    await conn.query('COMMIT');
    return out;
  } catch (err) {
    await conn.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

const escapeText = (s: string) =>
  s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
const arrayElement = (v: unknown) =>
  v === null || v === undefined ? 'NULL' : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`;

function encodeValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return escapeText(`{${v.map(arrayElement).join(',')}}`);
  if (typeof v === 'object') return escapeText(JSON.stringify(v));
  return escapeText(String(v));
}

/**
 * Encodes rows of a drizzle table (its insert shape, camelCase keys) as COPY text for the given
 * keys; `columns` are their database names, in that order.
 */
export class CopyEncoder<T extends Record<string, unknown>> {
  readonly table: string;
  readonly columns: string[];
  private readonly all: Record<string, { name: string }>;
  constructor(
    table: PgTable,
    readonly keys: readonly (keyof T & string)[],
  ) {
    this.all = getTableColumns(table) as Record<string, { name: string }>;
    this.table = getTableName(table);
    this.columns = keys.map((k) => this.columnOf(k));
  }

  /** The database name of a key. */
  columnOf(key: keyof T & string): string {
    const column = this.all[key];
    if (!column) throw new Error(`${this.table} has no column ${key}`);
    return column.name;
  }

  encode(rows: readonly T[]): string {
    const lines: string[] = [];
    for (const row of rows) lines.push(this.keys.map((k) => encodeValue(row[k])).join('\t'));
    return lines.length ? `${lines.join('\n')}\n` : '';
  }
}
