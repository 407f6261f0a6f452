import { z } from 'zod';
import { calendarDate as day, id, listQuery, recordBase, timestamp } from './common.ts';
import { amount, percent, toCents } from './money.ts';

/**
 * 销售机会: unassigned (created, waiting for 指派) → developing (assigned, worked through the
 * development plan and the pipeline's stages) → won (开发成功) or lost (开发失败).
 */
export const opportunityStatuses = ['unassigned', 'developing', 'won', 'lost'] as const;
export type OpportunityStatus = (typeof opportunityStatuses)[number];
/** Still in the pipeline. */
export const openOpportunityStatuses = ['unassigned', 'developing'] as const;

export const opportunityLimits = {
  title: 100,
  prospectName: 100,
  description: 2000,
  stageName: 30,
  stages: 20,
  /** Days without a stage change or follow-up before a deal counts as stalled. */
  stalledDays: 365,
  planContent: 500,
  planResult: 1000,
  planItems: 200,
  lostNote: 500,
  /** Months a forecast may span. */
  forecastMonths: 36,
} as const;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');
const text = (max: number) => z.string().trim().max(max);

/** An expected amount: money above 0. */
export const positiveAmount = amount.refine((s) => toCents(s) > 0n, 'must be more than 0');

// ---- stages (销售阶段, per tenant) ----

export const opportunityStage = z.object({
  ...recordBase,
  name: z.string(),
  /** Order on the board and in the funnel, from 1. */
  position: z.number().int(),
  /** The probability a new opportunity in this stage gets (percent, `"30"` … `"100"`). */
  probability: z.string(),
  /** Days without a stage change and without a follow-up before a deal in this stage is stalled. */
  stalledDays: z.number().int(),
  /** Open opportunities in the stage (a stage in use cannot be deleted). */
  openCount: z.number().int(),
});
export type OpportunityStage = z.infer<typeof opportunityStage>;

export const createOpportunityStage = z.object({
  name: text(opportunityLimits.stageName).min(1),
  probability: percent,
  stalledDays: z.number().int().min(1).max(opportunityLimits.stalledDays),
  /** Where to insert it (1 = first); last when absent. */
  position: z.number().int().min(1).optional(),
});
export type CreateOpportunityStage = z.infer<typeof createOpportunityStage>;

export const updateOpportunityStage = createOpportunityStage.partial().extend({ version: z.number().int() });
export type UpdateOpportunityStage = z.infer<typeof updateOpportunityStage>;

// ---- opportunities ----

export const opportunity = z.object({
  ...recordBase,
  title: z.string(),
  /** The customer, or null for a prospect named by `prospectName` (it becomes a customer when won). */
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  prospectName: z.string().nullable(),
  productId: z.string().nullable(),
  productName: z.string().nullable(),
  /** Decimal string (`"120000.00"`). */
  expectedAmount: z.string(),
  /** Percent (`"30.00"`). */
  probability: z.string(),
  /** expectedAmount × probability, to the cent (half up). */
  weightedAmount: z.string(),
  stageId: z.string(),
  stageName: z.string(),
  stagePosition: z.number().int(),
  /** When the opportunity entered its stage. */
  stageChangedAt: timestamp,
  expectedCloseDate: day,
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  /** Dictionary `customer-source` item. */
  sourceId: z.string().nullable(),
  sourceName: z.string().nullable(),
  leadId: z.string().nullable(),
  campaignId: z.string().nullable(),
  description: z.string().nullable(),
  status: z.enum(opportunityStatuses),
  creatorId: z.string(),
  creatorName: z.string(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  assignedAt: timestamp.nullable(),
  /** Whose it is for the data scope: the assignee, the creator while unassigned. */
  ownerId: z.string(),
  ownerName: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  closedAt: timestamp.nullable(),
  lostReasonId: z.string().nullable(),
  lostReasonName: z.string().nullable(),
  lostNote: z.string().nullable(),
  /**
   * Open and no stage change nor follow-up of its customer for the stage's `stalledDays`
   * (停滞); `lastActivityAt` is the later of the two.
   */
  stalled: z.boolean(),
  lastActivityAt: timestamp,
  canEdit: z.boolean(),
  canAssign: z.boolean(),
  canClose: z.boolean(),
  canDelete: z.boolean(),
});
export type Opportunity = z.infer<typeof opportunity>;

const opportunityFields = {
  title: text(opportunityLimits.title).min(1),
  productId: id.nullish(),
  expectedAmount: positiveAmount,
  /** Percent; the stage's default probability when absent. */
  probability: percent.optional(),
  /** The first stage when absent. */
  stageId: id.optional(),
  expectedCloseDate: day,
  /** A contact of the customer. */
  contactId: id.nullish(),
  /** Dictionary `customer-source` item id. */
  source: id.nullish(),
  campaignId: id.nullish(),
  description: text(opportunityLimits.description).nullish(),
};

/** `POST /opportunities`: for a customer (`customerId`) or a prospect not yet a customer (`prospectName`), exactly one. */
export const createOpportunity = z
  .object({
    customerId: id.optional(),
    prospectName: text(opportunityLimits.prospectName).min(1).optional(),
    ...opportunityFields,
  })
  .refine((v) => Boolean(v.customerId) !== Boolean(v.prospectName), {
    message: 'either customerId or prospectName',
    path: ['customerId'],
  });
export type CreateOpportunity = z.input<typeof createOpportunity>;

/** `PATCH /opportunities/:id` while open: moving `stageId` is kept in the stage history. */
export const updateOpportunity = z
  .object({
    version: z.number().int(),
    customerId: id.optional(),
    prospectName: text(opportunityLimits.prospectName).min(1).optional(),
    ...opportunityFields,
  })
  .partial()
  .required({ version: true });
export type UpdateOpportunity = z.input<typeof updateOpportunity>;

/** What lead conversion creates with the customer (`POST /leads/:id/convert`, `opportunity`). */
export const convertOpportunityInput = z.object({
  title: text(opportunityLimits.title).min(1),
  expectedAmount: positiveAmount,
  productId: id.nullish(),
  expectedCloseDate: day,
});
export type ConvertOpportunityInput = z.infer<typeof convertOpportunityInput>;

export const opportunityVersion = z.object({ version: z.number().int() });

/** 指派: to an active user within the caller's opportunities scope. */
export const assignOpportunity = z.object({ userId: id, version: z.number().int() });
export type AssignOpportunity = z.infer<typeof assignOpportunity>;

/**
 * 开发成功. A prospect becomes a customer here through the duplicate check: 409 DUPLICATE_CUSTOMER
 * with the matches unless `existingCustomerId` (one the caller sees) is chosen, or `force` with
 * customers:force_duplicate.
 */
export const winOpportunity = z.object({
  version: z.number().int(),
  existingCustomerId: id.optional(),
  force: z.boolean().optional(),
});
export type WinOpportunity = z.infer<typeof winOpportunity>;

/** 开发失败: `reason` is a `lost-reason` dictionary item. */
export const loseOpportunity = z.object({
  version: z.number().int(),
  reason: id,
  note: text(opportunityLimits.lostNote).nullish(),
});
export type LoseOpportunity = z.infer<typeof loseOpportunity>;

export const opportunityListQuery = listQuery.extend({
  status: z.enum([...opportunityStatuses, 'open']).optional(),
  stageId: id.optional(),
  ownerId: id.optional(),
  customerId: id.optional(),
  campaignId: id.optional(),
  /** Only mine (owner = me). */
  mine: z.enum(['true', 'false']).optional(),
  closeFrom: day.optional(),
  closeTo: day.optional(),
});
export type OpportunityListQuery = z.infer<typeof opportunityListQuery>;

/** A stage change (or the opportunity's creation, won, lost), newest first. */
export const opportunityStageChange = z.object({
  id: z.string(),
  kind: z.enum(['created', 'stage', 'won', 'lost']),
  fromStageId: z.string().nullable(),
  fromStageName: z.string().nullable(),
  toStageId: z.string().nullable(),
  toStageName: z.string().nullable(),
  probability: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  at: timestamp,
});
export type OpportunityStageChange = z.infer<typeof opportunityStageChange>;

// ---- development plan (客户开发计划) ----

export const opportunityPlanItem = z.object({
  ...recordBase,
  opportunityId: z.string(),
  /** When it is to be done. */
  dueDate: day,
  /** What to do. */
  content: z.string(),
  /** 执行结果: null until recorded. */
  result: z.string().nullable(),
  doneAt: timestamp.nullable(),
  doneBy: z.string().nullable(),
  doneByName: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type OpportunityPlanItem = z.infer<typeof opportunityPlanItem>;

export const createPlanItem = z.object({
  dueDate: day,
  content: text(opportunityLimits.planContent).min(1),
});
export type CreatePlanItem = z.infer<typeof createPlanItem>;

/** Change an item or record its execution result (a non-empty result marks it done; null reopens it). */
export const updatePlanItem = z.object({
  version: z.number().int(),
  dueDate: day.optional(),
  content: text(opportunityLimits.planContent).min(1).optional(),
  result: text(opportunityLimits.planResult).min(1).nullable().optional(),
});
export type UpdatePlanItem = z.infer<typeof updatePlanItem>;

export const planItemParams = z.object({ id, itemId: id });

// ---- pipeline, funnel, forecast ----

/** Pipeline, funnel and forecast within the caller's scope, optionally one owner's or a department's (with its children). */
export const pipelineQuery = z.object({
  ownerId: id.optional(),
  departmentId: id.optional(),
  mine: z.enum(['true', 'false']).optional(),
});
export type PipelineQuery = z.infer<typeof pipelineQuery>;

export const pipelineStage = z.object({
  stageId: z.string(),
  name: z.string(),
  position: z.number().int(),
  probability: z.string(),
  count: z.number().int(),
  amount: z.string(),
  weightedAmount: z.string(),
});
export type PipelineStage = z.infer<typeof pipelineStage>;

/** `GET /opportunities/pipeline`: open opportunities per stage, every stage in order (zeros included). */
export const pipeline = z.object({ data: z.array(pipelineStage) });
export type Pipeline = z.infer<typeof pipeline>;

export const funnelQuery = pipelineQuery.extend({
  /** Opportunities created on or after this date. */
  from: day.optional(),
  /** …and on or before this date. */
  to: day.optional(),
});
export type FunnelQuery = z.infer<typeof funnelQuery>;

/**
 * `GET /opportunities/funnel`: of the opportunities created in the period, how many reached each
 * stage (by their stage history; won ones reached every stage), and how many were won / lost.
 */
export const funnel = z.object({
  total: z.number().int(),
  stages: z.array(
    z.object({
      stageId: z.string(),
      name: z.string(),
      position: z.number().int(),
      reached: z.number().int(),
    }),
  ),
  won: z.object({ count: z.number().int(), amount: z.string() }),
  lost: z.object({ count: z.number().int() }),
});
export type Funnel = z.infer<typeof funnel>;

export const forecastQuery = pipelineQuery.extend({
  /** First month; the current month when absent. */
  from: month.optional(),
  /** Last month; five months after `from` when absent. */
  to: month.optional(),
});
export type ForecastQuery = z.infer<typeof forecastQuery>;

/**
 * `GET /opportunities/forecast`, per month of the expected close date (won ones by the month they
 * were won): `won` already won; `weighted` = won + Σ open amount × probability; `bestCase` = won +
 * every open amount.
 */
export const forecast = z.object({
  data: z.array(
    z.object({
      month,
      openCount: z.number().int(),
      wonCount: z.number().int(),
      won: z.string(),
      weighted: z.string(),
      bestCase: z.string(),
    }),
  ),
});
export type Forecast = z.infer<typeof forecast>;
