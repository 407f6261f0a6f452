import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

type Figures = { newCustomers: number; followUps: number; visits: number; checkIns: number };

/** 工作汇报: one per author, period and start; a draft until submitted, then final. */
export const workReports = pgTable(
  'work_reports',
  {
    ...baseColumns(),
    authorId: uuid('author_id').notNull(),
    period: text('period', { enum: ['day', 'week', 'month', 'half-year', 'year'] }).notNull(),
    /** The period's first day (the tenant's calendar). */
    start: date('start', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['draft', 'submitted'] }).notNull(),
    summary: text('summary').notNull().default(''),
    plan: text('plan').notNull().default(''),
    /** The period's figures when it was submitted (null while a draft). */
    figures: jsonb('figures').$type<Figures>(),
    submittedAt: tz('submitted_at'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    uniqueIndex('work_reports_author_period_uq')
      .on(t.tenantId, t.authorId, t.period, t.start)
      .where(sql`${t.deletedAt} IS NULL`),
    // the list, newest period first; and 未汇报's look-up of a period
    index('work_reports_start_idx').on(t.tenantId, t.start, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('work_reports_period_idx').on(t.tenantId, t.period, t.start).where(sql`${t.deletedAt} IS NULL`),
  ],
);

/** 点评 on a report. */
export const workReportComments = pgTable(
  'work_report_comments',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    reportId: uuid('report_id').notNull(),
    userId: uuid('user_id').notNull(),
    content: text('content').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('work_report_comments_report_idx').on(t.tenantId, t.reportId, t.createdAt)],
);
