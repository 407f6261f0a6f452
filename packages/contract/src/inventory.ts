import { z } from 'zod';
import { calendarDate as day, id, listQuery, recordBase, timestamp } from './common.ts';
import { fromScaled, quantity, toScaled } from './money.ts';

/** 仓库状态: 启用 / 停用. A disabled warehouse keeps its stock and ledger but takes no new moves. */
export const warehouseStatuses = ['active', 'inactive'] as const;
export type WarehouseStatus = (typeof warehouseStatuses)[number];

/**
 * 库存流水 kinds: 入库, 出库, 调拨 (two entries, out of one warehouse and into the other) and
 * 盘点调整 (a signed quantity with its reason). Stock is never an edited number, only entries.
 */
export const stockMoveKinds = ['in', 'out', 'transfer', 'adjust'] as const;
export type StockMoveKind = (typeof stockMoveKinds)[number];

export const inventoryLimits = {
  code: 40,
  name: 100,
  address: 200,
  locations: 200,
  note: 500,
} as const;

/** Quantities have 3 decimals at most; shown without trailing zeros (`"3"`, `"0.5"`, `"-2.125"`). */
export const QUANTITY_SCALE = 3;

/** `"3.500"` → `"3.5"`, `"2.000"` → `"2"`. */
export function normalizeQuantity(s: string): string {
  const text = fromScaled(toScaled(s, QUANTITY_SCALE), QUANTITY_SCALE);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** 库位 */
export const warehouseLocation = z.object({ id: z.string(), code: z.string(), name: z.string() });
export type WarehouseLocation = z.infer<typeof warehouseLocation>;

export const warehouse = z.object({
  ...recordBase,
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  status: z.enum(warehouseStatuses),
  locations: z.array(warehouseLocation),
  /** Ledger entries exist: the warehouse can be disabled, not deleted. */
  inUse: z.boolean(),
});
export type Warehouse = z.infer<typeof warehouse>;

const code = z
  .string()
  .trim()
  .min(1)
  .max(inventoryLimits.code)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-"');

/** A location kept by its id (its code or name changed) or new (no id). */
const locationInput = z.object({
  id: id.optional(),
  code,
  name: z.string().trim().min(1).max(inventoryLimits.name),
});

const warehouseFields = {
  code,
  name: z.string().trim().min(1).max(inventoryLimits.name),
  address: z.string().trim().max(inventoryLimits.address).nullish(),
  status: z.enum(warehouseStatuses).optional(),
  /** Replaces the locations; one that a ledger entry names cannot be removed. */
  locations: z.array(locationInput).max(inventoryLimits.locations).optional(),
};

export const createWarehouse = z.object(warehouseFields);
export type CreateWarehouse = z.input<typeof createWarehouse>;
export const updateWarehouse = z.object({
  version: z.number().int(),
  ...z.object(warehouseFields).partial().shape,
});
export type UpdateWarehouse = z.input<typeof updateWarehouse>;

/** A signed quantity that is not zero (盘点调整: `"-2"`, `"5.5"`). */
const signedQuantity = z
  .string()
  .trim()
  .regex(/^-?\d{1,12}(\.\d{1,3})?$/, 'a decimal number with at most 3 decimal places')
  .refine((s) => toScaled(s, QUANTITY_SCALE) !== 0n, 'must not be 0');

/**
 * `POST /stock-moves`: `quantity` > 0 for in / out / transfer (`toWarehouseId` another warehouse);
 * for adjust a signed quantity and a reason in `note`.
 */
export const createStockMove = z
  .object({
    kind: z.enum(stockMoveKinds),
    productId: id,
    warehouseId: id,
    toWarehouseId: id.optional(),
    /** 库位 of `warehouseId` (informative). */
    locationId: id.optional(),
    quantity: z.string().trim(),
    note: z.string().trim().max(inventoryLimits.note).optional(),
  })
  .superRefine((v, ctx) => {
    const q = (v.kind === 'adjust' ? signedQuantity : quantity).safeParse(v.quantity);
    if (!q.success)
      for (const issue of q.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: ['quantity'] });
    if (v.kind === 'transfer') {
      if (!v.toWarehouseId)
        ctx.addIssue({ code: 'custom', message: 'required for a transfer', path: ['toWarehouseId'] });
      else if (v.toWarehouseId === v.warehouseId)
        ctx.addIssue({ code: 'custom', message: 'must be another warehouse', path: ['toWarehouseId'] });
    } else if (v.toWarehouseId)
      ctx.addIssue({ code: 'custom', message: 'only for a transfer', path: ['toWarehouseId'] });
    if (v.kind === 'adjust' && !v.note)
      ctx.addIssue({ code: 'custom', message: 'the reason of an adjustment is required', path: ['note'] });
  });
export type CreateStockMove = z.input<typeof createStockMove>;

export const stockReference = z.object({ type: z.literal('order'), id: z.string(), number: z.string() });

/** 库存流水: one entry; `quantity` signed (out and the source side of a transfer negative). */
export const stockEntry = z.object({
  id: z.string(),
  /** Both entries of a transfer share it; otherwise the entry's own id. */
  moveId: z.string(),
  kind: z.enum(stockMoveKinds),
  productId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  warehouseId: z.string(),
  warehouseName: z.string(),
  locationId: z.string().nullable(),
  locationName: z.string().nullable(),
  quantity: z.string(),
  /** The product's quantity in the warehouse after this entry. */
  balanceAfter: z.string(),
  note: z.string().nullable(),
  reference: stockReference.nullable(),
  createdAt: timestamp,
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type StockEntry = z.infer<typeof stockEntry>;

export const stockMoveResponse = z.object({ data: z.array(stockEntry) });

export const stockLedgerQuery = listQuery.extend({
  productId: id.optional(),
  warehouseId: id.optional(),
  kind: z.enum(stockMoveKinds).optional(),
  from: day.optional(),
  /** Inclusive (the tenant's day). */
  to: day.optional(),
});
export type StockLedgerQuery = z.infer<typeof stockLedgerQuery>;

/** `GET /stock?productId=` */
export const stockQuery = z.object({ productId: id });
export const stockBalance = z.object({
  warehouseId: z.string(),
  warehouseName: z.string(),
  quantity: z.string(),
});
export type StockBalance = z.infer<typeof stockBalance>;
export const stockResponse = z.object({ data: z.array(stockBalance) });

/** `GET /stock/products`: 库存 by product — the total and each warehouse's quantity. */
export const stockOverviewQuery = listQuery.extend({
  categoryId: id.optional(),
  warehouseId: id.optional(),
  /** Only products with stock (> 0) in any warehouse (or in `warehouseId`). */
  inStock: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type StockOverviewQuery = z.infer<typeof stockOverviewQuery>;

export const stockOverviewItem = z.object({
  productId: z.string(),
  code: z.string(),
  name: z.string(),
  model: z.string().nullable(),
  unitName: z.string().nullable(),
  status: z.enum(['on-sale', 'discontinued']),
  total: z.string(),
  warehouses: z.array(z.object({ warehouseId: z.string(), quantity: z.string() })),
});
export type StockOverviewItem = z.infer<typeof stockOverviewItem>;
