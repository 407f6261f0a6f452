import { createHash } from 'node:crypto';
import type { S3Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import { uuidv7 } from '../../platform/ids.ts';
import * as repo from './repository.ts';
import { ENTITY } from './service.ts';
import { type Storages, storagesFor } from './storage.ts';

/**
 * Files a module writes itself as part of creating one of its records (a check-in's photo and
 * its watermarked copy), where `attach` serves a person adding a file to an existing record. The
 * bytes are stored first (`prepareFile`), the rows written in the module's own transaction with
 * its record (`recordFiles`), and the bytes removed again if that transaction fails
 * (`dropPrepared`). The record's `fileEntities` rules still decide who sees them.
 */
export type PreparedFile = {
  id: string;
  name: string;
  size: number;
  mimeType: string;
  sha256: string;
  width: number | null;
  height: number | null;
  thumbnailId: string | null;
  storage: 'db' | 's3';
};

export type { Storages };

/** Where new files go (the database, or the bucket when GUANXI_S3_URL is set). */
export const fileStorages = (db: Db, s3: S3Config | undefined): Storages => storagesFor(db, s3);

const THUMBNAIL_PX = 320;

/** Stores the bytes of an image (with its WebP thumbnail unless `thumbnail: false`) or another file; no row yet. */
export async function prepareFile(
  storages: Storages,
  tenantId: string,
  file: {
    name: string;
    data: Buffer;
    mimeType: string;
    width?: number | null;
    height?: number | null;
    thumbnail?: boolean;
  },
): Promise<PreparedFile> {
  const store = storages.current;
  const id = uuidv7();
  let thumbnailId: string | null = null;
  await store.put(tenantId, id, file.data, file.data.length, file.mimeType);
  if (file.mimeType.startsWith('image/') && file.thumbnail !== false) {
    try {
      const { default: sharp } = await import('sharp');
      const thumbnail = await sharp(file.data, { limitInputPixels: 100_000_000 })
        .rotate()
        .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      thumbnailId = uuidv7();
      await store.put(tenantId, thumbnailId, thumbnail, thumbnail.length, 'image/webp');
    } catch (err) {
      await store.delete(tenantId, id);
      throw err;
    }
  }
  return {
    id,
    name: file.name,
    size: file.data.length,
    mimeType: file.mimeType,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    width: file.width ?? null,
    height: file.height ?? null,
    thumbnailId,
    storage: store.kind,
  };
}

/** Removes the bytes of prepared files whose record was not written. */
export async function dropPrepared(storages: Storages, tenantId: string, files: PreparedFile[]) {
  for (const f of files) {
    const store = storages.byKind[f.storage];
    if (!store) continue;
    await store.delete(tenantId, f.id);
    if (f.thumbnailId) await store.delete(tenantId, f.thumbnailId);
  }
}

/** The rows of prepared files on their record, audited, in the record's own transaction. */
export async function recordFiles(
  tx: Db,
  actor: Actor,
  record: { entity: string; entityId: string },
  files: PreparedFile[],
) {
  for (const f of files) {
    await repo.insertFile(tx, {
      id: f.id,
      tenantId: actor.tenantId,
      createdBy: actor.userId,
      entity: record.entity,
      entityId: record.entityId,
      name: f.name,
      size: f.size,
      mimeType: f.mimeType,
      sha256: f.sha256,
      storage: f.storage,
      width: f.width,
      height: f.height,
      thumbnailId: f.thumbnailId,
    });
    await writeAudit(tx, actor, {
      action: 'create',
      entity: ENTITY,
      entityId: f.id,
      summary: f.name,
      changes: diff(null, {
        entity: record.entity,
        entityId: record.entityId,
        name: f.name,
        size: f.size,
        mimeType: f.mimeType,
        sha256: f.sha256,
      }),
    });
  }
}
