import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/**
 * 联系频率: follow-ups a customer of a level (dictionary customer-level) needs per month. One row
 * per level that has ever had a norm; 0 means none (the row keeps its version and history).
 */
export const contactNorms = pgTable(
  'contact_norms',
  {
    ...baseColumns(),
    levelId: uuid('level_id').notNull(),
    perMonth: integer('per_month').notNull(),
  },
  (t) => [
    uniqueIndex('contact_norms_level_uq').on(t.tenantId, t.levelId),
    check('contact_norms_per_month_ck', sql`${t.perMonth} >= 0`),
  ],
);

/**
 * 报表订阅: a user's report with its query, sent to them as XLSX by e-mail weekly (day = ISO
 * weekday 1–7) or monthly (day of month 1–28) at an hour of the tenant's time zone. The job sets
 * the `last_*` columns and `next_run_at` (not `version`: what the user edits is theirs alone);
 * `claimed_at` marks a send in progress (reports/subscriptions-job.ts).
 */
export const reportSubscriptions = pgTable(
  'report_subscriptions',
  {
    ...baseColumns(),
    /** The subscriber: the report runs as them, at send time, and goes to their e-mail. */
    userId: uuid('user_id').notNull(),
    reportCode: text('report_code').notNull(),
    /** The report's query (range, groupBy, top, compare, its filters), as GET /reports/:code takes it. */
    query: jsonb('query').$type<Record<string, string | number>>().notNull(),
    frequency: text('frequency').notNull(),
    day: integer('day').notNull(),
    hour: integer('hour').notNull(),
    title: text('title'),
    /** The language of the mail and the file (the subscriber's when they saved it). */
    locale: text('locale').notNull(),
    active: boolean('active').notNull().default(true),
    nextRunAt: tz('next_run_at').notNull(),
    claimedAt: tz('claimed_at'),
    attempts: integer('attempts').notNull().default(0),
    lastSentAt: tz('last_sent_at'),
    lastRunAt: tz('last_run_at'),
    lastOutcome: text('last_outcome'),
    lastError: text('last_error'),
  },
  (t) => [
    index('report_subscriptions_user_idx').on(t.tenantId, t.userId),
    index('report_subscriptions_due_idx').on(t.nextRunAt).where(sql`${t.active}`),
    check('report_subscriptions_frequency_ck', sql`${t.frequency} IN ('weekly', 'monthly')`),
    check(
      'report_subscriptions_day_ck',
      sql`${t.day} >= 1 AND ${t.day} <= CASE WHEN ${t.frequency} = 'weekly' THEN 7 ELSE 28 END`,
    ),
    check('report_subscriptions_hour_ck', sql`${t.hour} BETWEEN 0 AND 23`),
  ],
);
