import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

const money = (name: string) => numeric(name, { precision: 18, scale: 2 });

/** 市场活动: a campaign through one channel, kept by its owner (the campaigns data scope is over owner and department). */
export const campaigns = pgTable(
  'campaigns',
  {
    ...baseColumns(),
    /** HD… from the tenant's numbering rule for `campaign`. */
    number: text('number').notNull(),
    name: text('name').notNull(),
    /** Dictionary `campaign-channel`. */
    channelId: uuid('channel_id').notNull(),
    status: text('status', { enum: ['planned', 'running', 'finished', 'cancelled'] })
      .notNull()
      .default('planned'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    budget: money('budget'),
    /** 目标客户: who the campaign is for, in words. */
    targetCustomers: text('target_customers'),
    /** 产品: free text until a products module exists. */
    products: text('products'),
    partners: text('partners'),
    description: text('description'),
    ownerId: uuid('owner_id').notNull(),
    /** The owner's department when saved (department scopes read it). */
    departmentId: uuid('department_id').notNull(),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    uniqueIndex('campaigns_number_idx').on(t.tenantId, t.number),
    index('campaigns_start_idx').on(t.tenantId, t.startDate, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('campaigns_owner_idx').on(t.tenantId, t.ownerId).where(sql`${t.deletedAt} IS NULL`),
    index('campaigns_department_idx').on(t.tenantId, t.departmentId).where(sql`${t.deletedAt} IS NULL`),
  ],
);

/** 参与人员. */
export const campaignParticipants = pgTable(
  'campaign_participants',
  {
    tenantId: uuid('tenant_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId] })],
);

/** 费用明细: the campaign's expense lines, in the order entered; replaced as a whole with the campaign's version. */
export const campaignExpenses = pgTable(
  'campaign_expenses',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    position: integer('position').notNull(),
    item: text('item').notNull(),
    amount: money('amount').notNull(),
    spentOn: date('spent_on', { mode: 'string' }),
    note: text('note'),
  },
  (t) => [index('campaign_expenses_campaign_idx').on(t.tenantId, t.campaignId, t.position)],
);

/** 活动记录: dated entries of what was done, by whom (append-only but for its author's delete). */
export const campaignActions = pgTable(
  'campaign_actions',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    userId: uuid('user_id').notNull(),
    content: text('content').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('campaign_actions_campaign_idx').on(t.tenantId, t.campaignId, t.occurredOn, t.createdAt)],
);
