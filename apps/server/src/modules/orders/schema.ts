import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

const money = (name: string) => numeric(name, { precision: 18, scale: 2 });
const pct = (name: string) => numeric(name, { precision: 5, scale: 2 });

/** 订单: totals kept with the order, the owner and department for the scope, a time per state. */
export const orders = pgTable(
  'orders',
  {
    ...baseColumns(),
    number: text('number').notNull(),
    customerId: uuid('customer_id').notNull(),
    quoteId: uuid('quote_id'),
    ownerId: uuid('owner_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    status: text('status', {
      enum: ['new', 'confirmed', 'paid', 'delivered', 'completed', 'cancelled'],
    }).notNull(),
    /** When it was ordered: the order date of lists, histories and targets. */
    orderedAt: tz('ordered_at').notNull().defaultNow(),
    notes: text('notes'),
    taxRate: pct('tax_rate').notNull().default('0'),
    subtotal: money('subtotal').notNull(),
    tax: money('tax').notNull(),
    total: money('total').notNull(),
    cost: money('cost'),
    warehouseId: uuid('warehouse_id'),
    confirmedAt: tz('confirmed_at'),
    paidAt: tz('paid_at'),
    deliveredAt: tz('delivered_at'),
    completedAt: tz('completed_at'),
    cancelledAt: tz('cancelled_at'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    index('orders_ordered_idx').on(t.tenantId, t.orderedAt, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('orders_owner_idx').on(t.tenantId, t.ownerId, t.orderedAt).where(sql`${t.deletedAt} IS NULL`),
    index('orders_department_idx')
      .on(t.tenantId, t.departmentId, t.orderedAt)
      .where(sql`${t.deletedAt} IS NULL`),
    // a customer's order history, newest first, and its timeline, which reads deleted ones too: not partial
    index('orders_customer_idx').on(t.tenantId, t.customerId, t.orderedAt, t.id),
    // the reports' live days (a period's partial months, today): the counted orders of a span of days by
    // index alone — the columns the orders' report source groups and sums
    // (drizzle has no INCLUDE: the covered columns are trailing keys)
    index('orders_report_idx')
      .on(t.tenantId, t.orderedAt, t.ownerId, t.departmentId, t.customerId, t.total, t.status)
      .where(sql`${t.deletedAt} IS NULL`),
    // the rollup job finds the orders written since its watermark (rollup-service.ts)
    index('orders_updated_idx').on(t.tenantId, t.updatedAt),
    // one live order per quote
    uniqueIndex('orders_quote_uq')
      .on(t.tenantId, t.quoteId)
      .where(sql`${t.quoteId} IS NOT NULL AND ${t.deletedAt} IS NULL`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    orderId: uuid('order_id').notNull(),
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
  (t) => [
    index('order_lines_order_idx').on(t.tenantId, t.orderId, t.position),
    index('order_lines_product_idx').on(t.tenantId, t.productId),
  ],
);

/** Every move of an order's state, with who and when (the first row: created as `new`). */
export const orderStatusHistory = pgTable(
  'order_status_history',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    orderId: uuid('order_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    at: tz('at').notNull().defaultNow(),
    userId: uuid('user_id'),
    note: text('note'),
  },
  (t) => [index('order_status_history_order_idx').on(t.tenantId, t.orderId, t.at)],
);

/**
 * 订单月度汇总, what the reports read for whole months (统计分析 at scale): the counted orders (not
 * cancelled, not deleted) per tenant, month of the order date in the tenant's zone (its first
 * day), owner and department — their amount and number. Kept by the rollup job
 * (rollup-service.ts), which re-aggregates only the months of orders written since its watermark.
 */
export const orderMonthRollups = pgTable(
  'order_month_rollups',
  {
    tenantId: uuid('tenant_id').notNull(),
    month: date('month').notNull(),
    ownerId: uuid('owner_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    amount: money('amount').notNull(),
    orders: integer('orders').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.month, t.ownerId, t.departmentId] })],
);

/** Per tenant: orders written before `watermark` are in the rollup, as of `refreshedAt`, months in `timeZone`. */
export const orderRollupState = pgTable('order_rollup_state', {
  tenantId: uuid('tenant_id').primaryKey(),
  watermark: tz('watermark').notNull(),
  refreshedAt: tz('refreshed_at').notNull(),
  timeZone: text('time_zone').notNull(),
});

/**
 * 订单明细月度汇总, what 产品销售构成 reads for whole months: the lines of the counted orders per
 * tenant and month of the order date (in the tenant's zone) — their amount, quantity and number —
 * at two grains from one GROUPING SETS aggregate: per department and product (`tenant_wide`
 * false: answers department scopes and groupings), and per product over the whole tenant
 * (`tenant_wide` true, no department: a 全部 caller's year in a few thousand rows). The product,
 * not its category: the category is looked up when read, as the live lines do. Kept by the
 * rollup job (line-rollup-service.ts).
 */
export const orderLineMonthRollups = pgTable(
  'order_line_month_rollups',
  {
    tenantId: uuid('tenant_id').notNull(),
    month: date('month').notNull(),
    tenantWide: boolean('tenant_wide').notNull(),
    departmentId: uuid('department_id'),
    productId: uuid('product_id').notNull(),
    amount: money('amount').notNull(),
    quantity: numeric('quantity', { precision: 18, scale: 3 }).notNull(),
    lines: integer('lines').notNull(),
  },
  (t) => [
    // a department's (or a few departments') months: department scopes read these. Not the product:
    // ~1 row per 2 lines at 200 departments × 500 products, and a refresh writes the entries in this
    // order (a smaller key written in order is most of a first refresh's time saved)
    index('order_line_month_rollups_department_idx')
      .on(t.tenantId, t.departmentId, t.month)
      .where(sql`NOT ${t.tenantWide}`),
    // the whole tenant's months: a 全部 caller by product or category
    uniqueIndex('order_line_month_rollups_tenant_uq')
      .on(t.tenantId, t.month, t.productId)
      .where(sql`${t.tenantWide}`),
    check('order_line_month_rollups_grain_ck', sql`${t.tenantWide} = (${t.departmentId} IS NULL)`),
  ],
);

/** Per tenant: orders (and their lines) written before `watermark` are in the lines' rollup, as of `refreshedAt`. */
export const orderLineRollupState = pgTable('order_line_rollup_state', {
  tenantId: uuid('tenant_id').primaryKey(),
  watermark: tz('watermark').notNull(),
  refreshedAt: tz('refreshed_at').notNull(),
  timeZone: text('time_zone').notNull(),
});
