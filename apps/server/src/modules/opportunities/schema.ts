import { sql } from 'drizzle-orm';
import { date, index, integer, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/** 销售阶段 of a tenant, in board order, each with its default probability and 停滞 days. */
export const opportunityStages = pgTable(
  'opportunity_stages',
  {
    ...baseColumns(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    probability: numeric('probability', { precision: 5, scale: 2 }).notNull(),
    stalledDays: integer('stalled_days').notNull(),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    uniqueIndex('opportunity_stages_name_idx').on(t.tenantId, t.name).where(sql`${t.deletedAt} IS NULL`),
    index('opportunity_stages_position_idx').on(t.tenantId, t.position),
  ],
);

/**
 * 销售机会: for a customer or a named prospect; `owner_id` is whose it is for the data scope (the
 * assignee, the creator while unassigned) and `department_id` that person's department.
 */
export const opportunities = pgTable(
  'opportunities',
  {
    ...baseColumns(),
    title: text('title').notNull(),
    customerId: uuid('customer_id'),
    prospectName: text('prospect_name'),
    productId: uuid('product_id'),
    expectedAmount: numeric('expected_amount', { precision: 18, scale: 2 }).notNull(),
    probability: numeric('probability', { precision: 5, scale: 2 }).notNull(),
    stageId: uuid('stage_id').notNull(),
    stageChangedAt: tz('stage_changed_at').notNull(),
    expectedCloseDate: date('expected_close_date').notNull(),
    contactId: uuid('contact_id'),
    /** Dictionary `customer-source`. */
    sourceId: uuid('source_id'),
    leadId: uuid('lead_id'),
    campaignId: uuid('campaign_id'),
    description: text('description'),
    status: text('status', { enum: ['unassigned', 'developing', 'won', 'lost'] }).notNull(),
    assigneeId: uuid('assignee_id'),
    assignedAt: tz('assigned_at'),
    ownerId: uuid('owner_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    closedAt: tz('closed_at'),
    /** Dictionary `lost-reason`. */
    lostReasonId: uuid('lost_reason_id'),
    lostNote: text('lost_note'),
    /** When the owner was last told it stalls (once per stall: cleared by a stage change). */
    stalledNotifiedAt: tz('stalled_notified_at'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    // the pipeline's GROUP BY over open deals, owner last so a scope is tested in the index
    index('opportunities_pipeline_idx')
      .on(t.tenantId, t.stageId, t.ownerId, t.departmentId)
      .where(sql`${t.deletedAt} IS NULL AND ${t.status} IN ('unassigned', 'developing')`),
    index('opportunities_updated_idx').on(t.tenantId, t.updatedAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('opportunities_owner_idx')
      .on(t.tenantId, t.ownerId, t.updatedAt)
      .where(sql`${t.deletedAt} IS NULL`),
    index('opportunities_department_idx')
      .on(t.tenantId, t.departmentId, t.updatedAt)
      .where(sql`${t.deletedAt} IS NULL`),
    index('opportunities_customer_idx').on(t.tenantId, t.customerId),
    index('opportunities_close_idx').on(t.tenantId, t.expectedCloseDate).where(sql`${t.deletedAt} IS NULL`),
    // won deals by date (targets, forecast) and by campaign (ROI)
    index('opportunities_won_idx')
      .on(t.tenantId, t.closedAt)
      .where(sql`${t.deletedAt} IS NULL AND ${t.status} = 'won'`),
    index('opportunities_campaign_idx')
      .on(t.tenantId, t.campaignId)
      .where(sql`${t.deletedAt} IS NULL AND ${t.campaignId} IS NOT NULL`),
    index('opportunities_lead_idx').on(t.tenantId, t.leadId).where(sql`${t.leadId} IS NOT NULL`),
  ],
);

/** Every stage change of an opportunity (and its creation, won, lost), append-only. */
export const opportunityStageHistory = pgTable(
  'opportunity_stage_history',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    opportunityId: uuid('opportunity_id').notNull(),
    kind: text('kind', { enum: ['created', 'stage', 'won', 'lost'] }).notNull(),
    fromStageId: uuid('from_stage_id'),
    toStageId: uuid('to_stage_id'),
    probability: numeric('probability', { precision: 5, scale: 2 }),
    userId: uuid('user_id'),
    at: tz('at').notNull().defaultNow(),
  },
  (t) => [
    index('opportunity_stage_history_idx').on(t.tenantId, t.opportunityId, t.at),
    index('opportunity_stage_history_stage_idx').on(t.tenantId, t.toStageId),
  ],
);

/** 客户开发计划: dated items of what to do, each with its 执行结果. */
export const opportunityPlanItems = pgTable(
  'opportunity_plan_items',
  {
    ...baseColumns(),
    opportunityId: uuid('opportunity_id').notNull(),
    dueDate: date('due_date').notNull(),
    content: text('content').notNull(),
    result: text('result'),
    doneAt: tz('done_at'),
    doneBy: uuid('done_by'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    index('opportunity_plan_items_idx')
      .on(t.tenantId, t.opportunityId, t.dueDate)
      .where(sql`${t.deletedAt} IS NULL`),
  ],
);
