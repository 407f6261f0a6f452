import { sql } from 'drizzle-orm';
import { check, index, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

const qty = (name: string) => numeric(name, { precision: 15, scale: 3 });

/** 仓库: code unique per tenant; disabled, not deleted, once the ledger names it. */
export const warehouses = pgTable(
  'warehouses',
  {
    ...baseColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    address: text('address'),
    status: text('status', { enum: ['active', 'inactive'] })
      .notNull()
      .default('active'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    uniqueIndex('warehouses_code_uq')
      .on(t.tenantId, sql`lower(${t.code})`)
      .where(sql`${t.deletedAt} IS NULL`),
  ],
);

/** 库位 of a warehouse. */
export const warehouseLocations = pgTable(
  'warehouse_locations',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('warehouse_locations_code_uq').on(t.warehouseId, sql`lower(${t.code})`)],
);

/**
 * 库存流水: append-only; a quantity is never edited, only entries added. `quantity` is signed
 * (out, the source side of a transfer and a negative adjustment are below 0); both entries of a
 * transfer share `move_id`.
 */
export const stockEntries = pgTable(
  'stock_entries',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    moveId: uuid('move_id').notNull(),
    kind: text('kind', { enum: ['in', 'out', 'transfer', 'adjust'] }).notNull(),
    productId: uuid('product_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    locationId: uuid('location_id'),
    quantity: qty('quantity').notNull(),
    balanceAfter: qty('balance_after').notNull(),
    note: text('note'),
    refType: text('ref_type'),
    refId: uuid('ref_id'),
    refNumber: text('ref_number'),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('stock_entries_product_idx').on(t.tenantId, t.productId, t.createdAt),
    index('stock_entries_warehouse_idx').on(t.tenantId, t.warehouseId, t.createdAt),
    index('stock_entries_created_idx').on(t.tenantId, t.createdAt),
    index('stock_entries_ref_idx').on(t.tenantId, t.refId).where(sql`${t.refId} IS NOT NULL`),
  ],
);

/**
 * The quantity of a product in a warehouse: the sum of its entries, written in the entry's
 * transaction under a row lock; the check is the last guard against going below zero.
 */
export const stockBalances = pgTable(
  'stock_balances',
  {
    tenantId: uuid('tenant_id').notNull(),
    productId: uuid('product_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    quantity: qty('quantity').notNull().default('0'),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.productId, t.warehouseId] }),
    index('stock_balances_warehouse_idx').on(t.tenantId, t.warehouseId),
    check('stock_balances_not_negative', sql`${t.quantity} >= 0`),
  ],
);
