import type { BackupJob, RestoreJob, RestoreMode } from '@guanxi/contract';
import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { announceAuthChange } from '../../platform/auth/auth-changes.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { deleteFile, readFile, storeFile } from '../../platform/chunk-store.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Jobs } from '../../platform/jobs.ts';
import { allTenants } from '../organization/tenants-service.ts';
import { sha256 } from './archive.ts';
import { checkRestore, createArchive, openArchive, restoreArchive } from './archive-service.ts';
import { backupSettings, backups, restores } from './schema.ts';

export const BACKUP_JOB = 'backups.run';
export const RESTORE_JOB = 'backups.restore';
/** Scheduled archives kept when the tenant has not said. */
export const DEFAULT_KEEP_LAST = 7;

type BackupRow = typeof backups.$inferSelect;
type RestoreRow = typeof restores.$inferSelect;

/** The system administrator: a holder of system:backup in the default tenant (the first one). */
export async function isSystemAdmin(db: Db, tenantId: string) {
  return Boolean((await allTenants(db)).find((t) => t.id === tenantId)?.isDefault);
}

const toBackup = (r: BackupRow, tenantCode: string | null): BackupJob => ({
  id: r.id,
  scope: r.scope,
  tenant: r.scope === 'tenant' ? tenantCode : null,
  trigger: r.trigger,
  status: r.status as BackupJob['status'],
  size: r.size,
  checksum: r.checksum,
  error: r.message,
  createdBy: r.createdByName,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

async function codeOf(db: Db, tenantId: string) {
  return (await allTenants(db)).find((t) => t.id === tenantId)?.code ?? null;
}

/** Queues a backup of the caller's tenant, or of the whole system (the system administrator only). */
export async function startBackup(
  db: Db,
  jobs: Jobs,
  who: { tenantId: string; userId: string | null; name: string | null },
  scope: 'tenant' | 'system',
  trigger: 'manual' | 'schedule' = 'manual',
) {
  if (scope === 'system' && !(await isSystemAdmin(db, who.tenantId))) throw forbidden();
  const id = uuidv7();
  await db.insert(backups).values({
    id,
    tenantId: who.tenantId,
    createdBy: who.userId,
    createdByName: who.name,
    scope,
    trigger,
  });
  await jobs.send(BACKUP_JOB, { backupId: id });
  return { id };
}

const setBackup = (db: Db, id: string, values: Partial<BackupRow>) =>
  db
    .update(backups)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(backups.id, id));

/** The job: writes the archive into the chunk store, with its size and checksum, audited. */
export async function runBackup(db: Db, config: Config, serverKeyId: string, backupId: string) {
  const [row] = await db.select().from(backups).where(eq(backups.id, backupId));
  if (row?.status !== 'queued') return;
  await setBackup(db, backupId, { status: 'running' });
  try {
    const { archive } = await createArchive(db, {
      scope: row.scope,
      tenantId: row.tenantId,
      serverKeyId,
      s3: config.s3,
    });
    await storeFile(db, 'backups', backupId, [archive]);
    await setBackup(db, backupId, {
      status: 'done',
      size: archive.length,
      checksum: sha256(archive),
      finishedAt: new Date(),
    });
    const actor: Actor = { tenantId: row.tenantId, userId: row.createdBy, userName: row.createdByName };
    await writeAudit(db, actor, {
      action: 'create',
      entity: 'backups',
      entityId: backupId,
      summary: `${row.scope} backup, ${archive.length} bytes`,
    });
    if (row.trigger === 'schedule') await applyRetention(db, row.tenantId);
  } catch (err) {
    await deleteFile(db, 'backups', backupId);
    await setBackup(db, backupId, {
      status: 'failed',
      message: String((err as Error).message).slice(0, 300),
      finishedAt: new Date(),
    });
    throw err;
  }
}

async function ownBackup(db: Db, p: Principal, id: string) {
  const [row] = await db
    .select()
    .from(backups)
    .where(and(eq(backups.tenantId, p.tenantId), eq(backups.id, id)));
  if (!row) throw notFound();
  return row;
}

export async function getBackup(db: Db, p: Principal, id: string) {
  return toBackup(await ownBackup(db, p, id), await codeOf(db, p.tenantId));
}

export async function listBackups(db: Db, p: Principal) {
  const rows = await db
    .select()
    .from(backups)
    .where(eq(backups.tenantId, p.tenantId))
    .orderBy(desc(backups.createdAt))
    .limit(100);
  const code = await codeOf(db, p.tenantId);
  return rows.map((r) => toBackup(r, code));
}

/** The finished archive, streamed from the database; the download is audited. */
export async function backupContent(db: Db, actor: Actor, p: Principal, id: string) {
  const row = await ownBackup(db, p, id);
  if (row.status !== 'done') throw new AppError('CONFLICT', [{ path: 'status', message: row.status }]);
  await writeAudit(db, actor, { action: 'download', entity: 'backups', entityId: id });
  const date = row.createdAt.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return { fileName: `guanxi-${row.scope}-${date}.tar.gz`, stream: readFile(db, 'backups', id) };
}

/** 删除 an archive (one made by hand is kept until this); a queued or running one is 409. Audited. */
export async function deleteBackup(db: Db, actor: Actor, p: Principal, id: string) {
  const row = await ownBackup(db, p, id);
  const busy = new AppError('CONFLICT', [{ path: 'status', message: row.status }]);
  if (row.status === 'queued' || row.status === 'running') throw busy;
  await db.transaction(async (tx) => {
    // the status checked again in the delete itself: the job may have taken it meanwhile
    const gone = await tx
      .delete(backups)
      .where(and(eq(backups.id, id), notInArray(backups.status, ['queued', 'running'])))
      .returning({ id: backups.id });
    if (!gone.length) throw busy;
    await deleteFile(tx, 'backups', id);
    await writeAudit(tx, actor, { action: 'delete', entity: 'backups', entityId: id, summary: row.scope });
  });
}

/**
 * Retention: of the tenant's scheduled archives, the newest `keep_last` finished ones stay and the
 * older are deleted (bytes first). Archives made by hand are kept until someone deletes them.
 */
export async function applyRetention(db: Db, tenantId: string) {
  const [setting] = await db.select().from(backupSettings).where(eq(backupSettings.tenantId, tenantId));
  const keep = setting?.keepLast ?? DEFAULT_KEEP_LAST;
  const done = await db
    .select({ id: backups.id })
    .from(backups)
    .where(and(eq(backups.tenantId, tenantId), eq(backups.trigger, 'schedule'), eq(backups.status, 'done')))
    .orderBy(desc(backups.createdAt), desc(backups.id));
  for (const { id } of done.slice(keep)) {
    await deleteFile(db, 'backups', id);
    await db.delete(backups).where(eq(backups.id, id));
  }
}

// ---- restores ----

const toRestore = (r: RestoreRow): RestoreJob => ({
  id: r.id,
  mode: r.mode,
  fileName: r.fileName,
  status: r.status as RestoreJob['status'],
  code: r.code,
  error: r.message,
  result: (r.result as RestoreJob['result']) ?? null,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/**
 * Checks an uploaded archive now (a damaged, foreign or newer one is refused with its code before
 * anything is queued), keeps it in the chunk store and queues the restore.
 */
export async function startRestore(
  db: Db,
  jobs: Jobs,
  actor: Actor,
  input: { mode: RestoreMode; confirm?: string; fileName: string; archive: Buffer; serverKeyId: string },
) {
  const { manifest } = openArchive(input.archive, input.serverKeyId);
  const caller = { tenantId: actor.tenantId, systemAdmin: await isSystemAdmin(db, actor.tenantId) };
  await checkRestore(db, manifest, {
    mode: input.mode,
    confirm: input.confirm,
    caller,
    serverKeyId: input.serverKeyId,
  });
  const id = uuidv7();
  await storeFile(db, 'backups', id, [input.archive]);
  await db.insert(restores).values({
    id,
    tenantId: actor.tenantId,
    createdBy: actor.userId,
    mode: input.mode,
    fileName: input.fileName.slice(0, 200),
  });
  await jobs.send(RESTORE_JOB, { restoreId: id, confirm: input.confirm ?? null });
  return { id };
}

const setRestore = (db: Db, id: string, values: Partial<RestoreRow>) =>
  db
    .update(restores)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(restores.id, id));

async function archiveBytes(db: Db, id: string) {
  const parts: Buffer[] = [];
  for await (const part of readFile(db, 'backups', id)) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** The job: restores the kept archive (checked again, in one transaction), then drops it; audited. */
export async function runRestore(db: Db, config: Config, restoreId: string, confirm: string | null) {
  const [row] = await db.select().from(restores).where(eq(restores.id, restoreId));
  if (row?.status !== 'queued') return;
  await setRestore(db, restoreId, { status: 'running' });
  const actor: Actor = { tenantId: row.tenantId, userId: row.createdBy, userName: null };
  try {
    const result = await restoreArchive(db, await archiveBytes(db, restoreId), {
      mode: row.mode,
      confirm: confirm ?? undefined,
      caller: { tenantId: row.tenantId, systemAdmin: await isSystemAdmin(db, row.tenantId) },
      serverKeyId: config.serverKey.id,
      s3: config.s3,
    });
    // people, roles and sessions may all have changed: every server drops its cached sign-ins
    await announceAuthChange(db);
    await setRestore(db, restoreId, { status: 'done', result, finishedAt: new Date() });
    await writeAudit(db, actor, {
      action: 'restore',
      entity: 'restores',
      entityId: restoreId,
      summary: `${row.mode}: ${result.scope} archive${result.tenant ? ` of ${result.tenant}` : ''}`,
    });
  } catch (err) {
    const code = err instanceof AppError ? err.code : 'INTERNAL';
    await setRestore(db, restoreId, {
      status: 'failed',
      code,
      message: String((err as Error).message).slice(0, 300),
      finishedAt: new Date(),
    });
    if (!(err instanceof AppError)) throw err;
  } finally {
    await deleteFile(db, 'backups', restoreId);
  }
}

export async function getRestore(db: Db, p: Principal, id: string) {
  const [row] = await db
    .select()
    .from(restores)
    .where(and(eq(restores.tenantId, p.tenantId), eq(restores.id, id)));
  if (!row) throw notFound();
  return toRestore(row);
}
