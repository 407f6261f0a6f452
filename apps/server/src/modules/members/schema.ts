import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/**
 * 会员: one live member per customer. No owner of its own: a member is seen exactly when its
 * customer is (the customers scope). `points` caches the ledger's sum, written only with an
 * entry in the same transaction under the member's row lock; the check is the last guard.
 */
export const members = pgTable(
  'members',
  {
    ...baseColumns(),
    number: text('number').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    levelId: uuid('level_id'),
    joinedAt: date('joined_at').notNull(),
    status: text('status', { enum: ['active', 'frozen', 'cancelled'] })
      .notNull()
      .default('active'),
    points: integer('points').notNull().default(0),
    lifetimePoints: integer('lifetime_points').notNull().default(0),
    lifetimeSpend: numeric('lifetime_spend', { precision: 18, scale: 2 }).notNull().default('0'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    uniqueIndex('members_customer_uq').on(t.tenantId, t.customerId).where(sql`${t.deletedAt} IS NULL`),
    uniqueIndex('members_number_uq').on(t.tenantId, t.number),
    index('members_created_idx').on(t.tenantId, t.createdAt, t.id),
    check('members_points_not_negative', sql`${t.points} >= 0`),
  ],
);

/**
 * 积分流水: append-only but for `remaining`, what is left of a credit (earn, adjust) after the
 * debits (redeem, expire) that consumed it, earliest expiry first — so the expiry job takes off
 * exactly what is left of expired credits. An earning names its source, unique: an order or an
 * activity earns once.
 */
export const memberPointEntries = pgTable(
  'member_point_entries',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    memberId: uuid('member_id').notNull(),
    kind: text('kind', { enum: ['earn', 'redeem', 'adjust', 'expire'] }).notNull(),
    points: integer('points').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    reason: text('reason').notNull(),
    sourceKind: text('source_kind', { enum: ['order', 'campaign', 'plan', 'manual', 'expiry'] }).notNull(),
    sourceId: uuid('source_id'),
    expiresAt: tz('expires_at'),
    remaining: integer('remaining'),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('member_point_entries_member_idx').on(t.tenantId, t.memberId, t.createdAt),
    uniqueIndex('member_point_entries_source_uq')
      .on(t.tenantId, t.memberId, t.sourceKind, t.sourceId)
      .where(sql`${t.kind} = 'earn' AND ${t.sourceId} IS NOT NULL`),
    // the expiry job's walk: credits with something left
    index('member_point_entries_expiry_idx').on(t.tenantId, t.expiresAt).where(sql`${t.remaining} > 0`),
    check('member_point_entries_balance_not_negative', sql`${t.balanceAfter} >= 0`),
    check(
      'member_point_entries_remaining_range',
      sql`${t.remaining} IS NULL OR (${t.remaining} >= 0 AND ${t.remaining} <= ${t.points})`,
    ),
  ],
);

/** 参与活动: a member × a campaign or marketing plan, once each, with the points it earned. */
export const memberParticipations = pgTable(
  'member_participations',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    memberId: uuid('member_id').notNull(),
    kind: text('kind', { enum: ['campaign', 'plan'] }).notNull(),
    activityId: uuid('activity_id').notNull(),
    participatedAt: date('participated_at').notNull(),
    points: integer('points').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('member_participations_uq').on(t.tenantId, t.memberId, t.kind, t.activityId)],
);

/** 等级变更: every change of a member's level, by rule (upgrade) or by hand. */
export const memberLevelChanges = pgTable(
  'member_level_changes',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    memberId: uuid('member_id').notNull(),
    fromLevelId: uuid('from_level_id'),
    toLevelId: uuid('to_level_id').notNull(),
    cause: text('cause', { enum: ['rule', 'manual'] }).notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('member_level_changes_member_idx').on(t.tenantId, t.memberId, t.createdAt)],
);

export type LevelRules = Record<string, { minPoints: number | null; minSpend: string | null }>;

/** 会员设置 per tenant (a missing row is the defaults of `settings.ts`). */
export const memberSettings = pgTable('member_settings', {
  tenantId: uuid('tenant_id').primaryKey(),
  pointsPerYuan: numeric('points_per_yuan', { precision: 6, scale: 2 }).notNull(),
  expiryMonths: integer('expiry_months').notNull(),
  participationPoints: integer('participation_points').notNull(),
  levelRules: jsonb('level_rules').$type<LevelRules>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});
