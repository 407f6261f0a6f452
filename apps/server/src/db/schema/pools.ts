import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from './columns.ts';

/** A public pool (公海) with its rules; a null limit means no limit. */
export const pools = pgTable(
  'pools',
  {
    ...baseColumns(),
    name: text('name').notNull(),
    /** Departments (with everything below them) that see the pool; empty = the whole tenant. */
    departmentIds: uuid('department_ids').array().notNull().default(sql`'{}'::uuid[]`),
    recycleNoFollowUpDays: integer('recycle_no_follow_up_days'),
    recycleNoDealDays: integer('recycle_no_deal_days'),
    remindDaysBefore: integer('remind_days_before'),
    holdLimit: integer('hold_limit'),
    dailyClaimLimit: integer('daily_claim_limit'),
    cooldownDays: integer('cooldown_days'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [uniqueIndex('pools_name_uq').on(t.tenantId, t.name).where(sql`${t.deletedAt} IS NULL`)],
);

/** Every claim, for the per-day claim limit. */
export const poolClaims = pgTable(
  'pool_claims',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id').notNull(),
    poolId: uuid('pool_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    userId: uuid('user_id').notNull(),
    claimedAt: tz('claimed_at').notNull().defaultNow(),
  },
  (t) => [index('pool_claims_user_idx').on(t.tenantId, t.userId, t.claimedAt)],
);

/** In-app notifications (the header bell); `dedupeKey` keeps a reminder from being sent twice. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** What happened (`pool.recycle-reminder`, …): the web app words it in the reader's language from `data`. */
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** The same in the tenant's language, for API clients that do not know the kind. */
    title: text('title').notNull(),
    /** Where the notification leads in the web app, e.g. `/customers/<id>`. */
    link: text('link'),
    entity: text('entity'),
    entityId: uuid('entity_id'),
    dedupeKey: text('dedupe_key'),
    readAt: tz('read_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_idx').on(t.tenantId, t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.tenantId, t.userId).where(sql`${t.readAt} IS NULL`),
    uniqueIndex('notifications_dedupe_uq').on(t.tenantId, t.userId, t.dedupeKey),
  ],
);
