import { normalizeMoney } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { uuidList } from '../../platform/sql-lists.ts';

/**
 * What quotes and orders build their lines on. Stands alone (imports no module): the products
 * module's own tables, and the dictionaries' names (reference data).
 */

/** A product as a quote or order line needs it (cost included: the caller applies its own field rules). */
export type ProductForLine = {
  id: string;
  code: string;
  name: string;
  model: string | null;
  spec: string | null;
  unitName: string | null;
  listPrice: string;
  cost: string | null;
  warrantyMonths: number | null;
  /** false: a service, never in stock. */
  tracksStock: boolean;
  status: 'on-sale' | 'discontinued';
  categoryId: string | null;
  categoryName: string | null;
};

/** Not deleted products of the tenant by id (missing ids are absent from the map). */
export async function productsByIds(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, ProductForLine>> {
  const out = new Map<string, ProductForLine>();
  if (!ids.length) return out;
  const result = await db.execute(
    sql`SELECT p.id, p.code, p.name, p.model, p.spec, p.list_price::text AS list_price, p.cost::text AS cost,
        p.warranty_months, p.tracks_stock, p.status, p.category_id,
        (SELECT i.name FROM dictionary_items i WHERE i.id = p.unit) AS unit_name,
        (SELECT i.name FROM dictionary_items i WHERE i.id = p.category_id) AS category_name
      FROM products p
      WHERE p.tenant_id = ${tenantId} AND p.deleted_at IS NULL AND p.id = ANY(${uuidList([...new Set(ids)])})`,
  );
  for (const r of result.rows as Record<string, unknown>[])
    out.set(r.id as string, {
      id: r.id as string,
      code: r.code as string,
      name: r.name as string,
      model: (r.model as string | null) ?? null,
      spec: (r.spec as string | null) ?? null,
      unitName: (r.unit_name as string | null) ?? null,
      listPrice: normalizeMoney(r.list_price as string),
      cost: r.cost == null ? null : normalizeMoney(r.cost as string),
      warrantyMonths: (r.warranty_months as number | null) ?? null,
      tracksStock: r.tracks_stock !== false,
      status: r.status as ProductForLine['status'],
      categoryId: (r.category_id as string | null) ?? null,
      categoryName: (r.category_name as string | null) ?? null,
    });
  return out;
}

export type ProposedPrice = { unitPrice: string; priceListId: string | null; priceListName: string | null };

/**
 * The unit price a quote proposes: the lowest price among the price lists valid on `on`
 * (YYYY-MM-DD) that name the customer or its level, else the product's list price. Of two lists
 * with the same price the one valid from later (then created later) names it. Products that do
 * not exist (or are deleted) are absent from the map.
 */
export async function proposedPrices(
  db: Db,
  tenantId: string,
  customer: { id: string; levelId: string | null },
  productIds: readonly string[],
  on: string,
): Promise<Map<string, ProposedPrice>> {
  const out = new Map<string, ProposedPrice>();
  if (!productIds.length) return out;
  const ids = uuidList([...new Set(productIds)]);
  const forCustomer = sql`(EXISTS (SELECT 1 FROM price_list_customers c WHERE c.price_list_id = l.id AND c.customer_id = ${customer.id})
    ${customer.levelId ? sql`OR EXISTS (SELECT 1 FROM price_list_levels v WHERE v.price_list_id = l.id AND v.level_id = ${customer.levelId})` : sql``})`;
  const result = await db.execute(
    sql`SELECT p.id, p.list_price::text AS list_price, best.price, best.price_list_id, best.name
      FROM products p
      LEFT JOIN LATERAL (
        SELECT x.price::text AS price, l.id AS price_list_id, l.name FROM price_list_items x
        JOIN price_lists l ON l.id = x.price_list_id
        WHERE x.tenant_id = ${tenantId} AND x.product_id = p.id AND l.deleted_at IS NULL
          AND l.valid_from <= ${on}::date AND (l.valid_to IS NULL OR l.valid_to >= ${on}::date) AND ${forCustomer}
        ORDER BY x.price, l.valid_from DESC, l.id DESC LIMIT 1
      ) best ON true
      WHERE p.tenant_id = ${tenantId} AND p.deleted_at IS NULL AND p.id = ANY(${ids})`,
  );
  for (const r of result.rows as Record<string, string | null>[])
    out.set(r.id as string, {
      unitPrice: normalizeMoney((r.price ?? r.list_price) as string),
      priceListId: r.price ? r.price_list_id : null,
      priceListName: r.price ? r.name : null,
    });
  return out;
}

/** Ids of not deleted products by code (any case) — for seeds and imports that name products by code. */
export async function productIdsByCodes(db: Db, tenantId: string, codes: readonly string[]) {
  if (!codes.length) return new Map<string, string>();
  const result = await db.execute(
    sql`SELECT id, code FROM products WHERE tenant_id = ${tenantId} AND deleted_at IS NULL
      AND lower(code) = ANY(${sql.param(codes.map((c) => c.toLowerCase()))}::text[])`,
  );
  return new Map((result.rows as { id: string; code: string }[]).map((r) => [r.code, r.id]));
}
