import { sql } from 'drizzle-orm';
import { check, date, integer, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/** 销售任务: an amount and/or count target of one department or one person for a month, quarter or year. */
export const salesTargets = pgTable(
  'sales_targets',
  {
    ...baseColumns(),
    period: text('period', { enum: ['month', 'quarter', 'year'] }).notNull(),
    /** The period's first day. */
    start: date('start', { mode: 'string' }).notNull(),
    departmentId: uuid('department_id'),
    userId: uuid('user_id'),
    amount: numeric('amount', { precision: 18, scale: 2 }),
    count: integer('count'),
    updatedBy: uuid('updated_by'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    check('sales_targets_one_subject', sql`(${t.departmentId} IS NULL) <> (${t.userId} IS NULL)`),
    // one target per subject and period
    uniqueIndex('sales_targets_department_uq')
      .on(t.tenantId, t.period, t.start, t.departmentId)
      .where(sql`${t.departmentId} IS NOT NULL AND ${t.deletedAt} IS NULL`),
    uniqueIndex('sales_targets_user_uq')
      .on(t.tenantId, t.period, t.start, t.userId)
      .where(sql`${t.userId} IS NOT NULL AND ${t.deletedAt} IS NULL`),
  ],
);

/** What attainment counts, per tenant (no row: orders). */
export const targetSettings = pgTable('target_settings', {
  tenantId: uuid('tenant_id').primaryKey(),
  basis: text('basis', { enum: ['opportunities', 'orders', 'payments'] })
    .notNull()
    .default('orders'),
  version: integer('version').notNull().default(1),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});
