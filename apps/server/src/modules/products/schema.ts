import { sql } from 'drizzle-orm';
import {
  boolean,
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

/** 产品: code unique per tenant among products not deleted. */
export const products = pgTable(
  'products',
  {
    ...baseColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** dictionary `product-category` (a tree) */
    categoryId: uuid('category_id'),
    model: text('model'),
    spec: text('spec'),
    /** dictionary `product-unit` */
    unit: uuid('unit'),
    listPrice: money('list_price').notNull(),
    cost: money('cost'),
    warrantyMonths: integer('warranty_months'),
    /** 库存管理: goods kept in stock (delivery takes them out); false for services (安装, 维保 …), never in stock. */
    tracksStock: boolean('tracks_stock').notNull().default(true),
    status: text('status', { enum: ['on-sale', 'discontinued'] })
      .notNull()
      .default('on-sale'),
    description: text('description'),
    /** Code, name, model and the name's pinyin (full and initials), lower case: what `q` matches. */
    searchText: text('search_text').notNull().default(''),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    uniqueIndex('products_code_uq').on(t.tenantId, sql`lower(${t.code})`).where(sql`${t.deletedAt} IS NULL`),
    index('products_category_idx').on(t.tenantId, t.categoryId).where(sql`${t.deletedAt} IS NULL`),
  ],
);

/** 价格表: a price per product for customer levels and/or named customers, valid from/to (inclusive). */
export const priceLists = pgTable(
  'price_lists',
  {
    ...baseColumns(),
    name: text('name').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    deletedAt: tz('deleted_at'),
  },
  (t) => [index('price_lists_valid_idx').on(t.tenantId, t.validFrom).where(sql`${t.deletedAt} IS NULL`)],
);

/** The customer levels (dictionary `customer-level`) a price list is for. */
export const priceListLevels = pgTable(
  'price_list_levels',
  {
    tenantId: uuid('tenant_id').notNull(),
    priceListId: uuid('price_list_id').notNull(),
    levelId: uuid('level_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.priceListId, t.levelId] }),
    index('price_list_levels_level_idx').on(t.tenantId, t.levelId),
  ],
);

/** The named customers a price list is for. */
export const priceListCustomers = pgTable(
  'price_list_customers',
  {
    tenantId: uuid('tenant_id').notNull(),
    priceListId: uuid('price_list_id').notNull(),
    customerId: uuid('customer_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.priceListId, t.customerId] }),
    index('price_list_customers_customer_idx').on(t.tenantId, t.customerId),
  ],
);

/** One price per product and list. */
export const priceListItems = pgTable(
  'price_list_items',
  {
    tenantId: uuid('tenant_id').notNull(),
    priceListId: uuid('price_list_id').notNull(),
    productId: uuid('product_id').notNull(),
    price: money('price').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.priceListId, t.productId] }),
    index('price_list_items_product_idx').on(t.tenantId, t.productId),
  ],
);
