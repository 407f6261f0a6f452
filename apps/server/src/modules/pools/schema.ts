import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

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
