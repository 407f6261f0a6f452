import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/**
 * 服务工单: a customer's request from creation to archive. The SLA sweep (sla-sweep.ts) reads the
 * due, responded/resolved, paused, warned and breached columns set-based, so they stay plain columns.
 */
export const tickets = pgTable(
  'tickets',
  {
    ...baseColumns(),
    /** GD-… from numbering. */
    number: text('number').notNull(),
    /** Dictionary `service-type`. */
    typeId: uuid('type_id').notNull(),
    title: text('title').notNull(),
    /**
     * Null only for a ticket from the public form whose submitter matched no contact: the agent
     * links the customer later (关联客户); until then `submitter` says who asked.
     */
    customerId: uuid('customer_id'),
    /** Who submitted it through the public form, as they typed it (kept when a contact matched too). */
    submitter: jsonb('submitter').$type<{
      name: string;
      company: string | null;
      mobile: string | null;
      email: string | null;
    }>(),
    contactId: uuid('contact_id'),
    request: text('request').notNull(),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] }).notNull(),
    channel: text('channel', { enum: ['phone', 'web', 'visit', 'email'] }),
    orderId: uuid('order_id'),
    contractId: uuid('contract_id'),
    productId: uuid('product_id'),
    status: text('status', {
      enum: ['new', 'assigned', 'in-progress', 'waiting', 'resolved', 'feedback', 'archived', 'merged'],
    }).notNull(),
    /** The handler (处理人); null while in the queue. */
    handlerId: uuid('handler_id'),
    /** The handler's department (the creator's until assigned): the department scope and the supervisor. */
    departmentId: uuid('department_id'),
    assignedAt: tz('assigned_at'),
    /** Validity at creation / change of the order, contract or product (null: nothing to check). */
    withinWarranty: boolean('within_warranty'),
    withinContract: boolean('within_contract'),
    responseDueAt: tz('response_due_at').notNull(),
    resolutionDueAt: tz('resolution_due_at').notNull(),
    /** The first customer-visible note or the move to in-progress, whichever came first. */
    respondedAt: tz('responded_at'),
    resolvedAt: tz('resolved_at'),
    resolution: text('resolution'),
    /** Set while `waiting` for the customer: the SLA clocks stand still. */
    pausedAt: tz('paused_at'),
    /** Business minutes spent waiting so far (already added to both due instants). */
    pausedMinutes: integer('paused_minutes').notNull().default(0),
    responseWarnedAt: tz('response_warned_at'),
    resolutionWarnedAt: tz('resolution_warned_at'),
    /** Kept for reports: once breached, always breached. */
    responseBreached: boolean('response_breached').notNull().default(false),
    resolutionBreached: boolean('resolution_breached').notNull().default(false),
    /** 1–5 from the customer's link or recorded by the agent. */
    satisfaction: smallint('satisfaction'),
    feedbackComment: text('feedback_comment'),
    feedbackAt: tz('feedback_at'),
    /** 'customer' (signed link) or 'agent'. */
    feedbackBy: text('feedback_by', { enum: ['customer', 'agent'] }),
    archivedAt: tz('archived_at'),
    reopenedCount: integer('reopened_count').notNull().default(0),
    /** A duplicate closed into the kept ticket. */
    mergedIntoId: uuid('merged_into_id'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    uniqueIndex('tickets_number_idx').on(t.tenantId, t.number),
    index('tickets_created_idx').on(t.tenantId, t.createdAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('tickets_handler_idx').on(t.tenantId, t.handlerId, t.createdAt).where(sql`${t.deletedAt} IS NULL`),
    index('tickets_department_idx')
      .on(t.tenantId, t.departmentId, t.createdAt)
      .where(sql`${t.deletedAt} IS NULL`),
    // the queue: unassigned tickets
    index('tickets_queue_idx')
      .on(t.tenantId, t.createdAt)
      .where(sql`${t.handlerId} IS NULL AND ${t.deletedAt} IS NULL`),
    // deleted rows too: a customer merge moves them and the 360 timeline reads their history
    index('tickets_customer_idx').on(t.tenantId, t.customerId, t.createdAt),
    // the SLA sweep: tickets whose clocks still run
    index('tickets_sla_idx')
      .on(t.resolutionDueAt)
      .where(sql`${t.resolvedAt} IS NULL AND ${t.deletedAt} IS NULL`),
  ],
);

/** A ticket's notes (internal or customer-visible) and what happened to it (assigned, transferred, status …). */
export const ticketActivities = pgTable(
  'ticket_activities',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    kind: text('kind', {
      enum: [
        'note',
        'created',
        'assigned',
        'grabbed',
        'transferred',
        'status',
        'resolved',
        'feedback',
        'archived',
        'reopened',
        'merged',
      ],
    }).notNull(),
    content: text('content').notNull(),
    /** Internal notes and events never reach the customer's link. */
    internal: boolean('internal').notNull().default(true),
    userId: uuid('user_id'),
    fromUserId: uuid('from_user_id'),
    toUserId: uuid('to_user_id'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('ticket_activities_idx').on(t.tenantId, t.ticketId, t.createdAt)],
);

/** 分配规则: new tickets of a type / from a region go round-robin to a department's people. */
export const ticketRules = pgTable(
  'ticket_rules',
  {
    ...baseColumns(),
    name: text('name').notNull(),
    priority: integer('priority').notNull().default(0),
    /** Dictionary `service-type`; null: any type. */
    typeId: uuid('type_id'),
    /** Dictionary `region`: the customer's region is it or lies under it; null: any region. */
    regionId: uuid('region_id'),
    departmentId: uuid('department_id').notNull(),
    /** The last user given a ticket (round-robin continues after them). */
    lastUserId: uuid('last_user_id'),
    active: boolean('active').notNull().default(true),
    deletedAt: tz('deleted_at'),
  },
  (t) => [index('ticket_rules_tenant_idx').on(t.tenantId, t.priority)],
);

/** Per-tenant ticket settings: how many days after resolution a ticket may be reopened; the link secret. */
export const ticketSettings = pgTable(
  'ticket_settings',
  {
    tenantId: uuid('tenant_id').primaryKey(),
    /** The row's id: sealed columns are found and re-sealed by `id` (platform/sealed-values.ts). */
    id: uuid('id').notNull().defaultRandom(),
    reopenDays: integer('reopen_days').notNull().default(7),
    /** Signs the customers' no-login links to their tickets (sealed with the server key). */
    linkSecret: text('link_secret').notNull(),
    version: integer('version').notNull().default(1),
    // 在线报修表单: the public form (its own version: the page saves it apart from the reopen days)
    formEnabled: boolean('form_enabled').notNull().default(false),
    /** 128 bits, base64url: the form's public address; regenerating it retires the old address. */
    formToken: text('form_token'),
    formTitle: text('form_title'),
    formIntro: text('form_intro'),
    /** Submissions per minute the form takes (besides the per-address limit). */
    formPerMinute: integer('form_per_minute').notNull().default(30),
    formPriority: text('form_priority', { enum: ['low', 'normal', 'high', 'urgent'] })
      .notNull()
      .default('normal'),
    /** `service-type` items a customer may pick (empty: every type). */
    formTypeIds: jsonb('form_type_ids').$type<string[]>().notNull().default([]),
    /** 受理部门: whose queue a form ticket no rule assigned lands in (null: the top department). */
    formDepartmentId: uuid('form_department_id'),
    formVersion: integer('form_version').notNull().default(1),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ticket_settings_id_uq').on(t.id),
    uniqueIndex('ticket_settings_form_token_uq').on(t.formToken),
  ],
);
