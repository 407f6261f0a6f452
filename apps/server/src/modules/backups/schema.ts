import { bigint, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/**
 * A backup archive (备份): of the caller's tenant, or of the whole system (`tenant_id` is then the
 * default tenant, whose administrator made it). The archive's bytes are in `backup_chunks`
 * (db/schema/chunks.ts).
 */
export const backups = pgTable(
  'backups',
  {
    ...baseColumns(),
    scope: text('scope', { enum: ['tenant', 'system'] }).notNull(),
    /** manual (立即备份) | schedule (the daily job) */
    trigger: text('trigger', { enum: ['manual', 'schedule'] }).notNull(),
    createdByName: text('created_by_name'),
    /** queued → running → done | failed */
    status: text('status').notNull().default('queued'),
    size: bigint('size', { mode: 'number' }),
    /** SHA-256 of the archive file, hex */
    checksum: text('checksum'),
    message: text('message'),
    finishedAt: tz('finished_at'),
  },
  (t) => [index('backups_tenant_idx').on(t.tenantId, t.createdAt)],
);

/** A restore (还原) from an uploaded archive, kept in `backup_chunks` under this id until it ran. */
export const restores = pgTable('restores', {
  ...baseColumns(),
  mode: text('mode', { enum: ['replace-tenant', 'empty-system'] }).notNull(),
  fileName: text('file_name').notNull(),
  /** queued → running → done | failed */
  status: text('status').notNull().default('queued'),
  code: text('code'),
  message: text('message'),
  /** what was restored: scope, tenant code, rows per table, files */
  result: jsonb('result').$type<Record<string, unknown>>(),
  finishedAt: tz('finished_at'),
});

/** A tenant's scheduled backup: daily at `daily_hour` (tenant time zone; null: off), keeping the last `keep_last`. */
export const backupSettings = pgTable('backup_settings', {
  tenantId: uuid('tenant_id').primaryKey(),
  dailyHour: integer('daily_hour'),
  keepLast: integer('keep_last').notNull().default(7),
  /** the last day (tenant zone, YYYY-MM-DD) a scheduled backup was started: one a day */
  lastRunOn: text('last_run_on'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});
