import { z } from 'zod';
import { id, listQuery, listResponse, recordBase, timestamp } from './common.ts';
import { money } from './customers.ts';

/**
 * 审批: one engine for every document that needs a decision (marketing-plan expenses now; quotes,
 * contracts, payments and pool transfers later). A document module declares its type in its
 * manifest (`approvalDocuments`) and submits; the engine picks the flow, asks the people and tells
 * the module the outcome.
 */
export const approvalDocumentTypes = [
  'marketing-plan',
  'quote',
  'contract',
  'payment',
  'pool-transfer',
] as const;
export type ApprovalDocumentType = (typeof approvalDocumentTypes)[number];

export const approvalDocumentTypeLabels: Record<'zh-CN' | 'en-US', Record<ApprovalDocumentType, string>> = {
  'zh-CN': {
    'marketing-plan': '营销计划',
    quote: '报价单',
    contract: '合同',
    payment: '付款',
    'pool-transfer': '公海转移',
  },
  'en-US': {
    'marketing-plan': 'Marketing plan',
    quote: 'Quote',
    contract: 'Contract',
    payment: 'Payment',
    'pool-transfer': 'Pool transfer',
  },
};

/** Where the web app shows a document of each type (null: no page yet). `:id` is the document's id. */
export const approvalDocumentPaths: Record<ApprovalDocumentType, string | null> = {
  'marketing-plan': '/marketing-plans?id=:id',
  quote: null,
  contract: '/contracts?id=:id',
  payment: '/receivables?payment=:id',
  'pool-transfer': null,
};

export const approvalStatuses = ['pending', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

/** 会签 (`all` must approve) or 或签 (`any` one decides for the step). */
export const approvalModes = ['all', 'any'] as const;
export type ApprovalMode = (typeof approvalModes)[number];

export const approvalLimits = {
  name: 60,
  steps: 10,
  /** Supervisor levels of one step. */
  levels: 10,
  users: 20,
  departments: 50,
  comment: 500,
} as const;

/**
 * A step of a flow:
 * - `supervisor`: the submitter's supervisor chain, `levels` up (default 1), or up to and including
 *   the first supervisor holding `untilRoleId` (each level decides in turn);
 * - `role`: holders of the role in the submitter's department line (the document's department,
 *   else its nearest ancestor with a holder), `mode` any (default) or all;
 * - `users`: the named people, `mode` all (会签) or any (或签).
 */
export const approvalFlowStep = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('supervisor'),
    levels: z.number().int().min(1).max(approvalLimits.levels).optional(),
    untilRoleId: id.optional(),
  }),
  z.object({
    kind: z.literal('role'),
    roleId: id,
    mode: z.enum(approvalModes).optional(),
  }),
  z.object({
    kind: z.literal('users'),
    userIds: z.array(id).min(1).max(approvalLimits.users),
    mode: z.enum(approvalModes),
  }),
]);
export type ApprovalFlowStep = z.infer<typeof approvalFlowStep>;

/** When a flow applies: the amount within [min, max] (inclusive) and the document's department in (or below) one of them. */
export const approvalFlowConditions = z
  .object({
    minAmount: money.nullish(),
    maxAmount: money.nullish(),
    departmentIds: z.array(id).max(approvalLimits.departments).optional(),
  })
  .refine((c) => !c.minAmount || !c.maxAmount || Number(c.minAmount) <= Number(c.maxAmount), {
    message: 'must not be below the minimum',
    path: ['maxAmount'],
  });
export type ApprovalFlowConditions = z.infer<typeof approvalFlowConditions>;

const flowFields = {
  name: z.string().trim().min(1).max(approvalLimits.name),
  documentType: z.enum(approvalDocumentTypes),
  conditions: approvalFlowConditions.optional(),
  steps: z.array(approvalFlowStep).min(1).max(approvalLimits.steps),
  active: z.boolean().optional(),
};

export const createApprovalFlow = z.object(flowFields);
export type CreateApprovalFlow = z.input<typeof createApprovalFlow>;

/** Every change makes a new version; approvals in flight keep the version they started with. */
export const updateApprovalFlow = z.object({
  version: z.number().int(),
  ...z.object(flowFields).partial().shape,
});
export type UpdateApprovalFlow = z.input<typeof updateApprovalFlow>;

const person = z.object({ id: z.string(), name: z.string() });

export const approvalFlow = z.object({
  ...recordBase,
  name: z.string(),
  documentType: z.enum(approvalDocumentTypes),
  conditions: z.object({
    minAmount: z.string().nullable(),
    maxAmount: z.string().nullable(),
    departmentIds: z.array(z.string()),
  }),
  steps: z.array(approvalFlowStep),
  active: z.boolean(),
  /** Names for the ids in steps and conditions (roles, users, departments), for display. */
  names: z.record(z.string(), z.string()),
});
export type ApprovalFlow = z.infer<typeof approvalFlow>;

export const approvalFlowListQuery = listQuery.extend({
  documentType: z.enum(approvalDocumentTypes).optional(),
});
export const approvalFlowList = listResponse(approvalFlow);

export const approvalBoxes = ['pending', 'done', 'submitted'] as const;
export type ApprovalBox = (typeof approvalBoxes)[number];

export const approvalListQuery = listQuery.extend({
  /** 我的待办 / 我已处理 / 我发起的. */
  box: z.enum(approvalBoxes).default('pending'),
  documentType: z.enum(approvalDocumentTypes).optional(),
  status: z.enum(approvalStatuses).optional(),
});
export type ApprovalListQuery = z.input<typeof approvalListQuery>;

/** Where an approval stands: step `index` (1-based) of `count`, and who is asked at it. */
const approvalStepRef = z.object({
  index: z.number().int(),
  count: z.number().int(),
  approvers: z.array(person),
});

export const approvalListItem = z.object({
  id: z.string(),
  documentType: z.enum(approvalDocumentTypes),
  documentId: z.string(),
  title: z.string(),
  amount: z.string().nullable(),
  submitter: person,
  step: approvalStepRef,
  status: z.enum(approvalStatuses),
  createdAt: timestamp,
  decidedAt: timestamp.nullable(),
  /** 我已处理: what the caller decided (their latest decision on it). */
  myDecision: z.enum(['approved', 'rejected', 'returned']).nullable(),
});
export type ApprovalListItem = z.infer<typeof approvalListItem>;
export const approvalList = listResponse(approvalListItem);

export const approvalTaskStatuses = [
  'waiting',
  'pending',
  'approved',
  'rejected',
  'returned',
  'cancelled',
] as const;

/** A step as the approval resolved it at submission (people named then). */
export const approvalStep = z.object({
  index: z.number().int(),
  kind: z.enum(['supervisor', 'role', 'users', 'admins']),
  mode: z.enum(approvalModes),
  status: z.enum(['waiting', 'pending', 'approved', 'rejected', 'returned', 'cancelled']),
  /** Why it is asked of whom: `no-approver` → the tenant's admins; `self-skipped` → the next level up. */
  note: z.enum(['no-approver', 'self-skipped']).nullable(),
  /** The role's name (role steps, supervisor up to a role). */
  roleName: z.string().nullable(),
  approvers: z.array(
    person.extend({
      status: z.enum(approvalTaskStatuses),
      comment: z.string().nullable(),
      decidedAt: timestamp.nullable(),
    }),
  ),
});
export type ApprovalStep = z.infer<typeof approvalStep>;

export const approvalEventActions = [
  'submitted',
  'approved',
  'rejected',
  'returned',
  'withdrawn',
  'escalated',
  'self-skipped',
  'handed-over',
] as const;

export const approvalEvent = z.object({
  id: z.string(),
  action: z.enum(approvalEventActions),
  actor: person.nullable(),
  stepIndex: z.number().int().nullable(),
  comment: z.string().nullable(),
  at: timestamp,
});
export type ApprovalEvent = z.infer<typeof approvalEvent>;

export const approval = approvalListItem.extend({
  version: z.number().int(),
  flow: z.object({ id: z.string(), name: z.string(), version: z.number().int() }),
  steps: z.array(approvalStep),
  events: z.array(approvalEvent),
  /** What the caller may do now. */
  can: z.object({ approve: z.boolean(), withdraw: z.boolean() }),
});
export type Approval = z.infer<typeof approval>;

/** A document's approvals, newest first (its detail page's 审批记录). */
export const approvalHistory = z.object({ data: z.array(approval) });
export type ApprovalHistory = z.infer<typeof approvalHistory>;

export const approvalHistoryQuery = z.object({
  documentType: z.enum(approvalDocumentTypes),
  documentId: id,
});

const comment = z.string().trim().max(approvalLimits.comment);
export const approveApproval = z.object({ comment: comment.nullish() });
/** Reject and return need a reason. */
export const rejectApproval = z.object({ comment: comment.min(1) });
export const returnApproval = rejectApproval;
export const withdrawApproval = z.object({ comment: comment.nullish() });
export type ApprovalDecision = z.input<typeof approveApproval>;
