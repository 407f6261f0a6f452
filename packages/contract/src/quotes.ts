import { z } from 'zod';
import { calendarDate as day, id, listQuery, recordBase, timestamp } from './common.ts';
import { amount, percent, quantity } from './money.ts';

/**
 * 报价单: draft → in-approval (a discount above the tenant's threshold) → approved → sent →
 * accepted / rejected / expired (a nightly job, past `validUntil`). An approval that is rejected,
 * returned or withdrawn puts the quote back to `draft` (`approvalOutcome` says why) for changes.
 */
export const quoteStatuses = [
  'draft',
  'in-approval',
  'approved',
  'sent',
  'accepted',
  'rejected',
  'expired',
] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

export const quoteLimits = { lines: 200, notes: 2000, comment: 500 } as const;

/**
 * A line of a quote or an order as answered. Money and quantities are decimal strings; `amount` is
 * quantity × unit price × (1 − discount), half up to the cent. `cost` (quantity × the product's cost
 * when the line was written) and `margin` (amount − cost) are absent for a caller whose field
 * permission hides them, and null when the product has no cost.
 */
export const salesLine = z.object({
  id: z.string(),
  productId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  model: z.string().nullable(),
  spec: z.string().nullable(),
  unitName: z.string().nullable(),
  quantity: z.string(),
  unitPrice: z.string(),
  discountPercent: z.string(),
  amount: z.string(),
  cost: z.string().nullable().optional(),
  margin: z.string().nullable().optional(),
});
export type SalesLine = z.infer<typeof salesLine>;

/** A line as written: the unit price defaults to the price the customer's price lists propose. */
export const salesLineInput = z.object({
  productId: id,
  quantity,
  unitPrice: amount.optional(),
  discountPercent: percent.optional(),
});
export type SalesLineInput = z.input<typeof salesLineInput>;

/** Totals of a quote or order: the lines' amounts summed, tax = subtotal × taxRate half up, total = subtotal + tax. */
export const salesTotals = {
  /** Percent, e.g. `"13"`. */
  taxRate: z.string(),
  subtotal: z.string(),
  tax: z.string(),
  total: z.string(),
  /** Sum of the lines' costs (null when a line's product has no cost); absent when hidden. */
  cost: z.string().nullable().optional(),
  /** total before tax − cost; absent when hidden. */
  margin: z.string().nullable().optional(),
};

export const quote = z.object({
  ...recordBase,
  /** BJ… from the numbering rules. */
  number: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  opportunityId: z.string().nullable(),
  opportunityTitle: z.string().nullable(),
  ownerId: z.string(),
  ownerName: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  status: z.enum(quoteStatuses),
  validUntil: day,
  notes: z.string().nullable(),
  lines: z.array(salesLine),
  ...salesTotals,
  /** The largest line discount, percent. */
  maxDiscount: z.string(),
  /** The tenant's threshold at the time of the answer; above it submitting needs an approval. */
  discountThreshold: z.string(),
  needsApproval: z.boolean(),
  /** The engine's approval while or since it ran (null: none, or decided by a quotes:approve holder directly). */
  approvalId: z.string().nullable(),
  /** How the last approval ended (rejected / returned / withdrawn put the quote back to draft). */
  approvalOutcome: z.enum(['approved', 'rejected', 'returned', 'withdrawn']).nullable(),
  approvalComment: z.string().nullable(),
  submittedAt: timestamp.nullable(),
  approvedAt: timestamp.nullable(),
  sentAt: timestamp.nullable(),
  decidedAt: timestamp.nullable(),
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  canEdit: z.boolean(),
  /** In approval without a flow of the engine: a quotes:approve holder decides (POST /:id/decide). */
  canDecide: z.boolean(),
});
export type Quote = z.infer<typeof quote>;

/** A list row: the quote without its lines. */
export const quoteRow = quote.omit({ lines: true });
export type QuoteRow = z.infer<typeof quoteRow>;

const quoteFields = {
  customerId: id,
  opportunityId: id.nullish(),
  lines: z.array(salesLineInput).min(1).max(quoteLimits.lines),
  /** Percent; 0 when absent. */
  taxRate: percent.optional(),
  validUntil: day,
  notes: z.string().trim().max(quoteLimits.notes).nullish(),
};

/** `POST /quotes` → 201 with the totals computed on the server. */
export const createQuote = z.object(quoteFields);
export type CreateQuote = z.input<typeof createQuote>;

/** `PATCH /quotes/:id`: only in draft; `lines` replaces them all. */
export const updateQuote = z.object({ version: z.number().int(), ...z.object(quoteFields).partial().shape });
export type UpdateQuote = z.input<typeof updateQuote>;

/** `POST /quotes/:id/submit|send|accept|reject|to-order`. */
export const quoteAction = z.object({
  version: z.number().int(),
  comment: z.string().trim().max(quoteLimits.comment).optional(),
});
export type QuoteAction = z.input<typeof quoteAction>;

/** `POST /quotes/:id/decide`: a quote in approval that no flow of the engine took. */
export const decideQuote = z.object({
  decision: z.enum(['approve', 'reject']),
  version: z.number().int(),
  comment: z.string().trim().max(quoteLimits.comment).optional(),
});
export type DecideQuote = z.input<typeof decideQuote>;

export const quoteListQuery = listQuery.extend({
  status: z.enum(quoteStatuses).optional(),
  customerId: id.optional(),
  ownerId: id.optional(),
  opportunityId: id.optional(),
});
export type QuoteListQuery = z.infer<typeof quoteListQuery>;

/** `GET|PUT /quotes/settings`: a discount above `discountThreshold` percent needs an approval. */
export const quoteSettings = z.object({ discountThreshold: z.string(), version: z.number().int() });
export type QuoteSettings = z.infer<typeof quoteSettings>;
export const updateQuoteSettings = z.object({ discountThreshold: percent, version: z.number().int() });
export type UpdateQuoteSettings = z.input<typeof updateQuoteSettings>;

/** `GET /quotes/:id/print`, `/orders/:id/print`: the document rendered by the tenant's print template. */
export const printedDocument = z.object({ title: z.string(), html: z.string() });
export type PrintedDocument = z.infer<typeof printedDocument>;
