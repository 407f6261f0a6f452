import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/** One import run: its file (in `import_chunks`), mapping, progress and per-row report. */
export const imports = pgTable(
  'imports',
  {
    ...baseColumns(),
    userId: uuid('user_id').notNull(),
    entity: text('entity', { enum: ['customers', 'contacts', 'leads'] }).notNull(),
    mode: text('mode', { enum: ['skip', 'update', 'create'] }).notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
    /** queued → validating → importing → done; failed (nothing imported) or interrupted (see `processed`). */
    status: text('status').notNull().default('queued'),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    /** The first rows' errors `{row, field, message}` (the full report streams from the file again). */
    errors: jsonb('errors').$type<{ row: number; field: string; message: string }[]>().notNull().default([]),
    idempotencyKey: text('idempotency_key'),
    message: text('message'),
    startedAt: tz('started_at'),
    finishedAt: tz('finished_at'),
  },
  (t) => [
    uniqueIndex('imports_idempotency_uq')
      .on(t.tenantId, t.userId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
    index('imports_user_idx').on(t.tenantId, t.userId, t.createdAt),
  ],
);
