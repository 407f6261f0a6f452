import { z } from 'zod';
import { id, listQuery, listResponse, timestamp } from './common.ts';

/** Limits of the contact norms (联系频率). */
export const contactNormLimits = {
  /** Required follow-ups per customer and month: 0 (no norm) to this. */
  perMonth: 99,
  /** Norms changed in one request (the tenant's customer levels). */
  norms: 200,
} as const;

/**
 * One customer level's norm: how many follow-ups a customer of that level needs per month.
 * `version` is the norm row's (null before the level has one): a PUT that names a level carries
 * the version it read, so two admins editing at once get 409 instead of overwriting each other.
 */
export const contactNorm = z.object({
  levelId: id,
  /** The level's names (dictionary customer-level), for the editor. */
  levelName: z.string(),
  levelNameEn: z.string().nullable(),
  /** An invalidated level keeps its norm for the customers that still have it. */
  levelValid: z.boolean(),
  perMonth: z.number().int(),
  version: z.number().int().nullable(),
});
export type ContactNorm = z.infer<typeof contactNorm>;

/** GET /settings/contact-norms: every customer level of the tenant, in the dictionary's order. */
export const contactNorms = z.object({ norms: z.array(contactNorm) });
export type ContactNorms = z.infer<typeof contactNorms>;

/** PUT /settings/contact-norms: the levels named change, the others stay as they are. */
export const updateContactNorms = z.object({
  norms: z
    .array(
      z.object({
        levelId: id,
        perMonth: z.number().int().min(0).max(contactNormLimits.perMonth),
        /** The norm's version as read; null (or absent) when the level had none. */
        version: z.number().int().min(0).nullish(),
      }),
    )
    .min(1)
    .max(contactNormLimits.norms),
});
export type UpdateContactNorms = z.infer<typeof updateContactNorms>;

/** `YYYY-MM`, a calendar month in the tenant's time zone. */
export const reportMonth = z.string().regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const contactComplianceQuery = z.object({ month: reportMonth });

/**
 * One row of the contact-compliance report (联系频率达标), per owner of customers in the caller's
 * follow-ups scope:
 * - `customers`: the user's active customers (owned, not in a pool, not deleted, not invalidated)
 *   whose level has a norm above 0;
 * - `required`: the sum of those customers' norms for the month;
 * - `done`: follow-ups in the month (tenant time zone) on those customers, each customer counted
 *   up to its own norm — five calls to one customer do not hide another left alone. Follow-ups
 *   by anyone count: the norm is about the customer being contacted (a colleague's visit or the
 *   supervisor's call is contact), while the duty to see it done is the owner's;
 * - `rate`: done / required in 0..1, null when nothing is required.
 * Users in the scope who are active or own such customers are listed, by name.
 */
export const contactComplianceRow = z.object({
  userId: id,
  name: z.string(),
  customers: z.number().int(),
  required: z.number().int(),
  done: z.number().int(),
  rate: z.number().nullable(),
});
export type ContactComplianceRow = z.infer<typeof contactComplianceRow>;

export const contactComplianceReport = z.object({ data: z.array(contactComplianceRow) });
export type ContactComplianceReport = z.infer<typeof contactComplianceReport>;

export const complianceCustomerStatuses = ['all', 'behind'] as const;

/** The customers behind one row: `behind` = fewer follow-ups than the norm; `q`: part of the name. */
export const contactComplianceCustomersQuery = listQuery
  .pick({ page: true, pageSize: true, q: true })
  .extend({
    month: reportMonth,
    userId: id,
    status: z.enum(complianceCustomerStatuses).default('all'),
  });
export type ContactComplianceCustomersQuery = z.infer<typeof contactComplianceCustomersQuery>;

/**
 * A customer behind a row: `done` is capped at `required` (so a row's numbers are the sums of its
 * customers'); `followUps` is the month's real count. Behind first, then by name.
 */
export const contactComplianceCustomer = z.object({
  id,
  number: z.string().nullable(),
  name: z.string(),
  levelId: id,
  levelName: z.string(),
  levelNameEn: z.string().nullable(),
  required: z.number().int(),
  done: z.number().int(),
  followUps: z.number().int(),
  lastFollowUpAt: timestamp.nullable(),
});
export type ContactComplianceCustomer = z.infer<typeof contactComplianceCustomer>;

export const contactComplianceCustomers = listResponse(contactComplianceCustomer);
