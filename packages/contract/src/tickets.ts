import { z } from 'zod';
import { id, listQuery, phone, recordBase, timestamp } from './common.ts';
import { HONEYPOT_FIELD } from './leads.ts';
import { EMAIL_MAX } from './limits.ts';
import { ticketPriority } from './sla.ts';

/** 服务工单: a customer's request from creation to archive (SLA in business time, see sla.ts). */
export const ticketStatuses = [
  'new',
  'assigned',
  'in-progress',
  'waiting',
  'resolved',
  'feedback',
  'archived',
  'merged',
] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketChannels = ['phone', 'web', 'visit', 'email'] as const;
export type TicketChannel = (typeof ticketChannels)[number];

export const ticketLimits = {
  title: 200,
  request: 5000,
  note: 5000,
  resolution: 5000,
  comment: 1000,
  ruleName: 100,
  articles: 20,
  reopenDays: { min: 0, max: 365 },
  submitterName: 50,
  company: 200,
  formTitle: 100,
  formIntro: 1000,
  formTypes: 50,
  /** Submissions a minute the public form takes (besides 10 a minute per address). */
  formPerMinute: { min: 1, max: 10_000 },
  perIpPerMinute: 10,
  /** The public form's whole body, in bytes (a request of 5000 Chinese characters is ~15 KiB). */
  publicBodyBytes: 24 * 1024,
} as const;

const text = (max: number) => z.string().trim().max(max);
const version = z.number().int().min(0);

/** Whether the ticket's order / contract still covers it (null: nothing to check against). */
export const ticketValidity = z.object({
  /** The product's warranty months from the order's delivery include today. */
  withinWarranty: z.boolean().nullable(),
  /** The contract is in force today and is the ticket customer's. */
  withinContract: z.boolean().nullable(),
});
export type TicketValidity = z.infer<typeof ticketValidity>;

export const ticketSla = z.object({
  responseDueAt: timestamp,
  resolutionDueAt: timestamp,
  respondedAt: timestamp.nullable(),
  resolvedAt: timestamp.nullable(),
  /** While waiting for the customer the clocks stand still. */
  pausedAt: timestamp.nullable(),
  pausedMinutes: z.number().int(),
  responseBreached: z.boolean(),
  resolutionBreached: z.boolean(),
  /** Responded / resolved in time (null while its clock still runs). */
  responseMet: z.boolean().nullable(),
  resolutionMet: z.boolean().nullable(),
});

/** Who asked through the public form, as they typed it. */
export const ticketSubmitter = z.object({
  name: z.string(),
  company: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
});
export type TicketSubmitter = z.infer<typeof ticketSubmitter>;

export const ticket = z.object({
  ...recordBase,
  number: z.string(),
  typeId: z.string(),
  typeName: z.string().nullable(),
  title: z.string(),
  /** Null only for a public-form ticket whose submitter matched no contact (关联客户 links one). */
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  /** Set for tickets from the public form. */
  submitter: ticketSubmitter.nullable(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  request: z.string(),
  priority: ticketPriority,
  channel: z.enum(ticketChannels).nullable(),
  orderId: z.string().nullable(),
  contractId: z.string().nullable(),
  productId: z.string().nullable(),
  status: z.enum(ticketStatuses),
  handlerId: z.string().nullable(),
  handlerName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  createdBy: z.string().nullable(),
  assignedAt: timestamp.nullable(),
  validity: ticketValidity,
  sla: ticketSla,
  resolution: z.string().nullable(),
  /** Knowledge-base articles it was solved with. */
  solutions: z.array(z.object({ id: z.string(), title: z.string() })),
  satisfaction: z.number().int().nullable(),
  feedbackComment: z.string().nullable(),
  feedbackAt: timestamp.nullable(),
  feedbackBy: z.enum(['customer', 'agent']).nullable(),
  archivedAt: timestamp.nullable(),
  reopenedCount: z.number().int(),
  mergedIntoId: z.string().nullable(),
  /** The customer's no-login link (status, customer-visible notes, feedback). */
  publicUrl: z.string(),
});
export type Ticket = z.infer<typeof ticket>;

/** A row of the list: the ticket without its long texts and links. */
export const ticketListItem = ticket.omit({
  request: true,
  resolution: true,
  solutions: true,
  publicUrl: true,
});
export type TicketListItem = z.infer<typeof ticketListItem>;

const fields = {
  /** Dictionary `service-type`. */
  typeId: id,
  title: text(ticketLimits.title).min(1),
  customerId: id,
  contactId: id.nullish(),
  request: text(ticketLimits.request).min(1),
  priority: ticketPriority,
  channel: z.enum(ticketChannels).nullish(),
  orderId: id.nullish(),
  contractId: id.nullish(),
  productId: id.nullish(),
};

export const createTicket = z.object(fields);
export type CreateTicket = z.infer<typeof createTicket>;

export const updateTicket = z.object({ version, ...z.object(fields).partial().shape });
export type UpdateTicket = z.infer<typeof updateTicket>;

export const ticketListQuery = listQuery.extend({
  /** `queue`: unassigned tickets within my reach (to grab); `mine`: handled by me. */
  view: z.enum(['queue', 'mine']).optional(),
  status: z.enum(ticketStatuses).optional(),
  priority: ticketPriority.optional(),
  typeId: id.optional(),
  handlerId: id.optional(),
  customerId: id.optional(),
  /** A due instant passed while its clock ran, or a breach recorded. */
  overdue: z.enum(['true', 'false']).optional(),
  /** `true`: public-form tickets still waiting for their customer to be linked (关联客户). */
  unlinked: z.enum(['true', 'false']).optional(),
});
export type TicketListQuery = z.infer<typeof ticketListQuery>;

export const ticketVersionBody = z.object({ version });
export const assignTicket = z.object({ userId: id, version });
export type AssignTicket = z.infer<typeof assignTicket>;
/** 转派: the handler hands the ticket to a colleague, with why. */
export const transferTicket = z.object({ userId: id, version, note: text(ticketLimits.note).optional() });
export type TransferTicket = z.infer<typeof transferTicket>;
export const waitTicket = z.object({ version, note: text(ticketLimits.note).optional() });
export const ticketNote = z.object({
  content: text(ticketLimits.note).min(1),
  /** Internal notes never reach the customer's link. */
  internal: z.boolean().default(true),
});
export type TicketNote = z.infer<typeof ticketNote>;
export const resolveTicket = z.object({
  version,
  resolution: text(ticketLimits.resolution).min(1),
  /** Published knowledge-base articles it was solved with. */
  articleIds: z.array(id).max(ticketLimits.articles).optional(),
});
export type ResolveTicket = z.infer<typeof resolveTicket>;
export const ticketFeedback = z.object({
  satisfaction: z.number().int().min(1).max(5),
  comment: text(ticketLimits.comment).optional(),
});
export type TicketFeedback = z.infer<typeof ticketFeedback>;
export const mergeTicket = z.object({ intoId: id, version });
export type MergeTicket = z.infer<typeof mergeTicket>;

export const ticketActivityKinds = [
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
] as const;

export const ticketActivity = z.object({
  id: z.string(),
  kind: z.enum(ticketActivityKinds),
  content: z.string(),
  internal: z.boolean(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  fromUserId: z.string().nullable(),
  toUserId: z.string().nullable(),
  createdAt: timestamp,
});
export type TicketActivity = z.infer<typeof ticketActivity>;

// ---- the customer's no-login link ----

export const ticketTokenParams = z.object({ token: z.string().min(16).max(64) });
/** What the customer sees: no handler, no internal notes. */
export const publicTicket = z.object({
  number: z.string(),
  title: z.string(),
  status: z.enum(ticketStatuses),
  createdAt: timestamp,
  resolvedAt: timestamp.nullable(),
  resolution: z.string().nullable(),
  notes: z.array(z.object({ content: z.string(), createdAt: timestamp })),
  satisfaction: z.number().int().nullable(),
  /** Feedback is taken once the ticket is resolved. */
  canGiveFeedback: z.boolean(),
});
export type PublicTicket = z.infer<typeof publicTicket>;

// ---- assignment rules and settings ----

export const ticketRule = z.object({
  ...recordBase,
  name: z.string(),
  priority: z.number().int(),
  typeId: z.string().nullable(),
  typeName: z.string().nullable(),
  regionId: z.string().nullable(),
  regionName: z.string().nullable(),
  departmentId: z.string(),
  departmentName: z.string().nullable(),
  active: z.boolean(),
});
export type TicketRule = z.infer<typeof ticketRule>;
const ruleFields = {
  name: text(ticketLimits.ruleName).min(1),
  priority: z.number().int().min(0).max(10_000).optional(),
  typeId: id.nullish(),
  regionId: id.nullish(),
  departmentId: id,
  active: z.boolean().optional(),
};
export const createTicketRule = z.object(ruleFields);
export type CreateTicketRule = z.infer<typeof createTicketRule>;
export const updateTicketRule = z.object({ version, ...z.object(ruleFields).partial().shape });
export type UpdateTicketRule = z.infer<typeof updateTicketRule>;

export const ticketSettings = z.object({
  /** A resolved ticket may be reopened this many days after its resolution. */
  reopenDays: z.number().int().min(ticketLimits.reopenDays.min).max(ticketLimits.reopenDays.max),
  version,
});
export type TicketSettings = z.infer<typeof ticketSettings>;

// ---- the public ticket form (在线报修表单) ----

/** The form's settings as an admin sees them (`GET /settings/ticket-form`). */
export const ticketFormSettings = z.object({
  enabled: z.boolean(),
  /** The public address's token (null until the form is first enabled). */
  token: z.string().nullable(),
  title: z.string().nullable(),
  intro: z.string().nullable(),
  perMinute: z.number().int(),
  /** The priority of every ticket from the form (the desk may change it). */
  priority: ticketPriority,
  /** `service-type` items a customer may pick (empty: every type). */
  typeIds: z.array(z.string()),
  /** 受理部门: whose queue a ticket no rule assigned lands in (null: the top department). */
  departmentId: z.string().nullable(),
  version,
});
export type TicketFormSettings = z.infer<typeof ticketFormSettings>;

export const updateTicketFormSettings = z.object({
  enabled: z.boolean(),
  title: text(ticketLimits.formTitle).nullish(),
  intro: text(ticketLimits.formIntro).nullish(),
  perMinute: z.number().int().min(ticketLimits.formPerMinute.min).max(ticketLimits.formPerMinute.max),
  priority: ticketPriority,
  typeIds: z.array(id).max(ticketLimits.formTypes),
  departmentId: id.nullish(),
  version,
});
export type UpdateTicketFormSettings = z.infer<typeof updateTicketFormSettings>;

/** 16 random bytes, base64url. */
export const ticketFormTokenParams = z.object({ token: z.string().min(16).max(64) });

/** What the public page shows (`GET /public/ticket-form/:token`). */
export const publicTicketForm = z.object({
  tenantName: z.string(),
  title: z.string().nullable(),
  intro: z.string().nullable(),
  /** The types a customer may pick (`nameEn` for the English page, when the tenant has one). */
  types: z.array(z.object({ id: z.string(), name: z.string(), nameEn: z.string().nullable() })),
});
export type PublicTicketForm = z.infer<typeof publicTicketForm>;

/** `POST /public/ticket-form/:token` (strict: unknown fields are refused); a mobile or an e-mail. */
export const publicTicketSubmission = z.strictObject({
  name: text(ticketLimits.submitterName).min(1),
  mobile: phone.optional(),
  email: z.email().max(EMAIL_MAX).optional(),
  company: text(ticketLimits.company).optional(),
  typeId: id,
  title: text(ticketLimits.title).min(1),
  request: text(ticketLimits.request).min(1),
  [HONEYPOT_FIELD]: z.string().max(200).optional(),
});
export type PublicTicketSubmission = z.infer<typeof publicTicketSubmission>;

/** The ticket's number and its signed status link (the page at /t/<token>). */
export const publicTicketCreated = z.object({ number: z.string(), statusUrl: z.string() });
export type PublicTicketCreated = z.infer<typeof publicTicketCreated>;
