import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/**
 * Tables that never travel in an archive, and why:
 * sign-ins (`sessions`: live cookies' hashes) and their rate counters (`login_attempts`,
 * `public_hits`); a week's temporary files (`exports`, `export_chunks`) and uploads being imported
 * (`import_chunks`); archives themselves (`backups`, `restores`, `backup_chunks`: no archive inside
 * an archive); this server's key check (`secret_key_check`: the key stays with its server);
 * `file_chunks` (files' bytes travel as `files/…` entries, whichever storage holds them).
 * pg-boss's queue (schema `pgboss`) and drizzle's journal (schema `drizzle`) are not in `public`.
 */
export const EXCLUDED_TABLES = new Set([
  'sessions',
  'login_attempts',
  'public_hits',
  'exports',
  'export_chunks',
  'import_chunks',
  'backups',
  'restores',
  'backup_chunks',
  'secret_key_check',
  'file_chunks',
]);

/**
 * The audit log is append-only (a trigger refuses UPDATE and DELETE): a restore keeps the entries
 * already there and adds the archive's that are missing, so it never erases who did what.
 */
export const APPEND_ONLY_TABLES = new Set(['audit_logs']);

export type TableInfo = {
  name: string;
  /** the column that names a row's tenant: `tenant_id`, `id` for `tenants`, null for system tables */
  tenantColumn: string | null;
  columns: string[];
  primaryKey: string[];
  identityColumns: string[];
};

/**
 * Every table of the `public` schema that travels, read from the catalogue (not a hand list, so a
 * new module's tables are backed up without anyone remembering to): its columns, primary key and
 * identity columns (restored with their values, then the sequence moved past them).
 */
export async function travellingTables(db: Db): Promise<TableInfo[]> {
  const result = await db.execute(sql`
    SELECT c.relname::text AS name,
      array_agg(a.attname::text ORDER BY a.attnum) AS columns,
      array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attidentity <> '') AS identity_columns,
      (SELECT array_agg(k.attname::text ORDER BY array_position(i.indkey::int2[], k.attnum))
         FROM pg_index i JOIN pg_attribute k ON k.attrelid = i.indrelid AND k.attnum = ANY (i.indkey)
         WHERE i.indrelid = c.oid AND i.indisprimary) AS primary_key
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    GROUP BY c.oid, c.relname
    ORDER BY c.relname`);
  return (
    result.rows as {
      name: string;
      columns: string[];
      identity_columns: string[] | null;
      primary_key: string[] | null;
    }[]
  )
    .filter((r) => !EXCLUDED_TABLES.has(r.name))
    .map((r) => ({
      name: r.name,
      tenantColumn: r.name === 'tenants' ? 'id' : r.columns.includes('tenant_id') ? 'tenant_id' : null,
      columns: r.columns,
      primaryKey: r.primary_key ?? [],
      identityColumns: r.identity_columns ?? [],
    }));
}

const ident = (name: string) => sql.identifier(name);
const list = (names: string[]) =>
  sql.join(
    names.map((n) => ident(n)),
    sql`, `,
  );

/** The rows of `tenantId` (or every row: null), for a table that has a tenant column. */
export const rowsOf = (t: TableInfo, tenantId: string | null): SQL =>
  tenantId && t.tenantColumn ? sql`${ident(t.tenantColumn)} = ${tenantId}` : sql`true`;

const PAGE = 1000;

/**
 * The table's rows as JSON lines in primary-key order (the whole row's text order without one), a
 * page at a time: the same rows give the same bytes, so a restored table has the archive's checksum.
 * Run in a transaction with TimeZone UTC (timestamps' text).
 */
export async function* tableLines(tx: Db, t: TableInfo, tenantId: string | null): AsyncGenerator<string> {
  const table = ident(t.name);
  const where = rowsOf(t, tenantId);
  if (!t.primaryKey.length) {
    const all = await tx.execute(
      sql`SELECT row_to_json(r)::text AS j FROM ${table} r WHERE ${where} ORDER BY r::text`,
    );
    for (const row of all.rows as { j: string }[]) yield row.j;
    return;
  }
  const key = list(t.primaryKey);
  let last: string | null = null;
  for (;;) {
    const after: SQL = last
      ? sql`AND (${key}) > (SELECT ${key} FROM json_populate_record(null::${table}, ${last}::json))`
      : sql``;
    const page = await tx.execute(
      sql`SELECT row_to_json(r)::text AS j FROM ${table} r WHERE ${where} ${after} ORDER BY ${key} LIMIT ${PAGE}`,
    );
    const rows = page.rows as { j: string }[];
    for (const row of rows) yield row.j;
    if (rows.length < PAGE) return;
    last = rows[rows.length - 1].j;
  }
}

/** Inserts JSON lines into the table (identity values kept), a batch per statement. */
export async function insertLines(tx: Db, t: TableInfo, lines: string[], onConflictKeep = false) {
  const table = ident(t.name);
  const cols = list(t.columns);
  const conflict = onConflictKeep ? sql`ON CONFLICT DO NOTHING` : sql``;
  for (let i = 0; i < lines.length; i += PAGE) {
    const batch = `[${lines.slice(i, i + PAGE).join(',')}]`;
    await tx.execute(
      sql`INSERT INTO ${table} (${cols}) OVERRIDING SYSTEM VALUE
        SELECT ${cols} FROM json_populate_recordset(null::${table}, ${batch}::json) ${conflict}`,
    );
  }
  // the next generated id must come after the restored ones
  for (const column of t.identityColumns) {
    await tx.execute(sql`SELECT setval(pg_get_serial_sequence(${t.name}, ${column}),
      GREATEST((SELECT COALESCE(max(${ident(column)}), 0) FROM ${table}), 1))`);
  }
}

export async function deleteRows(tx: Db, t: TableInfo, tenantId: string | null) {
  await tx.execute(sql`DELETE FROM ${ident(t.name)} WHERE ${rowsOf(t, tenantId)}`);
}

export async function countRows(db: Db, t: TableInfo, tenantId: string | null): Promise<number> {
  const r = await db.execute(
    sql`SELECT count(*)::int AS n FROM ${ident(t.name)} WHERE ${rowsOf(t, tenantId)}`,
  );
  return (r.rows[0] as { n: number }).n;
}
