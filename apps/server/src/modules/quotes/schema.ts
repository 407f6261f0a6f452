import { sql } from 'drizzle-orm';
import { date, index, integer, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

const money = (name: string) => numeric(name, { precision: 18, scale: 2 });
const pct = (name: string) => numeric(name, { precision: 5, scale: 2 });

/**
 * 报价单: totals kept with the quote (computed on the server from its lines, exact), the owner and
 * their department for the data scope, the approval of a discount above the tenant's threshold.
 */
export const quotes = pgTable(
  'quotes',
  {
    ...baseColumns(),
    number: text('number').notNull(),
    customerId: uuid('customer_id').notNull(),
    opportunityId: uuid('opportunity_id'),
    ownerId: uuid('owner_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    status: text('status', {
      enum: ['draft', 'in-approval', 'approved', 'sent', 'accepted', 'rejected', 'expired'],
    }).notNull(),
    validUntil: date('valid_until').notNull(),
    notes: text('notes'),
    taxRate: pct('tax_rate').notNull().default('0'),
    subtotal: money('subtotal').notNull(),
    tax: money('tax').notNull(),
    total: money('total').notNull(),
    /** Null when a line's product has no cost. */
    cost: money('cost'),
    maxDiscount: pct('max_discount').notNull().default('0'),
    approvalId: uuid('approval_id'),
    approvalOutcome: text('approval_outcome', { enum: ['approved', 'rejected', 'returned', 'withdrawn'] }),
    approvalComment: text('approval_comment'),
    submittedAt: tz('submitted_at'),
    approvedAt: tz('approved_at'),
    sentAt: tz('sent_at'),
    /** Accepted, rejected or expired. */
    decidedAt: tz('decided_at'),
    orderId: uuid('order_id'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    index('quotes_created_idx').on(t.tenantId, t.createdAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('quotes_owner_idx').on(t.tenantId, t.ownerId, t.createdAt).where(sql`${t.deletedAt} IS NULL`),
    index('quotes_department_idx')
      .on(t.tenantId, t.departmentId, t.createdAt)
      .where(sql`${t.deletedAt} IS NULL`),
    // the customer's quotes, and its timeline, which reads deleted ones too (customerChildren): not partial
    index('quotes_customer_idx').on(t.tenantId, t.customerId, t.createdAt),
    // the nightly expiry
    index('quotes_sent_idx')
      .on(t.tenantId, t.validUntil)
      .where(sql`${t.status} = 'sent' AND ${t.deletedAt} IS NULL`),
  ],
);

/** A quote's lines, with the product as it was when written (code, name, unit, cost). */
export const quoteLines = pgTable(
  'quote_lines',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    quoteId: uuid('quote_id').notNull(),
    position: integer('position').notNull(),
    productId: uuid('product_id').notNull(),
    productCode: text('product_code').notNull(),
    productName: text('product_name').notNull(),
    model: text('model'),
    spec: text('spec'),
    unitName: text('unit_name'),
    quantity: numeric('quantity', { precision: 15, scale: 3 }).notNull(),
    unitPrice: money('unit_price').notNull(),
    discountPercent: pct('discount_percent').notNull().default('0'),
    amount: money('amount').notNull(),
    unitCost: money('unit_cost'),
    cost: money('cost'),
  },
  (t) => [index('quote_lines_quote_idx').on(t.tenantId, t.quoteId, t.position)],
);

/** Per tenant: a line discount above `discount_threshold` percent sends the quote to approval. */
export const quoteSettings = pgTable('quote_settings', {
  tenantId: uuid('tenant_id').primaryKey(),
  discountThreshold: pct('discount_threshold').notNull().default('15'),
  version: integer('version').notNull().default(1),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});
