import { sql } from 'drizzle-orm';
import { date, index, integer, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/**
 * 合同: of a customer, optionally from an order or a quote; owned by `owner_id` in
 * `department_id` (the contracts scope). Draft → in approval → active → expired / terminated.
 */
export const contracts = pgTable(
  'contracts',
  {
    ...baseColumns(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    customerId: uuid('customer_id').notNull(),
    orderId: uuid('order_id'),
    quoteId: uuid('quote_id'),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    signedAt: date('signed_at'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    ourCompany: text('our_company'),
    ourSignatory: text('our_signatory'),
    theirCompany: text('their_company'),
    theirSignatory: text('their_signatory'),
    terms: text('terms'),
    status: text('status', { enum: ['draft', 'in-approval', 'active', 'expired', 'terminated'] }).notNull(),
    approvalId: uuid('approval_id'),
    terminatedAt: tz('terminated_at'),
    terminationReason: text('termination_reason'),
    ownerId: uuid('owner_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    /** The end date the owner was last reminded of (a changed end date reminds again). */
    expiryNotifiedFor: date('expiry_notified_for'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    uniqueIndex('contracts_number_uq').on(t.tenantId, t.number).where(sql`${t.deletedAt} IS NULL`),
    index('contracts_created_idx').on(t.tenantId, t.createdAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('contracts_owner_idx').on(t.tenantId, t.ownerId, t.createdAt).where(sql`${t.deletedAt} IS NULL`),
    index('contracts_department_idx')
      .on(t.tenantId, t.departmentId, t.createdAt)
      .where(sql`${t.deletedAt} IS NULL`),
    // 合同历史 of a customer; deleted rows too (a merge moves them, the 360 timeline reads their history)
    index('contracts_customer_idx').on(t.tenantId, t.customerId, t.createdAt),
    // the contracts of an order (its detail page)
    index('contracts_order_idx')
      .on(t.tenantId, t.orderId)
      .where(sql`${t.orderId} IS NOT NULL AND ${t.deletedAt} IS NULL`),
    // the nightly expiry reminders and expiries
    index('contracts_active_end_idx')
      .on(t.tenantId, t.endDate)
      .where(sql`${t.deletedAt} IS NULL AND ${t.status} = 'active'`),
  ],
);

/** The tenant's contract settings (one row, created on first change). */
export const contractSettings = pgTable('contract_settings', {
  tenantId: uuid('tenant_id').primaryKey(),
  expiryReminderDays: integer('expiry_reminder_days').notNull().default(30),
  version: integer('version').notNull().default(1),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});
