import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/** A large export run as a job: its progress, and the finished file in `export_chunks`. */
export const exports = pgTable(
  'exports',
  {
    ...baseColumns(),
    userId: uuid('user_id').notNull(),
    list: text('list').notNull(),
    format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
    query: jsonb('query').$type<Record<string, string>>().notNull(),
    /** queued → running → done | failed */
    status: text('status').notNull().default('queued'),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    fileName: text('file_name').notNull(),
    message: text('message'),
    finishedAt: tz('finished_at'),
  },
  (t) => [index('exports_user_idx').on(t.tenantId, t.userId, t.createdAt)],
);
