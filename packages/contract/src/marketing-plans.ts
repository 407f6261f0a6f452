import { z } from 'zod';
import { calendarDate as day, id, listQuery, recordBase, timestamp } from './common.ts';
import { amount } from './money.ts';

/** 营销计划 types: 上门拜访 and 营销推广 (their sub-types are the `plan-type` dictionary's children). */
export const planTypes = ['visit', 'promotion'] as const;
export type PlanType = (typeof planTypes)[number];

/** What a plan aims at: counts, and an amount (money). */
export const planGoalKinds = ['visits', 'new-customers', 'leads', 'deals', 'amount'] as const;
export type PlanGoalKind = (typeof planGoalKinds)[number];

/**
 * 审核: `unreviewed` waits in a reviewer's queue; `in-approval` is with the approval engine (a plan
 * with expenses whose flow matched); `returned` came back for changes; only `approved` is executed.
 */
export const planReviewStatuses = ['unreviewed', 'in-approval', 'approved', 'rejected', 'returned'] as const;
export type PlanReviewStatus = (typeof planReviewStatuses)[number];

/** 执行反馈: none yet, saved (still editable), submitted (locked). */
export const planFeedbackStatuses = ['none', 'draft', 'submitted'] as const;
export type PlanFeedbackStatus = (typeof planFeedbackStatuses)[number];

export const planLimits = {
  title: 100,
  goals: 10,
  expenses: 50,
  expenseItem: 100,
  customers: 500,
  notes: 2000,
  comment: 500,
  /** A plan spans at most this many days. */
  days: 366,
  /** Counted goals at most this many. */
  count: 1_000_000,
} as const;

/** A goal's number: a whole count, or money for `amount` (decimal strings out, always). */
const goalNumber = z.union([z.number().nonnegative(), amount]);

export const planGoal = z.object({
  kind: z.enum(planGoalKinds),
  /** The target: a count (`"30"`), or for `amount` money (`"50000.00"`). */
  target: z.string(),
});
export type PlanGoal = z.infer<typeof planGoal>;

export const planExpense = z.object({ item: z.string(), amount: z.string() });
export type PlanExpense = z.infer<typeof planExpense>;

export const planResult = z.object({
  kind: z.enum(planGoalKinds),
  target: z.string(),
  /** What was achieved (null: not reported yet). */
  actual: z.string().nullable(),
  /** actual ÷ target in percent, one decimal (null without a target or an actual). */
  attainment: z.number().nullable(),
});
export type PlanResult = z.infer<typeof planResult>;

export const marketingPlan = z.object({
  ...recordBase,
  /** JH… from the numbering rules. */
  number: z.string(),
  type: z.enum(planTypes),
  /** Dictionary `plan-type` item (a child of the type's item). */
  subType: z.string(),
  subTypeName: z.string(),
  title: z.string(),
  startDate: day,
  endDate: day,
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  customerIds: z.array(z.string()),
  customers: z.array(z.object({ id: z.string(), name: z.string() })),
  goals: z.array(planGoal),
  expenses: z.array(planExpense),
  /** The sum of the expense lines (预算). */
  budget: z.string(),
  /** The executor (负责人): who checks in against it and writes the feedback. */
  ownerId: z.string(),
  ownerName: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  reviewStatus: z.enum(planReviewStatuses),
  /** The approval of the engine, while or since it ran. */
  approvalId: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
  reviewComment: z.string().nullable(),
  /** Where the approved plan stands in its dates (null until approved). */
  execution: z.enum(['upcoming', 'running', 'ended', 'completed']).nullable(),
  feedbackStatus: z.enum(planFeedbackStatuses),
  results: z.array(planResult),
  actualExpenses: z.string().nullable(),
  feedbackNotes: z.string().nullable(),
  feedbackSubmittedAt: timestamp.nullable(),
  /** 活动签到 against the plan. */
  checkInCount: z.number().int(),
  /** Average attainment of the goals reported, percent (null before feedback). */
  attainment: z.number().nullable(),
  canEdit: z.boolean(),
  canReview: z.boolean(),
  canFeedback: z.boolean(),
  canDelete: z.boolean(),
});
export type MarketingPlan = z.infer<typeof marketingPlan>;

const planFields = {
  type: z.enum(planTypes),
  /** A `plan-type` dictionary item under the type: its id, code (`ground-promotion`) or name (地面推广). */
  subType: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(planLimits.title),
  startDate: day,
  endDate: day,
  /** A `region` dictionary item's code (province, city or district). */
  regionCode: z.string().trim().max(20).nullish(),
  customerIds: z.array(id).max(planLimits.customers).optional(),
  goals: z
    .array(z.object({ kind: z.enum(planGoalKinds), target: goalNumber }))
    .max(planLimits.goals)
    .default([]),
  expenses: z
    .array(z.object({ item: z.string().trim().min(1).max(planLimits.expenseItem), amount }))
    .max(planLimits.expenses)
    .optional(),
  /** The executor; defaults to the caller. */
  ownerId: id.optional(),
};

/** `POST /marketing-plans`: saved with a number, then 未审核 (or in the approval engine when it has expenses). */
export const createMarketingPlan = z.object(planFields);
export type CreateMarketingPlan = z.input<typeof createMarketingPlan>;

/** `PATCH /marketing-plans/:id`: while unreviewed, returned or rejected (an edit of a returned/rejected one resubmits it). */
export const updateMarketingPlan = z.object({
  version: z.number().int(),
  ...z.object(planFields).partial().shape,
});
export type UpdateMarketingPlan = z.input<typeof updateMarketingPlan>;

export const reviewMarketingPlan = z
  .object({
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().max(planLimits.comment).optional(),
    version: z.number().int(),
  })
  .refine((v) => v.decision === 'approve' || (v.comment ?? '').length > 0, {
    path: ['comment'],
    message: 'a rejection needs a comment',
  });
export type ReviewMarketingPlan = z.input<typeof reviewMarketingPlan>;

export const planFeedback = z.object({
  results: z
    .array(z.object({ kind: z.enum(planGoalKinds), actual: goalNumber }))
    .max(planLimits.goals)
    .default([]),
  actualExpenses: amount.nullish(),
  notes: z.string().trim().max(planLimits.notes).nullish(),
  version: z.number().int(),
});
export type PlanFeedbackInput = z.input<typeof planFeedback>;

export const planVersion = z.object({ version: z.number().int() });

/**
 * `GET /marketing-plans`: in the caller's scope. `queue=unreviewed` is the reviewer's 未审核 queue
 * (plans waiting for a review the caller may give: not their own); `mine=true` the caller's own.
 */
export const marketingPlanListQuery = listQuery.extend({
  type: z.enum(planTypes).optional(),
  subType: id.optional(),
  reviewStatus: z.enum(planReviewStatuses).optional(),
  feedbackStatus: z.enum(planFeedbackStatuses).optional(),
  departmentId: id.optional(),
  /** With the department's subtree. */
  departmentTree: z.enum(['true', 'false']).optional(),
  ownerId: id.optional(),
  mine: z.enum(['true', 'false']).optional(),
  queue: z.enum(['unreviewed']).optional(),
  /** Plans whose dates meet [from, to]. */
  from: day.optional(),
  to: day.optional(),
});
export type MarketingPlanListQuery = z.infer<typeof marketingPlanListQuery>;

export const planSummaryGroups = ['department', 'user', 'type'] as const;

/** `GET /marketing-plans/summary`: the caller's scope, plans whose dates meet [from, to], grouped. */
export const planSummaryQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  groupBy: z.enum(planSummaryGroups).default('department'),
  /** Only plans of this department and its subtree. */
  departmentId: id.optional(),
});
export type PlanSummaryQuery = z.input<typeof planSummaryQuery>;

const summaryFigures = {
  plans: z.number().int(),
  byStatus: z.record(z.enum(planReviewStatuses), z.number().int()),
  /** Approved plans by where they stand. */
  byExecution: z.record(z.enum(['upcoming', 'running', 'ended', 'completed']), z.number().int()),
  budget: z.string(),
  /** Of submitted feedback. */
  actualExpenses: z.string(),
  /** Average attainment of the plans with submitted feedback, percent. */
  attainment: z.number().nullable(),
  checkIns: z.number().int(),
};

export const planSummaryRow = z.object({
  /** Department id, user id or type code — the drill-down filter. */
  key: z.string(),
  name: z.string(),
  ...summaryFigures,
});
export type PlanSummaryRow = z.infer<typeof planSummaryRow>;

export const planSummary = z.object({
  groupBy: z.enum(planSummaryGroups),
  from: day.nullable(),
  to: day.nullable(),
  data: z.array(planSummaryRow),
  total: z.object(summaryFigures),
});
export type PlanSummary = z.infer<typeof planSummary>;
