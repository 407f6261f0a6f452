import { z } from 'zod';
import { csv, calendarDate as day, id, listQuery, recordBase } from './common.ts';
import { amount } from './money.ts';

/** 产品状态: 在售 / 停售. A discontinued product stays on old documents but is not offered on new ones. */
export const productStatuses = ['on-sale', 'discontinued'] as const;
export type ProductStatus = (typeof productStatuses)[number];

export const productLimits = {
  code: 40,
  name: 100,
  model: 100,
  spec: 200,
  description: 2000,
  warrantyMonths: 600,
  /** 价格表 */
  priceListName: 100,
  priceListItems: 2000,
  priceListCustomers: 200,
  priceListLevels: 50,
  /** `GET /products/proposed-prices?productIds=` */
  proposedProducts: 200,
} as const;

/**
 * 产品. `cost` (成本) is absent from the answer — list, record, history and export — for a role
 * whose field permission `products.cost` is hidden (not masked in the UI only).
 */
export const productListItem = z.object({
  ...recordBase,
  code: z.string(),
  name: z.string(),
  /** An item of the dictionary tree `product-category`. */
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  model: z.string().nullable(),
  /** 规格 / 批次 */
  spec: z.string().nullable(),
  /** An item of the dictionary `product-unit`. */
  unit: z.string().nullable(),
  unitName: z.string().nullable(),
  listPrice: z.string(),
  cost: z.string().nullable().optional(),
  warrantyMonths: z.number().int().nullable(),
  /** 库存管理: false for a service (no stock; delivery takes none out, stock moves refuse it). */
  tracksStock: z.boolean(),
  status: z.enum(productStatuses),
});
export type ProductListItem = z.infer<typeof productListItem>;

/** A product; its images are files on it (`/files?entity=products&entityId=`). */
export const product = productListItem.extend({
  description: z.string().nullable(),
  canEdit: z.boolean(),
  canDelete: z.boolean(),
});
export type Product = z.infer<typeof product>;

const optionalText = (max: number) => z.string().trim().max(max).nullish();

const fields = {
  /** Unique in the tenant among products not deleted (letters, digits, `-`, `_`, `.`). */
  code: z
    .string()
    .trim()
    .min(1)
    .max(productLimits.code)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-"'),
  name: z.string().trim().min(1).max(productLimits.name),
  categoryId: id.nullish(),
  model: optionalText(productLimits.model),
  spec: optionalText(productLimits.spec),
  unit: id.nullish(),
  listPrice: amount,
  cost: amount.nullish(),
  warrantyMonths: z.number().int().min(0).max(productLimits.warrantyMonths).nullish(),
  tracksStock: z.boolean().optional(),
  status: z.enum(productStatuses).optional(),
  description: optionalText(productLimits.description),
};

export const createProduct = z.object(fields);
export type CreateProduct = z.input<typeof createProduct>;

export const updateProduct = z.object({ version: z.number().int(), ...z.object(fields).partial().shape });
export type UpdateProduct = z.input<typeof updateProduct>;

/** `GET /products`: `categoryId` takes the category and everything under it. */
export const productListQuery = listQuery.extend({
  categoryId: id.optional(),
  status: csv.pipe(z.array(z.enum(productStatuses))).optional(),
});
export type ProductListQuery = z.infer<typeof productListQuery>;

// ---- 价格表 ----

export const priceListItem = z.object({
  productId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  unitName: z.string().nullable(),
  listPrice: z.string(),
  price: z.string(),
});
export type PriceListItem = z.infer<typeof priceListItem>;

const named = z.object({ id: z.string(), name: z.string() });

/** 价格表 in a list: who it is for and how many prices it holds. */
export const priceListSummary = z.object({
  ...recordBase,
  name: z.string(),
  validFrom: day,
  /** Inclusive; null: open-ended. */
  validTo: day.nullable(),
  /** Items of the dictionary `customer-level`. */
  customerLevels: z.array(named),
  /** Named customers the caller can see (the others are counted in `otherCustomers`). */
  customers: z.array(named),
  otherCustomers: z.number().int(),
  itemCount: z.number().int(),
  /** Valid today (the tenant's). */
  current: z.boolean(),
});
export type PriceListSummary = z.infer<typeof priceListSummary>;

export const priceList = priceListSummary.extend({
  customerLevelIds: z.array(z.string()),
  customerIds: z.array(z.string()),
  items: z.array(priceListItem),
});
export type PriceList = z.infer<typeof priceList>;

const priceListFields = {
  name: z.string().trim().min(1).max(productLimits.priceListName),
  validFrom: day,
  validTo: day.nullish(),
  customerLevelIds: z.array(id).max(productLimits.priceListLevels).default([]),
  customerIds: z.array(id).max(productLimits.priceListCustomers).default([]),
  /** One price per product (a product twice is refused). */
  items: z
    .array(z.object({ productId: id, price: amount }))
    .max(productLimits.priceListItems)
    .default([]),
};

const validRange = (v: { validFrom?: string; validTo?: string | null }) =>
  !v.validFrom || !v.validTo || v.validTo >= v.validFrom;
const rangeIssue = { message: 'must not be before validFrom', path: ['validTo'] };

export const createPriceList = z
  .object(priceListFields)
  .refine(validRange, rangeIssue)
  .refine((v) => v.customerLevelIds.length > 0 || v.customerIds.length > 0, {
    message: 'a customer level or a customer is needed',
    path: ['customerLevelIds'],
  });
export type CreatePriceList = z.input<typeof createPriceList>;

export const updatePriceList = z
  .object({
    version: z.number().int(),
    name: priceListFields.name.optional(),
    validFrom: day.optional(),
    validTo: day.nullish(),
    customerLevelIds: z.array(id).max(productLimits.priceListLevels).optional(),
    customerIds: z.array(id).max(productLimits.priceListCustomers).optional(),
    /** Replaces every price of the list. */
    items: priceListFields.items.unwrap().optional(),
  })
  .refine(validRange, rangeIssue);
export type UpdatePriceList = z.input<typeof updatePriceList>;

export const priceListListQuery = listQuery.extend({
  /** Only lists valid on this day. */
  validOn: day.optional(),
});
export type PriceListListQuery = z.infer<typeof priceListListQuery>;

/** `GET /products/proposed-prices?customerId=&productIds=a,b` (the quote form). */
export const proposedPricesQuery = z.object({
  customerId: id,
  productIds: csv.pipe(z.array(id).min(1).max(productLimits.proposedProducts)),
  /** Defaults to today (the tenant's). */
  on: day.optional(),
});
export type ProposedPricesQuery = z.infer<typeof proposedPricesQuery>;

/** The unit price a quote proposes: the lowest price of the valid lists naming the customer or its level, else the list price. */
export const proposedPrice = z.object({
  productId: z.string(),
  unitPrice: z.string(),
  priceListId: z.string().nullable(),
  priceListName: z.string().nullable(),
});
export type ProposedPrice = z.infer<typeof proposedPrice>;
