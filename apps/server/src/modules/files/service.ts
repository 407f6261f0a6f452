import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileInfo } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { diff, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { fileMaxBytes } from '../organization/tenants-service.ts';
import * as repo from './repository.ts';
import { SNIFF_BYTES, sniff, TextCheck, thumbnailed } from './sniff.ts';
import type { FileStorage, Storages } from './storage.ts';

export const ENTITY = 'files';

/**
 * A kind of record that carries files (manifest `fileEntities`), with the owning module's rules,
 * through its own service: a file is visible exactly when its record is (`canSee`), and only who
 * may change the record uploads or deletes its files (`canChange`; run in the transaction that
 * writes the file's row, so it may lock the record).
 */
export type FileEntity = {
  entity: string;
  canSee: (db: Db, p: Principal, id: string) => Promise<boolean>;
  canChange: (tx: Db, p: Principal, id: string) => Promise<boolean>;
};

const entities = new Map<string, FileEntity>();

/** Called by install-modules with every manifest's `fileEntities`. */
export function installFileEntities(list: readonly FileEntity[]) {
  entities.clear();
  for (const e of list) entities.set(e.entity, e);
}

function entityOf(entity: string) {
  const e = entities.get(entity);
  if (!e) throw invalid('entity', `no files on ${entity}`);
  return e;
}

/** 404 unless the caller sees the record. */
async function requireVisible(db: Db, p: Principal, entity: string, entityId: string) {
  if (!(await entityOf(entity).canSee(db, p, entityId))) throw notFound();
}

/** 404 unless the caller sees the record, 403 if they see it but may not change it. */
async function requireChangeable(db: Db, p: Principal, entity: string, entityId: string) {
  const e = entityOf(entity);
  if (await e.canChange(db, p, entityId)) return;
  throw (await e.canSee(db, p, entityId)) ? forbidden() : notFound();
}

const toFileInfo = (r: repo.FileRow): FileInfo => ({
  id: r.id,
  entity: r.entity,
  entityId: r.entityId,
  name: r.name,
  size: r.size,
  mimeType: r.mimeType,
  sha256: r.sha256,
  width: r.width,
  height: r.height,
  hasThumbnail: Boolean(r.thumbnailId),
  createdAt: r.createdAt.toISOString(),
  createdBy: r.createdBy,
  createdByName: r.createdByName,
});

export async function listFiles(db: Db, p: Principal, entity: string, entityId: string) {
  await requireVisible(db, p, entity, entityId);
  return (await repo.listFiles(db, p.tenantId, entity, entityId)).map(toFileInfo);
}

/** Before the bytes are read (fields sent ahead of the file): refuse at once who may not upload. */
export async function checkUpload(db: Db, p: Principal, entity: string, entityId: string) {
  await requireChangeable(db, p, entity, entityId);
}

/** An upload received into a temporary file, checked and measured as it streamed. */
export type Spooled = {
  dir: string;
  file: string;
  size: number;
  sha256: string;
  mimeType: string;
};

/** Removes what `spool` left on disk. */
export async function discard(spooled: { dir: string } | undefined) {
  if (spooled) await fsp.rm(spooled.dir, { recursive: true, force: true });
}

/**
 * Streams an upload into a temporary file while counting, hashing and typing it: past the
 * tenant's size limit it stops at once (413 FILE_TOO_LARGE), a type not allowed stops it as soon
 * as its first bytes tell (400 FILE_TYPE_NOT_ALLOWED); nothing is kept either way.
 */
export async function spool(db: Db, p: Principal, name: string, stream: Readable): Promise<Spooled> {
  const max = await fileMaxBytes(db, p.tenantId);
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'guanxi-file-'));
  const file = path.join(dir, 'upload');
  const hash = createHash('sha256');
  const text = new TextCheck();
  let head: Buffer[] = [];
  let headSize = 0;
  let size = 0;
  let type: Awaited<ReturnType<typeof sniff>> | undefined;
  const decide = async () => {
    type = await sniff(Buffer.concat(head), name);
    head = [];
    if ('refused' in type) throw new AppError('FILE_TYPE_NOT_ALLOWED');
  };
  const check = new Transform({
    async transform(piece: Buffer, _enc, done) {
      try {
        size += piece.length;
        if (size > max) throw new AppError('FILE_TOO_LARGE', [{ path: 'file', message: `> ${max} bytes` }]);
        hash.update(piece);
        if (!type) {
          head.push(piece);
          headSize += piece.length;
          if (headSize >= SNIFF_BYTES) await decide();
        }
        if (!type || 'text' in type) text.push(piece);
        done(null, piece);
      } catch (err) {
        done(err as Error);
      }
    },
    async flush(done) {
      try {
        if (!type) await decide();
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  try {
    await pipeline(stream, check, fs.createWriteStream(file));
    if (!size) throw invalid('file', 'empty');
    let mimeType: string;
    if (type && 'mimeType' in type) mimeType = type.mimeType;
    else if (text.end()) mimeType = 'text/plain';
    else throw new AppError('FILE_TYPE_NOT_ALLOWED');
    return { dir, file, size, sha256: hash.digest('hex'), mimeType };
  } catch (err) {
    await discard({ dir });
    // busboy's own limit (a little above ours) as our error
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE');
    throw err;
  } finally {
    if (!stream.readableEnded) stream.resume(); // drain what is left of the request
  }
}

const THUMBNAIL_PX = 320;

/** An image's upright size and a WebP thumbnail (≤ 320 px, EXIF dropped); null if sharp cannot read it. */
async function imageFacts(file: string) {
  try {
    const { default: sharp } = await import('sharp'); // loaded with the first image, not at start
    const image = sharp(file, { limitInputPixels: 100_000_000 });
    const meta = await image.metadata();
    const turned = (meta.orientation ?? 1) >= 5;
    const thumbnail = await sharp(file, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return {
      width: (turned ? meta.height : meta.width) ?? null,
      height: (turned ? meta.width : meta.height) ?? null,
      thumbnail,
    };
  } catch {
    return null;
  }
}

/** The name as shown and offered on download: no folders, no control characters, ≤ 200 characters. */
export function cleanName(name: string) {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...clean].slice(-200).join('') || 'file';
}

/** Stores a spooled upload (and an image's thumbnail) and records it on the record, audited. */
export async function attach(
  db: Db,
  storages: Storages,
  c: Caller,
  input: { entity: string; entityId: string; name: string },
  spooled: Spooled,
): Promise<FileInfo> {
  const { p, actor } = c;
  await requireChangeable(db, p, input.entity, input.entityId);
  const id = uuidv7();
  const store = storages.current;
  const facts = thumbnailed.has(spooled.mimeType) ? await imageFacts(spooled.file) : null;
  const thumbnailId = facts ? uuidv7() : null;
  const name = cleanName(input.name);
  await store.put(p.tenantId, id, fs.createReadStream(spooled.file), spooled.size, spooled.mimeType);
  try {
    if (facts && thumbnailId)
      await store.put(p.tenantId, thumbnailId, facts.thumbnail, facts.thumbnail.length, 'image/webp');
    await db.transaction(async (tx) => {
      // again, locked with the record: it may have moved out of reach while the bytes were stored
      if (!(await entityOf(input.entity).canChange(tx, p, input.entityId))) throw notFound();
      const row = {
        id,
        tenantId: p.tenantId,
        createdBy: p.userId,
        entity: input.entity,
        entityId: input.entityId,
        name,
        size: spooled.size,
        mimeType: spooled.mimeType,
        sha256: spooled.sha256,
        storage: store.kind,
        width: facts?.width ?? null,
        height: facts?.height ?? null,
        thumbnailId,
      };
      await repo.insertFile(tx, row);
      await writeAudit(tx, actor, {
        action: 'create',
        entity: ENTITY,
        entityId: id,
        summary: name,
        changes: diff(null, {
          entity: row.entity,
          entityId: row.entityId,
          name,
          size: row.size,
          mimeType: row.mimeType,
          sha256: row.sha256,
        }),
      });
    });
  } catch (err) {
    await removeBytes(store, p.tenantId, [id, thumbnailId]);
    throw err;
  }
  const row = await repo.findFile(db, p.tenantId, id);
  return toFileInfo(row!);
}

async function removeBytes(store: FileStorage, tenantId: string, ids: (string | null)[]) {
  for (const id of ids) if (id) await store.delete(tenantId, id);
}

/** A visible file's row (404 if the file or its record is out of reach). */
async function visibleFile(db: Db, p: Principal, id: string) {
  const row = await repo.findFile(db, p.tenantId, id);
  if (!row || !entities.has(row.entity)) throw notFound();
  await requireVisible(db, p, row.entity, row.entityId);
  return row;
}

/** The file's bytes (or its thumbnail's) as a stream, with what the download headers need. */
export async function content(db: Db, storages: Storages, p: Principal, id: string, thumbnail: boolean) {
  const row = await visibleFile(db, p, id);
  if (thumbnail && !row.thumbnailId) throw notFound();
  const store = storages.byKind[row.storage];
  if (!store) throw new AppError('SERVICE_UNAVAILABLE'); // kept in a bucket no longer configured
  const stream = await store.get(p.tenantId, thumbnail ? row.thumbnailId! : row.id);
  return { row: toFileInfo(row), stream };
}

/**
 * Deletes a file: who may change its record may delete its files (the uploader too, only while
 * they may change the record). The row and audit in one transaction, then the stored bytes.
 */
export async function deleteFile(db: Db, storages: Storages, c: Caller, id: string) {
  const { p, actor } = c;
  const row = await visibleFile(db, p, id);
  await db.transaction(async (tx) => {
    if (!(await entityOf(row.entity).canChange(tx, p, row.entityId))) throw forbidden();
    if (!(await repo.deleteFileRow(tx, p.tenantId, id))) throw notFound();
    await writeAudit(tx, actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      summary: row.name,
      changes: diff(
        { entity: row.entity, entityId: row.entityId, name: row.name, size: row.size, sha256: row.sha256 },
        null,
      ),
    });
  });
  const store = storages.byKind[row.storage];
  if (store) await removeBytes(store, p.tenantId, [row.id, row.thumbnailId]);
}
