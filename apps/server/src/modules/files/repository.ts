import { and, desc, eq, getTableColumns, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { files } from './schema.ts';

export type FileRow = typeof files.$inferSelect & { createdByName: string | null };

// the uploader's name: `users` is reference data every module may read in SQL
const createdByName = sql<string | null>`(SELECT u.name FROM users u WHERE u.id = files.created_by)`;

export async function insertFile(tx: Db, values: typeof files.$inferInsert) {
  await tx.insert(files).values(values);
}

export async function findFile(db: Db, tenantId: string, id: string): Promise<FileRow | undefined> {
  const [row] = await db
    .select({ ...getTableColumns(files), createdByName })
    .from(files)
    .where(and(eq(files.tenantId, tenantId), eq(files.id, id)));
  return row;
}

/** A record's files, newest first. */
export async function listFiles(
  db: Db,
  tenantId: string,
  entity: string,
  entityId: string,
): Promise<FileRow[]> {
  return db
    .select({ ...getTableColumns(files), createdByName })
    .from(files)
    .where(and(eq(files.tenantId, tenantId), eq(files.entity, entity), eq(files.entityId, entityId)))
    .orderBy(desc(files.createdAt), desc(files.id));
}

export async function deleteFileRow(tx: Db, tenantId: string, id: string) {
  const rows = await tx
    .delete(files)
    .where(and(eq(files.tenantId, tenantId), eq(files.id, id)))
    .returning({ id: files.id });
  return rows.length > 0;
}

/** Moves files of one record to another (`from` must match): the ids moved. */
export async function moveFiles(
  tx: Db,
  tenantId: string,
  ids: readonly string[],
  from: { entity: string; entityId: string },
  to: { entity: string; entityId: string },
) {
  return tx
    .update(files)
    .set({ entity: to.entity, entityId: to.entityId })
    .where(
      and(
        eq(files.tenantId, tenantId),
        inArray(files.id, [...ids]),
        eq(files.entity, from.entity),
        eq(files.entityId, from.entityId),
      ),
    )
    .returning({ id: files.id, name: files.name });
}

/** A record's files created before `before`, removed: what their bytes were stored as. */
export async function deleteFilesBefore(
  tx: Db,
  tenantId: string,
  record: { entity: string; entityId: string },
  before: Date,
) {
  return tx
    .delete(files)
    .where(
      and(
        eq(files.tenantId, tenantId),
        eq(files.entity, record.entity),
        eq(files.entityId, record.entityId),
        lt(files.createdAt, before),
      ),
    )
    .returning({ id: files.id, thumbnailId: files.thumbnailId, storage: files.storage });
}
