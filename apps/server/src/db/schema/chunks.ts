import { customType, integer, pgTable, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Files kept in the database in pieces of ≤ 1 MiB (the chunk store): any replica streams them back. */
export const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** The uploaded file, in pieces of ≤ 1 MiB: workers on any replica can read it back as a stream. */
export const importChunks = pgTable(
  'import_chunks',
  {
    importId: uuid('import_id').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [uniqueIndex('import_chunks_pk').on(t.importId, t.seq)],
);

export const exportChunks = pgTable(
  'export_chunks',
  {
    exportId: uuid('export_id').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [uniqueIndex('export_chunks_pk').on(t.exportId, t.seq)],
);

/** Attached files (modules/files) and their thumbnails, when they are kept in the database. */
export const fileChunks = pgTable(
  'file_chunks',
  {
    fileId: uuid('file_id').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [uniqueIndex('file_chunks_pk').on(t.fileId, t.seq)],
);

/** Backup archives, and uploaded archives waiting to be restored (modules/backups). */
export const backupChunks = pgTable(
  'backup_chunks',
  {
    backupId: uuid('backup_id').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [uniqueIndex('backup_chunks_pk').on(t.backupId, t.seq)],
);
