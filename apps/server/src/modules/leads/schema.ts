import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/**
 * 线索: a prospect not yet a customer — by hand, by import or from a public web form. Seen by its
 * owner (assignee) and department scope; a lead with no owner is in the pool (线索池), seen by
 * whoever holds leads:view, and grabbed from there.
 */
export const leads = pgTable(
  'leads',
  {
    ...baseColumns(),
    /** The company (or the person, for a private buyer). */
    name: text('name').notNull(),
    contactName: text('contact_name'),
    mobile: text('mobile'),
    email: text('email'),
    /** Dictionary `customer-source`. */
    sourceId: uuid('source_id'),
    campaignId: uuid('campaign_id'),
    /** GB/T 2260 code of the dictionary `region`. */
    regionCode: text('region_code'),
    remark: text('remark'),
    status: text('status', {
      enum: ['new', 'assigned', 'following', 'qualified', 'converted', 'disqualified'],
    }).notNull(),
    /** Dictionary `lead-disqualify-reason`. */
    disqualifyReasonId: uuid('disqualify_reason_id'),
    /** The assignee; null while in the pool. */
    ownerId: uuid('owner_id'),
    departmentId: uuid('department_id'),
    assignedAt: tz('assigned_at'),
    /** Set when the owner took it from the pool (抢单): counts toward the daily limit. */
    grabbedAt: tz('grabbed_at'),
    /** The web form it came through. */
    formId: uuid('form_id'),
    /** What it became (links kept after conversion). */
    customerId: uuid('customer_id'),
    contactId: uuid('contact_id'),
    convertedAt: tz('converted_at'),
    convertedBy: uuid('converted_by'),
    /** The opportunity opened with the conversion (销售机会), if any. */
    opportunityId: uuid('opportunity_id'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    index('leads_created_idx').on(t.tenantId, t.createdAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('leads_owner_idx').on(t.tenantId, t.ownerId, t.createdAt).where(sql`${t.deletedAt} IS NULL`),
    index('leads_pool_idx')
      .on(t.tenantId, t.createdAt)
      .where(sql`${t.ownerId} IS NULL AND ${t.deletedAt} IS NULL`),
    index('leads_campaign_idx').on(t.tenantId, t.campaignId).where(sql`${t.campaignId} IS NOT NULL`),
    // the daily grab limit: a user's grabs since the start of their day
    index('leads_grabbed_idx').on(t.tenantId, t.ownerId, t.grabbedAt).where(sql`${t.grabbedAt} IS NOT NULL`),
  ],
);

/** A lead's own activity log: notes (跟进) and what happened to it (assigned, status, converted). */
export const leadActivities = pgTable(
  'lead_activities',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    kind: text('kind', { enum: ['note', 'created', 'assigned', 'grabbed', 'status', 'converted'] }).notNull(),
    content: text('content').notNull(),
    userId: uuid('user_id'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('lead_activities_idx').on(t.tenantId, t.leadId, t.createdAt)],
);

/** 表单: a public web form per campaign / channel, reached by its unguessable token. */
export const leadForms = pgTable(
  'lead_forms',
  {
    ...baseColumns(),
    name: text('name').notNull(),
    token: text('token').notNull(),
    campaignId: uuid('campaign_id'),
    /** Dictionary `customer-source`: the channel its leads come from. */
    sourceId: uuid('source_id'),
    title: text('title').notNull(),
    intro: text('intro'),
    /** Optional fields shown besides name and a way to reach the person. */
    fields: jsonb('fields').$type<string[]>().notNull().default([]),
    /** Submissions a minute this form accepts (all addresses together). */
    perMinute: integer('per_minute').notNull().default(600),
    active: boolean('active').notNull().default(true),
    deletedAt: tz('deleted_at'),
  },
  (t) => [uniqueIndex('lead_forms_token_idx').on(t.token), index('lead_forms_tenant_idx').on(t.tenantId)],
);

/** 分配规则: new leads matching a region / source / campaign go round-robin to a department's people. */
export const leadRules = pgTable(
  'lead_rules',
  {
    ...baseColumns(),
    name: text('name').notNull(),
    priority: integer('priority').notNull().default(0),
    regionCode: text('region_code'),
    sourceId: uuid('source_id'),
    campaignId: uuid('campaign_id'),
    departmentId: uuid('department_id').notNull(),
    /** The last user given a lead (round-robin continues after them). */
    lastUserId: uuid('last_user_id'),
    active: boolean('active').notNull().default(true),
    deletedAt: tz('deleted_at'),
  },
  (t) => [index('lead_rules_tenant_idx').on(t.tenantId, t.priority)],
);

/** Per-tenant lead settings: the daily limit of leads one may grab from the pool. */
export const leadSettings = pgTable('lead_settings', {
  tenantId: uuid('tenant_id').primaryKey(),
  grabDailyLimit: integer('grab_daily_limit').notNull().default(20),
  version: integer('version').notNull().default(1),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});
