import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
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
