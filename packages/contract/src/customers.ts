import { z } from 'zod';
import { calendarDate, id, listQuery, phone, recordBase, timestamp } from './common.ts';
import {
  BANK_ACCOUNT_PATTERN,
  contactLimits,
  customerLimits,
  EMAIL_MAX,
  MONEY_PATTERN,
  PHONE_MAX,
  TAX_NUMBER_PATTERN,
} from './limits.ts';

export const customerTypes = ['direct', 'distributor', 'individual'] as const;
const customerStates = ['draft', 'active', 'pool'] as const;
export type CustomerState = (typeof customerStates)[number];

/** Money and capital: exact decimal strings, 2 places at most (never floats). */
export const money = z.string().trim().regex(MONEY_PATTERN, 'a decimal number with at most 2 decimal places');
/** `YYYY-MM-DD` (that exists). */
export const isoDate = calendarDate;
const score = z.number().int().min(1).max(5);
const text = (max: number) => z.string().trim().max(max);

/** Values of custom fields, by field key (checked against the definitions on write). */
const customValues = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string()), z.null()]));

export const customer = z.object({
  ...recordBase,
  number: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.enum(customerTypes),
  levelId: z.string().nullable(),
  sourceId: z.string().nullable(),
  industryId: z.string().nullable(),
  statusId: z.string().nullable(),
  intentionId: z.string().nullable(),
  regionId: z.string().nullable(),
  /** Names of the dictionary items above (even of invalidated ones), for lists and exports. */
  levelName: z.string().nullable(),
  sourceName: z.string().nullable(),
  industryName: z.string().nullable(),
  statusName: z.string().nullable(),
  intentionName: z.string().nullable(),
  regionName: z.string().nullable(),
  address: z.string().nullable().optional(),
  /** WGS-84; hidden with the address (fieldFollowers in permissions.ts). */
  lat: z.number().nullable().optional(),
  lng: z.number().nullable().optional(),
  phone: z.string().nullable().optional(),
  mobile: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  website: z.string().nullable(),
  taxNumber: z.string().nullable().optional(),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable().optional(),
  credit: z.number().int().nullable(),
  satisfaction: z.number().int().nullable(),
  legalRepresentative: z.string().nullable().optional(),
  registeredCapital: z.string().nullable().optional(),
  annualTurnover: z.string().nullable().optional(),
  tags: z.array(z.string()),
  profile: z.string().nullable(),
  custom: customValues,
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  state: z.enum(customerStates),
  poolId: z.string().nullable(),
  poolName: z.string().nullable(),
  createdById: z.string().nullable(),
  lastFollowUpAt: timestamp.nullable(),
  nextFollowUpAt: timestamp.nullable(),
  /** 最近下单: the latest order created or confirmed. */
  lastOrderAt: timestamp.nullable(),
  /** 流失风险 0–100 (higher: more likely to drift away), recomputed nightly; null before the first run. */
  riskScore: z.number().int().nullable(),
  /** 确认流失: when the customer was confirmed lost; null while it is not. */
  churnedAt: timestamp.nullable(),
  protectedUntil: z.string().nullable(),
  submittedAt: timestamp.nullable(),
  /** False once invalidated (失效): view-only, kept for the records that refer to it. */
  valid: z.boolean(),
  invalidatedAt: timestamp.nullable(),
  invalidReason: z.string().nullable(),
  /** What the caller may do with it (write access via scope or a read-write share). */
  canEdit: z.boolean(),
});
export type Customer = z.infer<typeof customer>;

/** The editable fields (all optional here; `name` is required on create). */
const customerFields = {
  name: text(customerLimits.name).min(1),
  shortName: text(customerLimits.shortName).nullish(),
  type: z.enum(customerTypes).optional(),
  levelId: id.nullish(),
  sourceId: id.nullish(),
  industryId: id.nullish(),
  statusId: id.nullish(),
  intentionId: id.nullish(),
  regionId: id.nullish(),
  address: text(customerLimits.address).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
  phone: phone.nullish(),
  mobile: phone.nullish(),
  email: z.email().max(EMAIL_MAX).nullish(),
  website: text(customerLimits.website).nullish(),
  taxNumber: z.string().trim().regex(TAX_NUMBER_PATTERN, '8–20 letters or digits').nullish(),
  bankName: text(customerLimits.bankName).nullish(),
  bankAccount: z.string().trim().regex(BANK_ACCOUNT_PATTERN).nullish(),
  credit: score.nullish(),
  satisfaction: score.nullish(),
  legalRepresentative: text(customerLimits.legalRepresentative).nullish(),
  registeredCapital: money.nullish(),
  annualTurnover: money.nullish(),
  tags: z.array(text(customerLimits.tag).min(1)).max(customerLimits.tags).optional(),
  profile: text(customerLimits.profile).nullish(),
  custom: customValues.optional(),
  nextFollowUpAt: z.iso.datetime({ offset: true }).nullish(),
};

export const createCustomer = z.object({
  ...customerFields,
  /** Save as a draft (潜在客户): no number yet, visible to its creator only. */
  draft: z.boolean().optional(),
  /** Save despite duplicates (needs `customers:force_duplicate`). */
  force: z.boolean().optional(),
  /** Owner of an active customer; the creator when absent. */
  ownerId: id.optional(),
});
export type CreateCustomer = z.infer<typeof createCustomer>;

export const updateCustomer = z.object({
  version: z.number().int(),
  ...z.object(customerFields).partial().shape,
});
export type UpdateCustomer = z.infer<typeof updateCustomer>;

export const submitCustomer = z.object({ version: z.number().int(), force: z.boolean().optional() });

export const relativeDates = [
  'today',
  'yesterday',
  'this-week',
  'last-week',
  'this-month',
  'last-month',
  'this-quarter',
  'this-year',
  'last-7-days',
  'last-30-days',
] as const;
export type RelativeDate = (typeof relativeDates)[number];

export const customerListQuery = listQuery
  .extend({
    state: z.enum(customerStates).default('active'),
    ownerId: id.optional(),
    departmentId: id.optional(),
    levelId: id.optional(),
    sourceId: id.optional(),
    industryId: id.optional(),
    statusId: id.optional(),
    intentionId: id.optional(),
    /** A region and everything below it. */
    regionId: id.optional(),
    poolId: id.optional(),
    type: z.enum(customerTypes).optional(),
    tag: z.string().trim().max(customerLimits.tag).optional(),
    createdIn: z.enum(relativeDates).optional(),
    createdFrom: isoDate.optional(),
    createdTo: isoDate.optional(),
    nextFollowUpIn: z.enum(relativeDates).optional(),
    lastFollowUpBefore: isoDate.optional(),
    /** `true`: valid customers only; `false`: invalidated (失效) ones only. */
    valid: z.enum(['true', 'false']).optional(),
    /** `true`: count exactly even when the set is large (約 N 条 → exact). */
    exactTotal: z.enum(['true', 'false']).optional(),
  })
  // custom-field filters `cf.<key>`, `cf.<key>.from|to`: checked by the server against the definitions
  .loose();
export type CustomerListQuery = z.infer<typeof customerListQuery>;

export const duplicateCheck = z
  .object({
    name: text(customerLimits.name).optional(),
    phone: z.string().trim().max(PHONE_MAX).optional(),
    taxNumber: z.string().trim().max(30).optional(),
    email: z.string().trim().max(EMAIL_MAX).optional(),
    /** The record being edited, left out of its own matches. */
    excludeId: id.optional(),
  })
  .refine((v) => v.name || v.phone || v.taxNumber || v.email, 'give at least one field');

const duplicateMatchFields = ['name', 'phone', 'taxNumber', 'email'] as const;
const duplicateMatch = z.object({
  /** Absent when the match is outside the caller's scope. */
  id: z.string().optional(),
  name: z.string(),
  number: z.string().optional(),
  state: z.enum(customerStates),
  /** Masked (`王****明`) outside the caller's scope; null for pool customers. */
  ownerName: z.string().nullable(),
  poolName: z.string().nullable(),
  matchedBy: z.array(z.enum(duplicateMatchFields)),
});
export type DuplicateMatch = z.infer<typeof duplicateMatch>;
export const duplicateCheckResponse = z.object({ matches: z.array(duplicateMatch) });

export const transferCustomer = z.object({ ownerId: id });
export const bulkTransferCustomers = z.object({ ids: z.array(id).min(1).max(500), ownerId: id });
export const bulkDeleteCustomers = z.object({ ids: z.array(id).min(1).max(500) });
/** 失效: why the customer is no longer worked (closed down, wrong data …). */
export const invalidateCustomer = z.object({ reason: text(customerLimits.invalidReason).optional() });
export const bulkInvalidateCustomers = z.object({
  ids: z.array(id).min(1).max(500),
  reason: text(customerLimits.invalidReason).optional(),
});
export const bulkUpdateCustomers = z.object({
  ids: z.array(id).min(1).max(500),
  values: z
    .object({
      levelId: id.nullable(),
      sourceId: id.nullable(),
      industryId: id.nullable(),
      statusId: id.nullable(),
      intentionId: id.nullable(),
      regionId: id.nullable(),
      type: z.enum(customerTypes),
      addTags: z.array(text(customerLimits.tag).min(1)).max(customerLimits.tags),
    })
    .partial()
    .refine((v) => Object.keys(v).length > 0, 'nothing to update'),
});
export const bulkResult = z.object({
  updated: z.number().int(),
  /** Ids that were skipped: out of scope, gone, or refused; with the error code. */
  failed: z.array(z.object({ id: z.string(), code: z.string() })),
});
export type BulkResult = z.infer<typeof bulkResult>;

export const shareCustomer = z
  .object({
    userIds: z.array(id).max(100).optional(),
    departmentIds: z.array(id).max(100).optional(),
    access: z.enum(['read', 'write']),
  })
  .refine((v) => v.userIds?.length || v.departmentIds?.length, 'give users or departments');
export const customerShare = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  access: z.enum(['read', 'write']),
  createdAt: timestamp,
});
export type CustomerShare = z.infer<typeof customerShare>;
export const shareParams = z.object({ id, shareId: id });

export const delayCustomer = z.object({ until: isoDate });
export const mergeCustomer = z.object({ sourceId: id });

export const timelineEntry = z.object({
  at: timestamp,
  userName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string().nullable(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

// ---- contacts ----
export const genders = ['male', 'female', 'unknown'] as const;

export const contact = z.object({
  ...recordBase,
  customerId: z.string(),
  customerName: z.string(),
  name: z.string(),
  gender: z.enum(genders),
  title: z.string().nullable(),
  department: z.string().nullable(),
  mobile: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  wechat: z.string().nullable().optional(),
  birthday: z.string().nullable().optional(),
  decisionRole: z.string().nullable(),
  isPrimary: z.boolean(),
  remark: z.string().nullable(),
  custom: customValues,
});
export type Contact = z.infer<typeof contact>;

const contactFields = {
  name: text(contactLimits.name).min(1),
  gender: z.enum(genders).optional(),
  title: text(contactLimits.title).nullish(),
  department: text(contactLimits.department).nullish(),
  mobile: phone.nullish(),
  phone: phone.nullish(),
  email: z.email().max(EMAIL_MAX).nullish(),
  wechat: text(contactLimits.wechat).nullish(),
  birthday: isoDate.nullish(),
  decisionRole: text(contactLimits.decisionRole).nullish(),
  isPrimary: z.boolean().optional(),
  remark: text(contactLimits.remark).nullish(),
  custom: customValues.optional(),
};
export const createContact = z.object({ customerId: id, ...contactFields });
export type CreateContact = z.infer<typeof createContact>;
export const updateContact = z.object({
  version: z.number().int(),
  ...z.object(contactFields).partial().shape,
});
export type UpdateContact = z.infer<typeof updateContact>;
/** Also `cf.<key>` custom-field filters, as on customers. */
export const contactListQuery = listQuery.extend({ customerId: id.optional() }).loose();
export type ContactListQuery = z.infer<typeof contactListQuery>;
