import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { S3Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { fileChunks } from '../../db/schema/chunks.ts';
import { AppError } from '../../platform/errors.ts';
import { files } from './schema.ts';
import { storagesFor } from './storage.ts';

/** One stored blob: an attached file's bytes or its thumbnail's, where the file row says they are. */
export type StoredBlob = { tenantId: string; id: string; storage: 'db' | 's3' };

/** What the backups module needs of attached files: their bytes, to carry them in an archive. */
export async function storedBlobs(db: Db, tenantId: string | null): Promise<StoredBlob[]> {
  const rows = await db
    .select({
      tenantId: files.tenantId,
      id: files.id,
      thumbnailId: files.thumbnailId,
      storage: files.storage,
    })
    .from(files)
    .where(tenantId ? eq(files.tenantId, tenantId) : sql`true`)
    .orderBy(files.id);
  return rows.flatMap((r) => [
    { tenantId: r.tenantId, id: r.id, storage: r.storage },
    ...(r.thumbnailId ? [{ tenantId: r.tenantId, id: r.thumbnailId, storage: r.storage }] : []),
  ]);
}

const storageOf = (db: Db, s3: S3Config | undefined, blob: StoredBlob) => {
  const store = storagesFor(db, s3).byKind[blob.storage];
  if (!store)
    throw new AppError('CONFLICT', [{ path: 'storage', message: `no ${blob.storage} storage here` }]);
  return store;
};

export async function readBlob(db: Db, s3: S3Config | undefined, blob: StoredBlob): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of await storageOf(db, s3, blob).get(blob.tenantId, blob.id))
    parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

/** Writes restored bytes where the restored file row says they are (in the restore's transaction when `db`). */
export async function writeBlob(db: Db, s3: S3Config | undefined, blob: StoredBlob, bytes: Buffer) {
  await storageOf(db, s3, blob).put(blob.tenantId, blob.id, bytes, bytes.length, 'application/octet-stream');
}

/**
 * Drops the database-kept bytes of a tenant's files (every tenant's: null), before their rows are
 * replaced by a restore. Bytes in a bucket stay (their keys are overwritten by restored files).
 */
export async function dropDatabaseBlobs(db: Db, tenantId: string | null) {
  if (!tenantId) {
    await db.delete(fileChunks);
    return;
  }
  const mine = and(eq(files.tenantId, tenantId), eq(files.storage, 'db'));
  await db
    .delete(fileChunks)
    .where(inArray(fileChunks.fileId, db.select({ id: files.id }).from(files).where(mine)));
  await db.delete(fileChunks).where(
    inArray(
      fileChunks.fileId,
      db
        .select({ id: sql<string>`${files.thumbnailId}` })
        .from(files)
        .where(and(mine, isNotNull(files.thumbnailId))),
    ),
  );
}
