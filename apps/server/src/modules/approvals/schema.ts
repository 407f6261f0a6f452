import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/** A flow step as stored (the contract's ApprovalFlowStep). */
type StoredStep =
  | { kind: 'supervisor'; levels?: number; untilRoleId?: string }
  | { kind: 'role'; roleId: string; mode?: 'all' | 'any' }
  | { kind: 'users'; userIds: string[]; mode: 'all' | 'any' };

/** 审批流程: which documents it applies to (type, amount range, departments) and its steps, as now. */
export const approvalFlows = pgTable(
  'approval_flows',
  {
    ...baseColumns(),
    name: text('name').notNull(),
    documentType: text('document_type').notNull(),
    minAmount: numeric('min_amount', { precision: 18, scale: 2 }),
    maxAmount: numeric('max_amount', { precision: 18, scale: 2 }),
    /** The document's department is one of these or below one; empty: any department. */
    departmentIds: uuid('department_ids').array().notNull().default(sql`'{}'::uuid[]`),
    steps: jsonb('steps').$type<StoredStep[]>().notNull(),
    active: boolean('active').notNull().default(true),
    deletedAt: tz('deleted_at'),
  },
  (t) => [index('approval_flows_type_idx').on(t.tenantId, t.documentType).where(sql`${t.deletedAt} IS NULL`)],
);

/** Every version of a flow as it was saved: an approval runs the version it started with. */
export const approvalFlowVersions = pgTable(
  'approval_flow_versions',
  {
    tenantId: uuid('tenant_id').notNull(),
    flowId: uuid('flow_id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    steps: jsonb('steps').$type<StoredStep[]>().notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.version] })],
);

/** One approval of one document (a resubmission is a new one). */
export const approvals = pgTable(
  'approvals',
  {
    ...baseColumns(),
    documentType: text('document_type').notNull(),
    documentId: uuid('document_id').notNull(),
    title: text('title').notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }),
    departmentId: uuid('department_id').notNull(),
    submitterId: uuid('submitter_id').notNull(),
    flowId: uuid('flow_id').notNull(),
    flowVersion: integer('flow_version').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'returned', 'withdrawn'] })
      .notNull()
      .default('pending'),
    /** 0-based index of the step asked now (of the last one asked once settled). */
    currentStep: integer('current_step').notNull().default(0),
    stepCount: integer('step_count').notNull(),
    decidedAt: tz('decided_at'),
  },
  (t) => [
    // 我发起的
    index('approvals_submitter_idx').on(t.tenantId, t.submitterId, t.createdAt, t.id),
    index('approvals_document_idx').on(t.tenantId, t.documentType, t.documentId),
    // a document is in at most one approval at a time
    uniqueIndex('approvals_document_pending_uq')
      .on(t.tenantId, t.documentType, t.documentId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** The steps of an approval as resolved at submission: who is asked, 会签 or 或签, and why (fallbacks). */
export const approvalSteps = pgTable(
  'approval_steps',
  {
    tenantId: uuid('tenant_id').notNull(),
    approvalId: uuid('approval_id').notNull(),
    idx: integer('idx').notNull(),
    kind: text('kind', { enum: ['supervisor', 'role', 'users', 'admins'] }).notNull(),
    mode: text('mode', { enum: ['all', 'any'] }).notNull(),
    status: text('status', { enum: ['waiting', 'pending', 'approved', 'rejected', 'returned', 'cancelled'] })
      .notNull()
      .default('waiting'),
    note: text('note', { enum: ['no-approver', 'self-skipped'] }),
    roleId: uuid('role_id'),
    decidedAt: tz('decided_at'),
  },
  (t) => [primaryKey({ columns: [t.approvalId, t.idx] })],
);

/** One person asked at one step: the inboxes (我的待办 / 我已处理) read these. */
export const approvalTasks = pgTable(
  'approval_tasks',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    approvalId: uuid('approval_id').notNull(),
    stepIdx: integer('step_idx').notNull(),
    approverId: uuid('approver_id').notNull(),
    status: text('status', { enum: ['waiting', 'pending', 'approved', 'rejected', 'returned', 'cancelled'] })
      .notNull()
      .default('waiting'),
    comment: text('comment'),
    /** When the step reached this person (the order of 我的待办). */
    activatedAt: tz('activated_at'),
    decidedAt: tz('decided_at'),
  },
  (t) => [
    index('approval_tasks_approval_idx').on(t.approvalId, t.stepIdx),
    // 我的待办
    index('approval_tasks_pending_idx')
      .on(t.tenantId, t.approverId, t.activatedAt, t.id)
      .where(sql`${t.status} = 'pending'`),
    // 我已处理
    index('approval_tasks_done_idx')
      .on(t.tenantId, t.approverId, t.decidedAt, t.id)
      .where(sql`${t.status} IN ('approved', 'rejected', 'returned')`),
  ],
);

/** The history of an approval: submitted, each decision with its comment, fallbacks, withdrawal. */
export const approvalEvents = pgTable(
  'approval_events',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    approvalId: uuid('approval_id').notNull(),
    action: text('action', {
      enum: [
        'submitted',
        'approved',
        'rejected',
        'returned',
        'withdrawn',
        'escalated',
        'self-skipped',
        'handed-over',
      ],
    }).notNull(),
    actorId: uuid('actor_id'),
    stepIdx: integer('step_idx'),
    comment: text('comment'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('approval_events_approval_idx').on(t.approvalId, t.createdAt, t.id)],
);
