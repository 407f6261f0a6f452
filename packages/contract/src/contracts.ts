import { z } from 'zod';
import { calendarDate, id, listQuery, recordBase, timestamp } from './common.ts';
import { amount } from './money.ts';

/**
 * 合同: `draft` is edited freely; submitting goes to the approval engine (`in-approval`) when a
 * flow of type `contract` matches its amount and department, else straight to `active`. An active
 * contract ends `expired` (the day after its end date, by the nightly job) or `terminated` (by hand).
 * A rejected, returned or withdrawn approval puts it back to `draft`.
 */
export const contractStatuses = ['draft', 'in-approval', 'active', 'expired', 'terminated'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export const contractLimits = {
  title: 200,
  party: 200,
  terms: 20_000,
  reason: 500,
  /** Files named in one create request. */
  files: 20,
  /** 到期提醒: days before the end date. */
  reminderDays: { min: 1, max: 365, default: 30 },
} as const;

/** A calendar date `YYYY-MM-DD` (that exists). */
export const contractDay = calendarDate;

/** Money figures of a contract or order as receivables see them (decimal strings). */
export const receivableFigures = z.object({
  /** The sum of the payment plans (≤ the amount). */
  planned: z.string(),
  /** Payments that count (approved or needing no approval), applied to the amount. */
  received: z.string(),
  /** amount − received, never below 0. */
  outstanding: z.string(),
  /** Received beyond the amount, recorded as prepayments (预收款). */
  prepaid: z.string(),
  /** Invoices not rejected. */
  invoiced: z.string(),
  /** amount − invoiced. */
  invoiceable: z.string(),
});
export type ReceivableFigures = z.infer<typeof receivableFigures>;

export const contract = z.object({
  ...recordBase,
  /** HT… from the numbering rules. */
  number: z.string(),
  title: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  quoteId: z.string().nullable(),
  amount: z.string(),
  signedAt: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  /** 甲乙双方: our company and signatory, theirs. */
  ourCompany: z.string().nullable(),
  ourSignatory: z.string().nullable(),
  theirCompany: z.string().nullable(),
  theirSignatory: z.string().nullable(),
  terms: z.string().nullable(),
  status: z.enum(contractStatuses),
  approvalId: z.string().nullable(),
  terminatedAt: timestamp.nullable(),
  terminationReason: z.string().nullable(),
  ownerId: z.string(),
  ownerName: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  /** Days from today (tenant time zone) to the end date; negative once past. */
  daysToEnd: z.number().int(),
  figures: receivableFigures,
  canEdit: z.boolean(),
  canSubmit: z.boolean(),
  canTerminate: z.boolean(),
  canDelete: z.boolean(),
});
export type Contract = z.infer<typeof contract>;

const text = (max: number) => z.string().trim().max(max).nullish();

const contractFields = {
  title: z.string().trim().min(1).max(contractLimits.title),
  customerId: id,
  /** An order of the customer that the caller sees. */
  orderId: id.nullish(),
  quoteId: id.nullish(),
  amount,
  signedAt: contractDay.nullish(),
  startDate: contractDay,
  endDate: contractDay,
  ourCompany: text(contractLimits.party),
  ourSignatory: text(contractLimits.party),
  theirCompany: text(contractLimits.party),
  theirSignatory: text(contractLimits.party),
  terms: text(contractLimits.terms),
  /** The owner (负责人); defaults to the caller. A user in the caller's contracts scope. */
  ownerId: id.optional(),
};

/**
 * `POST /contracts`: a draft with its number (HT…); `startDate` ≤ `endDate`. `fileIds`: the
 * caller's own uploads (`POST /files` with `entity: "uploads"`), attached to the new contract.
 */
export const createContract = z.object({
  ...contractFields,
  fileIds: z.array(id).max(contractLimits.files).optional(),
});
export type CreateContract = z.input<typeof createContract>;

/** `PATCH /contracts/:id`: a draft only. */
export const updateContract = z.object({
  version: z.number().int(),
  ...z.object(contractFields).partial().shape,
});
export type UpdateContract = z.input<typeof updateContract>;

export const contractVersion = z.object({ version: z.number().int() });

export const terminateContract = z.object({
  version: z.number().int(),
  reason: z.string().trim().min(1).max(contractLimits.reason),
});
export type TerminateContract = z.input<typeof terminateContract>;

export const contractListQuery = listQuery.extend({
  status: z.enum(contractStatuses).optional(),
  customerId: id.optional(),
  /** The contracts of one order. */
  orderId: id.optional(),
  ownerId: id.optional(),
  mine: z.enum(['true', 'false']).optional(),
  /** Active contracts ending within this many days. */
  endingWithin: z.coerce.number().int().min(0).max(3650).optional(),
});
export type ContractListQuery = z.infer<typeof contractListQuery>;

/** `GET|PUT /contracts/settings`: 到期提醒 N days before the end date. */
export const contractSettings = z.object({
  expiryReminderDays: z
    .number()
    .int()
    .min(contractLimits.reminderDays.min)
    .max(contractLimits.reminderDays.max),
  version: z.number().int(),
});
export type ContractSettings = z.infer<typeof contractSettings>;

/** `GET /contracts/:id/print`: the rendered print template. */
export const contractPrint = z.object({ title: z.string(), html: z.string() });
