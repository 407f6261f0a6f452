import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import * as repo from './repository.ts';
import type { FileEntity } from './service.ts';
import type { Storages } from './storage.ts';

/**
 * 待关联的上传: files a person uploads while filling in the form of a record that does not exist
 * yet (a new contract's files). They are uploaded to `entity: "uploads"` with the uploader's own
 * user id as `entityId` — only the uploader sees or deletes them — and the record's create request
 * names them (`fileIds`): its module claims them in the transaction that writes the record.
 * Unclaimed uploads older than a day are removed at the uploader's next upload.
 */
export const UPLOADS = 'uploads';

const STALE_AFTER_MS = 24 * 3600_000;

const ownUploads = async (_db: Db, p: Principal, id: string) => id === p.userId;

/** The files module's own record kind: a person's uploads not yet on a record. */
export const uploadsEntity: FileEntity = { entity: UPLOADS, canSee: ownUploads, canChange: ownUploads };

/**
 * Moves the actor's own uploads `fileIds` onto the record (in the record's transaction, audited).
 * An id that is not an unclaimed upload of the actor → 400 `VALIDATION_FAILED` at `fileIds.<i>`,
 * and nothing moves (the caller's transaction rolls back).
 */
export async function claimUploads(
  tx: Db,
  actor: Actor,
  record: { entity: string; entityId: string },
  fileIds: readonly string[] | null | undefined,
): Promise<void> {
  if (!fileIds?.length) return;
  if (!actor.userId) throw forbidden();
  const ids = [...new Set(fileIds)];
  const moved = await repo.moveFiles(
    tx,
    actor.tenantId,
    ids,
    { entity: UPLOADS, entityId: actor.userId },
    record,
  );
  const found = new Set(moved.map((m) => m.id));
  const missing = fileIds.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: `fileIds.${i}`, message: 'unknown upload' }],
  );
  if (missing.length) throw new AppError('VALIDATION_FAILED', missing);
  for (const m of moved)
    await writeAudit(tx, actor, {
      action: 'update',
      entity: 'files',
      entityId: m.id,
      summary: m.name,
      changes: { entity: [UPLOADS, record.entity], entityId: [actor.userId, record.entityId] },
    });
}

/** Removes the person's uploads that no record claimed within a day (rows, then bytes). */
export async function removeStaleUploads(db: Db, storages: Storages, p: Principal) {
  const before = new Date(Date.now() - STALE_AFTER_MS);
  const gone = await repo.deleteFilesBefore(db, p.tenantId, { entity: UPLOADS, entityId: p.userId }, before);
  for (const f of gone) {
    const store = storages.byKind[f.storage];
    if (!store) continue;
    for (const id of [f.id, f.thumbnailId]) if (id) await store.delete(p.tenantId, id);
  }
}
