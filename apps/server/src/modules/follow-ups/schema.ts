import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/** 跟进记录: what happened with a customer (by `user_id`, the author) and what comes next. */
export const followUps = pgTable(
  'follow_ups',
  {
    ...baseColumns(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    /** The author (跟进人); the follow-ups data scope is over this column. */
    userId: uuid('user_id').notNull(),
    /** Dictionary `follow-up-type`. */
    typeId: uuid('type_id').notNull(),
    /** Dictionary `follow-up-topic`. */
    topicId: uuid('topic_id'),
    occurredAt: tz('occurred_at').notNull(),
    content: text('content').notNull(),
    /** Dictionary `customer-status`: the sales stage at the time. */
    stageId: uuid('stage_id'),
    attitude: text('attitude', { enum: ['positive', 'neutral', 'negative'] }),
    nextFollowUpAt: tz('next_follow_up_at'),
    /** The to-do made for the customer's owner from `next_follow_up_at`. */
    todoEventId: uuid('todo_event_id'),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    // the lists: newest first, of everyone in scope / of an author / of a customer (360 tab, timeline)
    // user_id last: a scope over authors is tested in the index, before the row is read
    index('follow_ups_occurred_idx')
      .on(t.tenantId, t.occurredAt, t.id, t.userId)
      .where(sql`${t.deletedAt} IS NULL`),
    index('follow_ups_user_idx')
      .on(t.tenantId, t.userId, t.occurredAt, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    // not partial: the customer timeline reads deleted follow-ups history too
    index('follow_ups_customer_idx').on(t.tenantId, t.customerId, t.occurredAt, t.id),
    // the rollup job finds the follow-ups written since its watermark (rollup-service.ts)
    index('follow_ups_updated_idx').on(t.tenantId, t.updatedAt),
  ],
);

/** 点评: comments on a follow-up (by supervisors of its author, or the author answering). */
export const followUpComments = pgTable(
  'follow_up_comments',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    followUpId: uuid('follow_up_id').notNull(),
    userId: uuid('user_id').notNull(),
    content: text('content').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('follow_up_comments_idx').on(t.tenantId, t.followUpId, t.createdAt)],
);

/**
 * 跟进月度汇总, what the reports read for whole months (活动量 at scale): the follow-ups (not deleted)
 * per tenant, month of occurred_at in the tenant's zone (its first day) and author. Kept by the
 * rollup job (rollup-service.ts), which re-aggregates only the months written since its watermark.
 */
export const followUpMonthRollups = pgTable(
  'follow_up_month_rollups',
  {
    tenantId: uuid('tenant_id').notNull(),
    month: date('month').notNull(),
    userId: uuid('user_id').notNull(),
    followUps: integer('follow_ups').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.month, t.userId] })],
);

/** Per tenant: follow-ups written before `watermark` are in the rollup, as of `refreshedAt`, months in `timeZone`. */
export const followUpRollupState = pgTable('follow_up_rollup_state', {
  tenantId: uuid('tenant_id').primaryKey(),
  watermark: tz('watermark').notNull(),
  refreshedAt: tz('refreshed_at').notNull(),
  timeZone: text('time_zone').notNull(),
});

/** The time a follow-up was moved away from (its month to aggregate again at the next refresh). */
export const followUpRollupMoves = pgTable(
  'follow_up_rollup_moves',
  {
    tenantId: uuid('tenant_id').notNull(),
    at: tz('at').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('follow_up_rollup_moves_idx').on(t.tenantId, t.createdAt)],
);
