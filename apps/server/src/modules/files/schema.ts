import { bigint, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { baseColumns } from '../../db/schema/columns.ts';

/**
 * A file attached to a record (附件): its name, type by magic bytes, size, SHA-256, where its bytes
 * are (`db`: the chunk store's `file_chunks`; `s3`: the bucket, key `<tenant>/<id>`) and, for an
 * image, its size in pixels and the id of its thumbnail (stored beside it the same way).
 */
export const files = pgTable(
  'files',
  {
    ...baseColumns(),
    /** The kind of record (`customers`, …) as a module declared it in `fileEntities`. */
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    name: text('name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mimeType: text('mime_type').notNull(),
    sha256: text('sha256').notNull(),
    storage: text('storage', { enum: ['db', 's3'] }).notNull(),
    width: integer('width'),
    height: integer('height'),
    thumbnailId: uuid('thumbnail_id'),
  },
  (t) => [index('files_record_idx').on(t.tenantId, t.entity, t.entityId, t.createdAt)],
);
