import {
  fromCents,
  lineAmount,
  normalizeMoney,
  percentOf,
  type SalesLine,
  type SalesLineInput,
  sumMoney,
  toCents,
  toScaled,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { fieldAccess } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { invalid } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { productsByIds, proposedPrices } from '../products/published.ts';

/**
 * The lines and totals of a quote or an order (orders price their lines here too): every amount
 * exact, from money.ts (BigInt cents, half up) — never a float, never the database's arithmetic.
 */

/** A line as stored (quote_lines / order_lines without the parent's id). */
export type PricedLine = {
  id: string;
  position: number;
  productId: string;
  productCode: string;
  productName: string;
  model: string | null;
  spec: string | null;
  unitName: string | null;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  amount: string;
  unitCost: string | null;
  cost: string | null;
};

export type Totals = {
  subtotal: string;
  tax: string;
  total: string;
  cost: string | null;
  maxDiscount: string;
};

/** `"3.000"` → `"3"`, `"0.500"` → `"0.5"`, `"12.50"` → `"12.5"`: quantities and percents as typed. */
export const trimDecimal = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

/** Subtotal (the lines' amounts), tax (subtotal × rate, half up), total; cost when every line has one. */
export function totalsOf(
  lines: readonly Pick<PricedLine, 'amount' | 'cost' | 'discountPercent'>[],
  taxRate: string,
): Totals {
  const subtotal = sumMoney(lines.map((l) => l.amount));
  const tax = percentOf(subtotal, taxRate);
  const costs = lines.map((l) => l.cost);
  const maxDiscount = lines.reduce(
    (m, l) => (toScaled(l.discountPercent, 2) > m ? toScaled(l.discountPercent, 2) : m),
    0n,
  );
  return {
    subtotal,
    tax,
    total: sumMoney([subtotal, tax]),
    cost: costs.every((c) => c != null) ? sumMoney(costs as string[]) : null,
    maxDiscount: trimDecimal(`${maxDiscount / 100n}.${String(maxDiscount % 100n).padStart(2, '0')}`),
  };
}

/**
 * Prices the lines written by the caller: each product of the tenant (not discontinued unless it
 * is already on the document), the unit price given or the one the customer's price lists propose
 * on `on`, the product's cost kept with the line (for cost and margin).
 */
export async function priceLines(
  db: Db,
  tenantId: string,
  customer: { id: string; levelId: string | null },
  input: readonly SalesLineInput[],
  on: string,
  keepProducts: ReadonlySet<string> = new Set(),
): Promise<PricedLine[]> {
  const ids = [...new Set(input.map((l) => l.productId))];
  const products = await productsByIds(db, tenantId, ids);
  input.forEach((l, i) => {
    const product = products.get(l.productId);
    if (!product) throw invalid(`lines.${i}.productId`, 'no such product');
    if (product.status === 'discontinued' && !keepProducts.has(l.productId))
      throw invalid(`lines.${i}.productId`, 'the product is discontinued');
  });
  const unpriced = ids.filter((id) => input.some((l) => l.productId === id && l.unitPrice === undefined));
  const proposed = unpriced.length ? await proposedPrices(db, tenantId, customer, unpriced, on) : new Map();
  return input.map((l, i) => {
    const product = products.get(l.productId)!;
    const unitPrice = normalizeMoney(
      l.unitPrice ?? proposed.get(l.productId)?.unitPrice ?? product.listPrice,
    );
    const quantity = trimDecimal(l.quantity.trim());
    const discountPercent = trimDecimal((l.discountPercent ?? '0').trim());
    const unitCost = product.cost == null ? null : normalizeMoney(product.cost);
    return {
      id: uuidv7(),
      position: i + 1,
      productId: product.id,
      productCode: product.code,
      productName: product.name,
      model: product.model,
      spec: product.spec,
      unitName: product.unitName,
      quantity,
      unitPrice,
      discountPercent,
      amount: lineAmount(quantity, unitPrice, discountPercent),
      unitCost,
      cost: unitCost == null ? null : lineAmount(quantity, unitCost),
    };
  });
}

/** Which of cost and margin the caller sees in `module` (masked money means nothing: shown only with read or edit). */
export function costVisibility(p: Principal, module: 'quotes' | 'orders') {
  const shown = (field: string) => ['read', 'edit'].includes(fieldAccess(p, module, field));
  return { cost: shown('cost'), margin: shown('margin') };
}

const marginOf = (amount: string, cost: string | null) =>
  cost == null ? null : fromCents(toCents(amount) - toCents(cost));

/** A stored line as answered: cost and margin only when the caller's field rules show them. */
export function lineAnswer(r: Record<string, unknown>, seen: { cost: boolean; margin: boolean }): SalesLine {
  const cost = r.cost == null ? null : normalizeMoney(String(r.cost));
  const amount = normalizeMoney(String(r.amount));
  return {
    id: r.id as string,
    productId: r.product_id as string,
    productCode: r.product_code as string,
    productName: r.product_name as string,
    model: (r.model as string | null) ?? null,
    spec: (r.spec as string | null) ?? null,
    unitName: (r.unit_name as string | null) ?? null,
    quantity: trimDecimal(String(r.quantity)),
    unitPrice: normalizeMoney(String(r.unit_price)),
    discountPercent: trimDecimal(String(r.discount_percent)),
    amount,
    ...(seen.cost ? { cost } : {}),
    ...(seen.margin ? { margin: marginOf(amount, cost) } : {}),
  };
}

/** A document's totals as answered (money with 2 decimals, tax rate as typed, cost/margin per field rules). */
export function totalsAnswer(r: Record<string, unknown>, seen: { cost: boolean; margin: boolean }) {
  const subtotal = normalizeMoney(String(r.subtotal));
  const cost = r.cost == null ? null : normalizeMoney(String(r.cost));
  return {
    taxRate: trimDecimal(String(r.tax_rate)),
    subtotal,
    tax: normalizeMoney(String(r.tax)),
    total: normalizeMoney(String(r.total)),
    ...(seen.cost ? { cost } : {}),
    ...(seen.margin ? { margin: marginOf(subtotal, cost) } : {}),
  };
}
