import { sql } from 'drizzle-orm';
import { date, index, jsonb, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/** A goal's target or a result's actual: a count (`"30"`) or money for `amount` (`"50000.00"`). */
type GoalValue = { kind: string; target: string };
type ResultValue = { kind: string; actual: string };
type ExpenseLine = { item: string; amount: string };

/**
 * 营销计划: planned by a store or branch (its `department_id`, its executor `owner_id`), reviewed
 * (or approved through the engine when it has expenses), executed with 活动签到 and closed by the
 * executor's feedback, locked once submitted.
 */
export const marketingPlans = pgTable(
  'marketing_plans',
  {
    ...baseColumns(),
    number: text('number').notNull(),
    type: text('type', { enum: ['visit', 'promotion'] }).notNull(),
    /** Dictionary `plan-type`: a child of the type's item. */
    subTypeId: uuid('sub_type_id').notNull(),
    title: text('title').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    /** A `region` dictionary code. */
    regionCode: text('region_code'),
    goals: jsonb('goals').$type<GoalValue[]>().notNull().default([]),
    expenses: jsonb('expenses').$type<ExpenseLine[]>().notNull().default([]),
    /** The sum of the expense lines, kept for lists and summaries. */
    budget: numeric('budget', { precision: 18, scale: 2 }).notNull().default('0'),
    ownerId: uuid('owner_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    reviewStatus: text('review_status', {
      enum: ['unreviewed', 'in-approval', 'approved', 'rejected', 'returned'],
    }).notNull(),
    approvalId: uuid('approval_id'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: tz('reviewed_at'),
    reviewComment: text('review_comment'),
    feedbackStatus: text('feedback_status', { enum: ['none', 'draft', 'submitted'] })
      .notNull()
      .default('none'),
    results: jsonb('results').$type<ResultValue[]>().notNull().default([]),
    actualExpenses: numeric('actual_expenses', { precision: 18, scale: 2 }),
    feedbackNotes: text('feedback_notes'),
    /** Average attainment of the goals reported, percent (kept with the feedback, for summaries). */
    attainment: numeric('attainment', { precision: 9, scale: 1 }),
    feedbackSubmittedAt: tz('feedback_submitted_at'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    // lists newest first by start; by department (a supervisor's subtree) and by executor
    index('marketing_plans_start_idx').on(t.tenantId, t.startDate, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('marketing_plans_department_idx')
      .on(t.tenantId, t.departmentId, t.startDate)
      .where(sql`${t.deletedAt} IS NULL`),
    index('marketing_plans_owner_idx')
      .on(t.tenantId, t.ownerId, t.startDate)
      .where(sql`${t.deletedAt} IS NULL`),
    // the 未审核 queue
    index('marketing_plans_unreviewed_idx')
      .on(t.tenantId, t.departmentId)
      .where(sql`${t.deletedAt} IS NULL AND ${t.reviewStatus} = 'unreviewed'`),
  ],
);

/**
 * A plan's target customers (目标客户). Not unique per plan: a customer merge moves these rows to
 * the surviving customer, which may already be a target — reads take distinct customers.
 */
export const marketingPlanCustomers = pgTable(
  'marketing_plan_customers',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    planId: uuid('plan_id').notNull(),
    customerId: uuid('customer_id').notNull(),
  },
  (t) => [
    index('marketing_plan_customers_plan_idx').on(t.tenantId, t.planId),
    index('marketing_plan_customers_customer_idx').on(t.tenantId, t.customerId),
  ],
);
