import { sql } from 'drizzle-orm';
import { boolean, date, index, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

const money = (name: string) => numeric(name, { precision: 18, scale: 2 });

/**
 * The document side of every row: a contract or an order (one of them), its customer, and its
 * owner and department copied from it when the row is written (the receivables scope).
 */
const documentColumns = () => ({
  contractId: uuid('contract_id'),
  orderId: uuid('order_id'),
  customerId: uuid('customer_id').notNull(),
  ownerId: uuid('owner_id').notNull(),
  departmentId: uuid('department_id').notNull(),
});

/**
 * One row per contract or order with receivables: locked by every write on the document, so two
 * payments (or a plan and a payment) at once are serialised — the orders' table is not ours to lock.
 */
export const receivableAccounts = pgTable('receivable_accounts', {
  documentId: uuid('document_id').primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  kind: text('kind', { enum: ['contract', 'order'] }).notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
});

/** 回款计划: an instalment; `paid` is the sum of its allocations (kept in the same transaction). */
export const paymentPlans = pgTable(
  'payment_plans',
  {
    ...baseColumns(),
    ...documentColumns(),
    dueDate: date('due_date').notNull(),
    amount: money('amount').notNull(),
    paid: money('paid').notNull().default('0'),
    note: text('note'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    // a customer's plans (merge, 360, the customer's sums)
    index('payment_plans_customer_idx').on(t.tenantId, t.customerId),
    index('payment_plans_contract_idx').on(t.tenantId, t.contractId).where(sql`${t.deletedAt} IS NULL`),
    index('payment_plans_order_idx').on(t.tenantId, t.orderId).where(sql`${t.deletedAt} IS NULL`),
    index('payment_plans_due_idx').on(t.tenantId, t.dueDate, t.id).where(sql`${t.deletedAt} IS NULL`),
    // the overdue list and its reminders: not fully paid
    index('payment_plans_open_idx')
      .on(t.tenantId, t.dueDate)
      .where(sql`${t.deletedAt} IS NULL AND ${t.paid} < ${t.amount}`),
    // the rollup job finds the plans written since its watermark (rollup-service.ts)
    index('payment_plans_updated_idx').on(t.tenantId, t.updatedAt),
  ],
);

/** 回款记录: `applied` to the document's amount, the rest `prepaid` (预收款); pending ones await approval. */
export const payments = pgTable(
  'payments',
  {
    ...baseColumns(),
    ...documentColumns(),
    planId: uuid('plan_id'),
    amount: money('amount').notNull(),
    applied: money('applied').notNull().default('0'),
    prepaid: money('prepaid').notNull().default('0'),
    paidAt: date('paid_at').notNull(),
    methodId: uuid('method_id').notNull(),
    payer: text('payer'),
    prepayment: boolean('prepayment').notNull().default(false),
    note: text('note'),
    status: text('status', { enum: ['pending', 'counted', 'rejected'] }).notNull(),
    approvalId: uuid('approval_id'),
  },
  (t) => [
    index('payments_customer_idx').on(t.tenantId, t.customerId),
    index('payments_paid_idx').on(t.tenantId, t.paidAt, t.id),
    index('payments_contract_idx').on(t.tenantId, t.contractId),
    index('payments_order_idx').on(t.tenantId, t.orderId),
    index('payments_owner_idx').on(t.tenantId, t.ownerId, t.paidAt),
    // the rollup job finds the payments written since its watermark (rollup-service.ts)
    index('payments_updated_idx').on(t.tenantId, t.updatedAt),
  ],
);

/**
 * 回款月度汇总, what 回款分析 reads for whole months: per tenant, month (the first day of a plan's due
 * date / a counted payment's paid date, calendar days), owner and department — planned, received and
 * the overdue remainder of the plans. Kept by the rollup job (rollup-service.ts).
 */
export const receivableMonthRollups = pgTable(
  'receivable_month_rollups',
  {
    tenantId: uuid('tenant_id').notNull(),
    month: date('month').notNull(),
    ownerId: uuid('owner_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    planned: money('planned').notNull(),
    received: money('received').notNull(),
    overdue: money('overdue').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.month, t.ownerId, t.departmentId] })],
);

/** Per tenant: plans and payments written before `watermark` are in the rollup, as of `refreshedAt`. */
export const receivableRollupState = pgTable('receivable_rollup_state', {
  tenantId: uuid('tenant_id').primaryKey(),
  watermark: tz('watermark').notNull(),
  refreshedAt: tz('refreshed_at').notNull(),
  timeZone: text('time_zone').notNull(),
});

/** The due date a plan was moved away from (its month to aggregate again at the next refresh). */
export const receivableRollupMoves = pgTable(
  'receivable_rollup_moves',
  {
    tenantId: uuid('tenant_id').notNull(),
    at: date('at').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('receivable_rollup_moves_idx').on(t.tenantId, t.createdAt)],
);

/** What a counted payment paid of each plan. */
export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    paymentId: uuid('payment_id').notNull(),
    planId: uuid('plan_id').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [
    index('payment_allocations_payment_idx').on(t.tenantId, t.paymentId),
    index('payment_allocations_plan_idx').on(t.tenantId, t.planId),
  ],
);

/** 开票申请: requested → approved → issued, or rejected (which frees its amount). */
export const invoices = pgTable(
  'invoices',
  {
    ...baseColumns(),
    ...documentColumns(),
    amount: money('amount').notNull(),
    title: text('title').notNull(),
    taxNumber: text('tax_number'),
    type: text('type', { enum: ['normal', 'special'] }).notNull(),
    note: text('note'),
    status: text('status', { enum: ['requested', 'approved', 'rejected', 'issued'] }).notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: tz('decided_at'),
    rejectReason: text('reject_reason'),
    invoiceNumber: text('invoice_number'),
    issuedOn: date('issued_on'),
  },
  (t) => [
    index('invoices_customer_idx').on(t.tenantId, t.customerId),
    index('invoices_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('invoices_contract_idx').on(t.tenantId, t.contractId),
    index('invoices_order_idx').on(t.tenantId, t.orderId),
    index('invoices_owner_idx').on(t.tenantId, t.ownerId, t.createdAt),
  ],
);
