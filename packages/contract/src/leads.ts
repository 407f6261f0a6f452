import { z } from 'zod';
import { id, listQuery, phone, recordBase, timestamp } from './common.ts';
import { createCustomer } from './customers.ts';
import { EMAIL_MAX } from './limits.ts';
import { convertOpportunityInput } from './opportunities.ts';

export const leadLimits = {
  name: 200,
  contactName: 50,
  remark: 2000,
  note: 2000,
  formName: 50,
  formTitle: 100,
  formIntro: 1000,
  ruleName: 50,
  /** A public form submission's whole body, in bytes (the route refuses a bigger one with 413). */
  publicBodyBytes: 8 * 1024,
  /** Submissions a minute from one address (all forms), and the range of a form's own limit. */
  perIpPerMinute: 10,
  formPerMinute: { min: 1, max: 100_000 },
  grabDailyLimit: { min: 0, max: 1000 },
} as const;

const text = (max: number) => z.string().trim().max(max);

export const leadStatuses = [
  'new',
  'assigned',
  'following',
  'qualified',
  'converted',
  'disqualified',
] as const;
export type LeadStatus = (typeof leadStatuses)[number];
/** Statuses a user sets by hand (the others follow from assignment and conversion). */
export const leadSettableStatuses = ['following', 'qualified', 'disqualified'] as const;

/** Optional fields a web form may show besides name, contact name, mobile and email. */
export const leadFormOptionalFields = ['contactName', 'email', 'mobile', 'remark'] as const;

export const lead = z.object({
  ...recordBase,
  name: z.string(),
  contactName: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  sourceId: z.string().nullable(),
  sourceName: z.string().nullable(),
  campaignId: z.string().nullable(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  remark: z.string().nullable(),
  status: z.enum(leadStatuses),
  disqualifyReasonId: z.string().nullable(),
  disqualifyReasonName: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  assignedAt: timestamp.nullable(),
  formId: z.string().nullable(),
  formName: z.string().nullable(),
  customerId: z.string().nullable(),
  contactId: z.string().nullable(),
  convertedAt: timestamp.nullable(),
  /** The opportunity opened when it was converted (kept with the lead). */
  opportunityId: z.string().nullable(),
  /** In the pool (no owner): may be grabbed. */
  inPool: z.boolean(),
});
export type Lead = z.infer<typeof lead>;

const leadFields = {
  name: text(leadLimits.name).min(1),
  contactName: text(leadLimits.contactName).nullish(),
  mobile: phone.nullish(),
  email: z.email().max(EMAIL_MAX).nullish(),
  /** Dictionary `customer-source` item id. */
  source: id.nullish(),
  campaignId: id.nullish(),
  /** GB/T 2260 code of a `region` dictionary item. */
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/)
    .nullish(),
  remark: text(leadLimits.remark).nullish(),
};

export const createLead = z.object({
  ...leadFields,
  /** The assignee (someone else needs leads:assign); the creator when absent. */
  ownerId: id.optional(),
  /** Let the assignment rules decide (round-robin within a department); the pool when none matches. */
  distribute: z.boolean().optional(),
});
export type CreateLead = z.infer<typeof createLead>;

export const updateLead = z.object({ version: z.number().int(), ...z.object(leadFields).partial().shape });
export type UpdateLead = z.infer<typeof updateLead>;

export const leadListQuery = listQuery.extend({
  status: z.enum(leadStatuses).optional(),
  /** mine: my leads; pool: leads nobody owns yet (抢单); all: every lead in my scope. */
  view: z.enum(['all', 'mine', 'pool']).default('all'),
  campaignId: id.optional(),
  ownerId: id.optional(),
});
export type LeadListQuery = z.infer<typeof leadListQuery>;

export const assignLead = z.object({ userId: id, version: z.number().int().optional() });
export type AssignLead = z.infer<typeof assignLead>;

export const setLeadStatus = z.object({
  status: z.enum(leadSettableStatuses),
  /** Dictionary `lead-disqualify-reason`; required to disqualify. */
  reasonId: id.optional(),
  version: z.number().int(),
});
export type SetLeadStatus = z.infer<typeof setLeadStatus>;

export const convertLead = z.object({
  /** Link to this customer (one the caller may change) instead of creating one. */
  existingCustomerId: id.optional(),
  /** The new customer's fields; the lead's name, mobile, email, source and region by default. */
  customer: createCustomer.omit({ draft: true, force: true }).partial().optional(),
  /** The contact to create; the lead's contact name, mobile and email by default; null: none. */
  contact: z
    .object({
      name: text(50).min(1),
      mobile: phone.nullish(),
      email: z.email().max(EMAIL_MAX).nullish(),
      title: text(50).nullish(),
    })
    .nullable()
    .optional(),
  /** Create the customer despite duplicates (needs customers:force_duplicate). */
  force: z.boolean().optional(),
  /** The opportunity (销售机会) to open with the customer, in the converter's hands (needs opportunities:create). */
  opportunity: convertOpportunityInput.optional(),
});
export type ConvertLead = z.infer<typeof convertLead>;
export const convertLeadResponse = z.object({
  customerId: z.string(),
  contactId: z.string().nullable(),
  opportunityId: z.string().nullable(),
});
export type ConvertLeadResponse = z.infer<typeof convertLeadResponse>;

export const leadActivity = z.object({
  id: z.string(),
  kind: z.enum(['note', 'created', 'assigned', 'grabbed', 'status', 'converted']),
  content: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  createdAt: timestamp,
});
export type LeadActivity = z.infer<typeof leadActivity>;
export const addLeadNote = z.object({ content: text(leadLimits.note).min(1) });

// ---- web forms ----

export const leadForm = z.object({
  ...recordBase,
  name: z.string(),
  token: z.string(),
  campaignId: z.string().nullable(),
  sourceId: z.string().nullable(),
  title: z.string(),
  intro: z.string().nullable(),
  fields: z.array(z.enum(leadFormOptionalFields)),
  perMinute: z.number().int(),
  active: z.boolean(),
  leads: z.number().int(),
});
export type LeadForm = z.infer<typeof leadForm>;

const leadFormFields = {
  name: text(leadLimits.formName).min(1),
  campaignId: id.nullish(),
  sourceId: id.nullish(),
  title: text(leadLimits.formTitle).min(1),
  intro: text(leadLimits.formIntro).nullish(),
  fields: z.array(z.enum(leadFormOptionalFields)).max(leadFormOptionalFields.length).optional(),
  perMinute: z.number().int().min(leadLimits.formPerMinute.min).max(leadLimits.formPerMinute.max).optional(),
  active: z.boolean().optional(),
};
export const createLeadForm = z.object(leadFormFields);
export type CreateLeadForm = z.infer<typeof createLeadForm>;
export const updateLeadForm = z.object({
  version: z.number().int(),
  ...z.object(leadFormFields).partial().shape,
});
export type UpdateLeadForm = z.infer<typeof updateLeadForm>;

/** What the public page needs to draw a form (nothing else about the tenant). */
export const publicLeadForm = z.object({
  title: z.string(),
  intro: z.string().nullable(),
  fields: z.array(z.enum(leadFormOptionalFields)),
});
export type PublicLeadForm = z.infer<typeof publicLeadForm>;
export const formTokenParams = z.object({ token: z.string().min(8).max(64) });

/** The honeypot: a field people never see; a bot that fills it gets 202 and nothing is stored. */
export const HONEYPOT_FIELD = 'website';

/** `POST /public/forms/:token`: the visitor's fields (strict: unknown fields are refused). */
export const publicFormSubmission = z.strictObject({
  name: text(leadLimits.name).min(1),
  contactName: text(leadLimits.contactName).optional(),
  mobile: phone.optional(),
  email: z.email().max(EMAIL_MAX).optional(),
  remark: text(leadLimits.remark).optional(),
  [HONEYPOT_FIELD]: z.string().max(200).optional(),
});
export type PublicFormSubmission = z.infer<typeof publicFormSubmission>;

// ---- assignment rules and settings ----

export const leadRule = z.object({
  ...recordBase,
  name: z.string(),
  priority: z.number().int(),
  regionCode: z.string().nullable(),
  sourceId: z.string().nullable(),
  campaignId: z.string().nullable(),
  departmentId: z.string(),
  departmentName: z.string().nullable(),
  active: z.boolean(),
});
export type LeadRule = z.infer<typeof leadRule>;
const leadRuleFields = {
  name: text(leadLimits.ruleName).min(1),
  priority: z.number().int().min(0).max(10_000).optional(),
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/)
    .nullish(),
  sourceId: id.nullish(),
  campaignId: id.nullish(),
  departmentId: id,
  active: z.boolean().optional(),
};
export const createLeadRule = z.object(leadRuleFields);
export type CreateLeadRule = z.infer<typeof createLeadRule>;
export const updateLeadRule = z.object({
  version: z.number().int(),
  ...z.object(leadRuleFields).partial().shape,
});
export type UpdateLeadRule = z.infer<typeof updateLeadRule>;

export const leadSettings = z.object({
  grabDailyLimit: z.number().int().min(leadLimits.grabDailyLimit.min).max(leadLimits.grabDailyLimit.max),
  version: z.number().int(),
});
export type LeadSettings = z.infer<typeof leadSettings>;
