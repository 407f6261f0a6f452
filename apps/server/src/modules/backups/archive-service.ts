import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { S3Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, invalid } from '../../platform/errors.ts';
import { dropDatabaseBlobs, readBlob, storedBlobs, writeBlob } from '../files/backup-service.ts';
import { allTenants } from '../organization/tenants-service.ts';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  type ArchiveFile,
  type ArchiveTable,
  type Manifest,
  packArchive,
  sha256,
  unpackArchive,
  verifiedManifest,
  wholeChecksum,
} from './archive.ts';
import {
  APPEND_ONLY_TABLES,
  countRows,
  deleteRows,
  insertLines,
  type TableInfo,
  tableLines,
  travellingTables,
} from './table-copy.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The latest migration this server applies (drizzle's journal): archives must match it. */
export function latestMigration(): { index: number; tag: string } {
  const journal = JSON.parse(
    fs.readFileSync(path.join(here, '../../db/migrations/meta/_journal.json'), 'utf8'),
  );
  const last = journal.entries[journal.entries.length - 1];
  return { index: last.idx, tag: last.tag };
}

const appVersion = (): string =>
  JSON.parse(fs.readFileSync(path.join(here, '../../../package.json'), 'utf8')).version;

export type ArchiveOptions = {
  scope: 'tenant' | 'system';
  /** the tenant backed up (scope tenant) */
  tenantId: string | null;
  serverKeyId: string;
  s3?: S3Config;
};

/**
 * Writes an archive of one tenant (every table with a tenant_id: its rows; its tenants row; its
 * files' bytes) or of the whole system (every table that travels, every file). One read-only,
 * repeatable-read transaction: the tables agree with each other as of one instant.
 */
export async function createArchive(
  db: Db,
  o: ArchiveOptions,
): Promise<{ archive: Buffer; manifest: Manifest }> {
  const tenantId = o.scope === 'tenant' ? o.tenantId : null;
  const tenant = tenantId ? (await allTenants(db)).find((t) => t.id === tenantId) : undefined;
  if (o.scope === 'tenant' && !tenant) throw invalid('tenant', 'no such tenant');
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`); // timestamps' text: the same wherever restored
    const entries: { name: string; data: Buffer }[] = [];
    const tables: ArchiveTable[] = [];
    for (const t of await travellingTables(tx)) {
      if (tenantId && !t.tenantColumn) continue; // system-level: only in a system archive
      const lines: string[] = [];
      for await (const line of tableLines(tx, t, tenantId)) lines.push(line);
      const data = Buffer.from(lines.length ? `${lines.join('\n')}\n` : '', 'utf8');
      const file = `tables/${t.name}.jsonl`;
      entries.push({ name: file, data });
      tables.push({ name: t.name, file, rows: lines.length, sha256: sha256(data) });
    }
    const files: ArchiveFile[] = [];
    for (const blob of await storedBlobs(tx, tenantId)) {
      const data = await readBlob(tx, o.s3, blob);
      const file = `files/${blob.tenantId}/${blob.id}`;
      entries.push({ name: file, data });
      files.push({ tenantId: blob.tenantId, id: blob.id, file, size: data.length, sha256: sha256(data) });
    }
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      appVersion: appVersion(),
      migration: latestMigration(),
      scope: o.scope,
      tenant: tenant ? { id: tenant.id, code: tenant.code, name: tenant.name } : null,
      createdAt: new Date().toISOString(),
      serverKeyId: o.serverKeyId,
      tables,
      files,
      checksum: wholeChecksum({ tables, files }),
    };
    entries.push({ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) });
    return { archive: packArchive(entries), manifest };
  });
}

export type RestoreMode = 'replace-tenant' | 'empty-system';
export type RestoreOptions = {
  mode: RestoreMode;
  /** replace-tenant: the tenant's code typed again */
  confirm?: string;
  /** who restores: their tenant, and whether they are the system administrator (default tenant) */
  caller: { tenantId: string; systemAdmin: boolean } | 'operator';
  /** This server's key: the archive's sealed credentials must be readable under it. */
  serverKeyId: string;
  s3?: S3Config;
};
export type RestoreResult = {
  scope: 'tenant' | 'system';
  tenant: string | null;
  tables: Record<string, number>;
  files: number;
};

/** Checks the archive (format, checksums, schema) and returns its manifest and entries. */
/**
 * Credentials sealed in the archive (TOTP, SMTP, SMS and webhook secrets: `gx1.<key id>.…`) open
 * only under the key that sealed them. Restored under another key they would be unreadable — and
 * the server refuses to start on values it cannot open — so such an archive is refused, naming the
 * key it needs. An archive without sealed values restores under any key.
 */
function assertSealedReadable(manifest: Manifest, entries: Map<string, Buffer>, serverKeyId: string) {
  if (manifest.serverKeyId === serverKeyId) return;
  const marker = Buffer.from(`gx1.${manifest.serverKeyId}.`);
  for (const [name, data] of entries)
    if (name.startsWith('tables/') && data.includes(marker))
      throw new AppError('BACKUP_KEY_MISMATCH', [{ path: 'serverKeyId', message: manifest.serverKeyId }]);
}

/** Unpacks and checks an archive to restore here: intact, of this schema, its credentials readable under `serverKeyId`. */
export function openArchive(archive: Buffer, serverKeyId: string) {
  const entries = unpackArchive(archive);
  const manifest = verifiedManifest(entries);
  assertSealedReadable(manifest, entries, serverKeyId);
  const here = latestMigration();
  const there = manifest.migration?.index;
  if (typeof there !== 'number')
    throw new AppError('BACKUP_MALFORMED', [{ path: 'migration', message: 'missing' }]);
  // Equal schemas only: an older archive is restored on the version it came from, then upgraded
  // (the server migrates at start) — simpler and surer than migrating rows here.
  const details = [{ path: 'migration', message: `${manifest.migration.tag} vs ${here.tag}` }];
  if (there > here.index) throw new AppError('BACKUP_SCHEMA_NEWER', details);
  if (there < here.index) throw new AppError('BACKUP_SCHEMA_OLDER', details);
  return { manifest, entries };
}

/**
 * Tables whose rows make a database "in use": a system restore goes only where none has a row (a
 * fresh server with GUANXI_DEMO=0, or a database migrated by the CLI and never started).
 */
const BUSINESS_TABLES = [
  'customers',
  'leads',
  'opportunities',
  'orders',
  'contracts',
  'tickets',
  'follow_ups',
];

async function assertEmptyTarget(db: Db, tables: TableInfo[]) {
  const tenants = await allTenants(db);
  let inUse = tenants.length > 1;
  for (const t of tables.filter((x) => BUSINESS_TABLES.includes(x.name)))
    if (!inUse && (await countRows(db, t, null)) > 0) inUse = true;
  if (inUse) throw new AppError('RESTORE_TARGET_NOT_EMPTY');
}

const malformed = (p: string, message: string) => new AppError('BACKUP_MALFORMED', [{ path: p, message }]);

/** The archive's lines per table, each row checked to belong to the archive's tenant (tenant scope). */
function archivedRows(manifest: Manifest, entries: Map<string, Buffer>, local: Map<string, TableInfo>) {
  const tenantId = manifest.scope === 'tenant' ? manifest.tenant?.id : null;
  if (manifest.scope === 'tenant' && !tenantId) throw malformed('tenant', 'missing');
  return manifest.tables.map((a) => {
    const info = local.get(a.name);
    if (!info) throw malformed(a.file, 'no such table here');
    const text = entries.get(a.file)!.toString('utf8');
    const lines = text ? text.replace(/\n$/, '').split('\n') : [];
    if (lines.length !== a.rows) throw malformed(a.file, 'row count differs');
    if (tenantId) {
      // a checksum is no signature: a doctored archive must not write another tenant's rows
      if (!info.tenantColumn) throw malformed(a.file, 'system table in a tenant archive');
      for (const line of lines)
        if (JSON.parse(line)[info.tenantColumn] !== tenantId)
          throw malformed(a.file, 'row of another tenant');
    }
    return { info, lines };
  });
}

/**
 * Whether this caller may restore this archive in this mode here (before anything is written, also
 * when the upload arrives): returns the tenant to replace, or null for a whole-system restore.
 */
export async function checkRestore(db: Db, manifest: Manifest, o: RestoreOptions): Promise<string | null> {
  const systemAdmin = o.caller === 'operator' || o.caller.systemAdmin;
  if (o.mode === 'empty-system') {
    if (!systemAdmin) throw forbidden();
    await assertEmptyTarget(db, await travellingTables(db));
    return null;
  }
  if (manifest.scope !== 'tenant' || !manifest.tenant)
    throw invalid('mode', 'a system archive is restored into an empty system');
  const tenantId = manifest.tenant.id;
  if (!systemAdmin && o.caller !== 'operator' && o.caller.tenantId !== tenantId) throw forbidden();
  if (o.confirm !== manifest.tenant.code) throw new AppError('RESTORE_CONFIRM_MISMATCH');
  const existing = await allTenants(db);
  if (!systemAdmin && !existing.some((t) => t.id === tenantId)) throw forbidden();
  if (existing.some((t) => t.code === manifest.tenant!.code && t.id !== tenantId))
    throw new AppError('TENANT_CODE_TAKEN');
  return tenantId;
}

/**
 * Restores a checked archive in ONE transaction: `replace-tenant` deletes that tenant's rows (the
 * audit log excepted: append-only) and inserts the archive's; `empty-system` fills a database that
 * holds no business data yet (whatever a first start seeded is replaced).
 */
export async function restoreArchive(db: Db, archive: Buffer, o: RestoreOptions): Promise<RestoreResult> {
  const { manifest, entries } = openArchive(archive, o.serverKeyId);
  const local = await travellingTables(db);
  const rows = archivedRows(manifest, entries, new Map(local.map((t) => [t.name, t])));
  const tenantId = await checkRestore(db, manifest, o);
  const result: RestoreResult = {
    scope: manifest.scope,
    tenant: manifest.tenant?.code ?? null,
    tables: {},
    files: manifest.files.length,
  };
  try {
    await db.transaction(async (tx) => {
      await dropDatabaseBlobs(tx, tenantId);
      for (const t of local) {
        if (APPEND_ONLY_TABLES.has(t.name) || (tenantId && !t.tenantColumn)) continue;
        await deleteRows(tx, t, tenantId);
      }
      for (const { info, lines } of rows) {
        await insertLines(tx, info, lines, APPEND_ONLY_TABLES.has(info.name));
        result.tables[info.name] = lines.length;
      }
      // sessions do not travel: those of people who no longer exist end; the rest stay signed in
      await tx.execute(sql`DELETE FROM sessions s WHERE ${tenantId ? sql`s.tenant_id = ${tenantId} AND` : sql``}
        NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id AND u.tenant_id = s.tenant_id)`);
      if (!tenantId)
        await tx.execute(sql`UPDATE tenants SET is_default = true
          WHERE id = (SELECT id FROM tenants ORDER BY is_default DESC, created_at LIMIT 1)
            AND NOT EXISTS (SELECT 1 FROM tenants WHERE is_default)`);
      const blobs = new Map((await storedBlobs(tx, tenantId)).map((b) => [b.id, b]));
      for (const f of manifest.files) {
        const blob = blobs.get(f.id);
        if (!blob) throw malformed(f.file, 'no file row names it');
        await writeBlob(tx, o.s3, blob, entries.get(f.file)!);
      }
    });
  } catch (err) {
    // a doctored archive whose ids meet other tenants' rows
    if (
      (err as { code?: string }).code === '23505' ||
      (err as { cause?: { code?: string } }).cause?.code === '23505'
    )
      throw malformed('tables', 'a row collides with an existing one');
    throw err;
  }
  return result;
}
