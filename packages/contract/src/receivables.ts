import { z } from 'zod';
import { id, listQuery, recordBase, timestamp } from './common.ts';
import { contractDay, receivableFigures } from './contracts.ts';
import { amount, toCents } from './money.ts';

/**
 * 回款 and 开票 of a contract or an order (one of them, never both): payment plans (instalments
 * whose sum never exceeds the document's amount), payments allocated to the plans, and invoice
 * requests. Every figure is a decimal string.
 */

export const receivableLimits = {
  note: 500,
  payer: 200,
  invoiceTitle: 200,
  taxNumber: 30,
  invoiceNumber: 50,
  reason: 500,
} as const;

/** Money above 0. */
export const receivableAmount = amount.refine((s) => toCents(s) > 0n, 'must be more than 0');

/** The document a plan, payment or invoice belongs to: a contract or an order, exactly one. */
const documentRef = {
  contractId: id.nullish(),
  orderId: id.nullish(),
};
const oneDocument = <T extends { contractId?: string | null; orderId?: string | null }>(v: T) =>
  Boolean(v.contractId) !== Boolean(v.orderId);
const oneDocumentIssue = { message: 'a contractId or an orderId (one of them)', path: ['contractId'] };

const documentFields = {
  contractId: z.string().nullable(),
  contractNumber: z.string().nullable(),
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  customerId: z.string(),
  customerName: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  departmentId: z.string(),
};

// ---- payment plans ----

export const planStatuses = ['open', 'partial', 'paid'] as const;
export type PlanStatus = (typeof planStatuses)[number];

export const paymentPlan = z.object({
  ...recordBase,
  ...documentFields,
  /** 第 n 期, by due date within the document. */
  instalment: z.number().int(),
  dueDate: z.string(),
  amount: z.string(),
  paid: z.string(),
  /** amount − paid (never below 0). */
  outstanding: z.string(),
  status: z.enum(planStatuses),
  /** Days past the due date while not fully paid (tenant time zone); 0 otherwise. */
  daysOverdue: z.number().int(),
  note: z.string().nullable(),
  canEdit: z.boolean(),
  canDelete: z.boolean(),
});
export type PaymentPlan = z.infer<typeof paymentPlan>;

/** `POST /payment-plans`: the plans of a document together may not exceed its amount (409 PLAN_EXCEEDS_AMOUNT). */
export const createPaymentPlan = z
  .object({
    ...documentRef,
    dueDate: contractDay,
    amount: receivableAmount,
    note: z.string().trim().max(receivableLimits.note).nullish(),
  })
  .refine(oneDocument, oneDocumentIssue);
export type CreatePaymentPlan = z.input<typeof createPaymentPlan>;

/** `PATCH /payment-plans/:id`: its amount not below what is paid on it. */
export const updatePaymentPlan = z.object({
  version: z.number().int(),
  dueDate: contractDay.optional(),
  amount: receivableAmount.optional(),
  note: z.string().trim().max(receivableLimits.note).nullish(),
});
export type UpdatePaymentPlan = z.input<typeof updatePaymentPlan>;

export const paymentPlanListQuery = listQuery.extend({
  contractId: id.optional(),
  orderId: id.optional(),
  customerId: id.optional(),
  status: z.enum(planStatuses).optional(),
});
export type PaymentPlanListQuery = z.infer<typeof paymentPlanListQuery>;

/** `GET /receivables/overdue`: plans past due and not fully paid, most overdue first. */
export const overdueListQuery = listQuery.extend({
  customerId: id.optional(),
  ownerId: id.optional(),
});
export type OverdueListQuery = z.infer<typeof overdueListQuery>;

// ---- payments ----

/**
 * `pending`: waiting for its approval (a `payment` flow matched) — it counts for nothing yet but
 * holds its share of the outstanding amount; `counted`: approved or needing no approval;
 * `rejected`: the approval said no (or it was withdrawn).
 */
export const paymentStatuses = ['pending', 'counted', 'rejected'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export const paymentAllocation = z.object({
  planId: z.string(),
  instalment: z.number().int(),
  dueDate: z.string(),
  amount: z.string(),
});

export const payment = z.object({
  ...recordBase,
  ...documentFields,
  /** The plan named when it was recorded (allocation starts there). */
  planId: z.string().nullable(),
  amount: z.string(),
  /** Applied to the document's amount (its plans, then the unplanned rest). */
  applied: z.string(),
  /** Beyond the amount: held as 预收款 (only a prepayment may have any). */
  prepaid: z.string(),
  paidAt: z.string(),
  methodId: z.string(),
  methodName: z.string(),
  payer: z.string().nullable(),
  prepayment: z.boolean(),
  note: z.string().nullable(),
  status: z.enum(paymentStatuses),
  approvalId: z.string().nullable(),
  allocations: z.array(paymentAllocation),
  createdByName: z.string().nullable(),
});
export type Payment = z.infer<typeof payment>;

/**
 * `POST /payments`: allocated to `planId` first, then to the document's other plans oldest due
 * first, then to the part of the amount no plan covers. More than the outstanding amount is
 * 409 OVERPAYMENT unless `prepayment` (the rest is held as 预收款).
 */
export const createPayment = z
  .object({
    ...documentRef,
    planId: id.nullish(),
    amount: receivableAmount,
    paidAt: contractDay,
    /** A `payment-method` dictionary item's id. */
    method: id,
    payer: z.string().trim().max(receivableLimits.payer).nullish(),
    prepayment: z.boolean().optional(),
    note: z.string().trim().max(receivableLimits.note).nullish(),
  })
  .refine(oneDocument, oneDocumentIssue);
export type CreatePayment = z.input<typeof createPayment>;

export const paymentListQuery = listQuery.extend({
  contractId: id.optional(),
  orderId: id.optional(),
  customerId: id.optional(),
  status: z.enum(paymentStatuses).optional(),
  /** paid on or after / on or before */
  from: contractDay.optional(),
  to: contractDay.optional(),
});
export type PaymentListQuery = z.infer<typeof paymentListQuery>;

// ---- invoices ----

export const invoiceTypes = ['normal', 'special'] as const;
export type InvoiceType = (typeof invoiceTypes)[number];
/** requested → approved → issued; requested → rejected (a rejected one frees its amount). */
export const invoiceStatuses = ['requested', 'approved', 'rejected', 'issued'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

export const invoice = z.object({
  ...recordBase,
  ...documentFields,
  amount: z.string(),
  title: z.string(),
  taxNumber: z.string().nullable(),
  type: z.enum(invoiceTypes),
  note: z.string().nullable(),
  status: z.enum(invoiceStatuses),
  requestedBy: z.string().nullable(),
  requestedByName: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  rejectReason: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  issuedOn: z.string().nullable(),
  canDecide: z.boolean(),
  canIssue: z.boolean(),
});
export type Invoice = z.infer<typeof invoice>;

/** `POST /invoices` (开票申请): at most the invoiceable amount (409 INVOICE_EXCEEDS_AMOUNT); 专票 needs the tax number. */
export const createInvoice = z
  .object({
    ...documentRef,
    amount: receivableAmount,
    title: z.string().trim().min(1).max(receivableLimits.invoiceTitle),
    taxNumber: z.string().trim().max(receivableLimits.taxNumber).nullish(),
    type: z.enum(invoiceTypes),
    note: z.string().trim().max(receivableLimits.note).nullish(),
  })
  .refine(oneDocument, oneDocumentIssue)
  .refine((v) => v.type === 'normal' || Boolean(v.taxNumber), {
    message: 'a special VAT invoice (专票) needs the tax number',
    path: ['taxNumber'],
  });
export type CreateInvoice = z.input<typeof createInvoice>;

export const decideInvoice = z
  .object({
    version: z.number().int(),
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(receivableLimits.reason).optional(),
  })
  .refine((v) => v.decision === 'approve' || Boolean(v.reason), {
    message: 'a rejection needs a reason',
    path: ['reason'],
  });
export type DecideInvoice = z.input<typeof decideInvoice>;

export const issueInvoice = z.object({
  version: z.number().int(),
  invoiceNumber: z.string().trim().min(1).max(receivableLimits.invoiceNumber),
  issuedOn: contractDay,
});
export type IssueInvoice = z.input<typeof issueInvoice>;

export const invoiceListQuery = listQuery.extend({
  contractId: id.optional(),
  orderId: id.optional(),
  customerId: id.optional(),
  status: z.enum(invoiceStatuses).optional(),
});
export type InvoiceListQuery = z.infer<typeof invoiceListQuery>;

// ---- one document ----

/** `GET /receivables/document?contractId=|orderId=`: a document's figures, plans, payments and invoices. */
export const receivableDocumentQuery = z.object(documentRef).refine(oneDocument, oneDocumentIssue);
export const receivableDocument = z.object({
  contractId: z.string().nullable(),
  orderId: z.string().nullable(),
  number: z.string(),
  customerId: z.string(),
  amount: z.string(),
  figures: receivableFigures,
  plans: z.array(paymentPlan),
  payments: z.array(payment),
  invoices: z.array(invoice),
  /** The caller may record plans and payments on it (receivables:create, a document that takes them). */
  canRecord: z.boolean(),
  canInvoice: z.boolean(),
});
export type ReceivableDocument = z.infer<typeof receivableDocument>;
