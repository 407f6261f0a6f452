import type { PriceListListQuery, ProductListQuery } from '@guanxi/contract';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { stockedProducts } from '../inventory/published.ts';
import { priceListCustomers, priceListItems, priceListLevels, priceLists, products } from './schema.ts';

export type ProductRow = typeof products.$inferSelect;
export type PriceListRow = typeof priceLists.$inferSelect;

// ---- products (alias `m`; not scoped: every holder of products:view sees the catalogue) ----

const live = (tenantId: string) => sql`m.tenant_id = ${tenantId} AND m.deleted_at IS NULL`;

/** Category and unit names (their dictionary items), for a page's rows only. */
export const productColumns = sql`m.*, m.list_price::text AS list_price_text, m.cost::text AS cost_text,
  (SELECT i.name FROM dictionary_items i WHERE i.id = m.category_id) AS category_name,
  (SELECT i.name FROM dictionary_items i WHERE i.id = m.unit) AS unit_name`;

const sortable = {
  code: notNull(sql`m.code`),
  name: notNull(sql`m.name`),
  listPrice: notNull(sql`m.list_price`),
  createdAt: notNull(sql`m.created_at`),
  updatedAt: notNull(sql`m.updated_at`),
};

/** The category and every category under it (dictionary tree `product-category`). */
export const categorySubtree = (tenantId: string, categoryId: string) =>
  sql`m.category_id IN (WITH RECURSIVE sub AS (
      SELECT i.id FROM dictionary_items i WHERE i.tenant_id = ${tenantId} AND i.id = ${categoryId}
      UNION ALL SELECT c.id FROM dictionary_items c JOIN sub ON c.parent_id = sub.id WHERE c.tenant_id = ${tenantId})
    SELECT id FROM sub)`;

/** What `q` matches: code, name, model, the name's pinyin (full or initials) — a substring, any case. */
export const productSearch = (q: string) => sql`m.search_text LIKE ${`%${likeEscape(q.toLowerCase())}%`}`;

/** Inventory's stock view narrows the catalogue to what a warehouse (or any) holds. */
export type ProductFilters = Partial<ProductListQuery> & { stocked?: { warehouseId?: string } };

export function productFilters(tenantId: string, q: ProductFilters): SQL {
  const parts: SQL[] = [live(tenantId)];
  if (q.stocked) parts.push(sql`m.id IN (${stockedProducts(tenantId, q.stocked.warehouseId)})`);
  if (q.categoryId) parts.push(categorySubtree(tenantId, q.categoryId));
  if (q.status?.length)
    parts.push(
      sql`m.status IN (${sql.join(
        q.status.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (q.q) parts.push(productSearch(q.q));
  return sql.join(parts, sql` AND `);
}

export function listProducts(db: Db, tenantId: string, q: ProductListQuery & ProductFilters) {
  return listPage(
    db,
    q,
    {
      columns: sql`m.*`,
      from: sql`FROM products m WHERE ${productFilters(tenantId, q)}`,
      orderBy: orderBy(q.sort, sortable, 'code', sql`m.id`),
      decorate: { alias: 'm', columns: productColumns, joins: sql`` },
    },
    (row) => row,
  );
}

/** Rows of an export, by code then id, `limit` after `after` (keyset). */
export async function exportBatch(
  db: Db,
  tenantId: string,
  q: ProductFilters,
  after: { code: string; id: string } | null,
  limit: number,
) {
  const keyset = after ? sql` AND (m.code, m.id) > (${after.code}, ${after.id}::uuid)` : sql``;
  const result = await db.execute(
    sql`SELECT ${productColumns} FROM products m WHERE ${productFilters(tenantId, q)}${keyset}
      ORDER BY m.code, m.id LIMIT ${limit}`,
  );
  return result.rows as Record<string, unknown>[];
}

export async function findProduct(db: Db, tenantId: string, id: string) {
  const result = await db.execute(
    sql`SELECT ${productColumns} FROM products m WHERE ${live(tenantId)} AND m.id = ${id}`,
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

export async function lockProduct(tx: Db, tenantId: string, id: string): Promise<ProductRow | undefined> {
  const [row] = await tx
    .select()
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.id, id), isNull(products.deletedAt)))
    .for('update');
  return row;
}

export async function codeTaken(db: Db, tenantId: string, code: string, exceptId?: string) {
  const result = await db.execute(
    sql`SELECT 1 FROM products WHERE tenant_id = ${tenantId} AND deleted_at IS NULL AND lower(code) = lower(${code})
      ${exceptId ? sql`AND id <> ${exceptId}` : sql``} LIMIT 1`,
  );
  return result.rows.length > 0;
}

export async function insertProduct(tx: Db, values: typeof products.$inferInsert) {
  const [row] = await tx.insert(products).values(values).returning();
  return row;
}

export function updateProduct(
  tx: Db,
  tenantId: string,
  id: string,
  version: number,
  values: Partial<typeof products.$inferInsert>,
) {
  return tx
    .update(products)
    .set({ ...values, updatedAt: new Date(), version: sql`${products.version} + 1` })
    .where(
      and(
        eq(products.tenantId, tenantId),
        eq(products.id, id),
        eq(products.version, version),
        isNull(products.deletedAt),
      ),
    )
    .returning();
}

/** Products of the tenant (not deleted) among `ids`. */
export async function existingProducts(db: Db, tenantId: string, ids: readonly string[]) {
  if (!ids.length) return new Map<string, { id: string; name: string; status: string }>();
  const result = await db.execute(
    sql`SELECT id, name, status FROM products WHERE tenant_id = ${tenantId} AND deleted_at IS NULL
      AND id = ANY(${uuidList([...ids])})`,
  );
  const rows = result.rows as { id: string; name: string; status: string }[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Dictionary items of a type among `ids` (reference data). */
export async function dictionaryNames(db: Db, tenantId: string, type: string, ids: readonly string[]) {
  if (!ids.length) return new Map<string, string>();
  const result = await db.execute(
    sql`SELECT id, name FROM dictionary_items WHERE tenant_id = ${tenantId} AND type = ${type}
      AND id = ANY(${uuidList([...ids])})`,
  );
  return new Map((result.rows as { id: string; name: string }[]).map((r) => [r.id, r.name]));
}

// ---- price lists (alias `l`) ----

const liveList = (tenantId: string) => sql`l.tenant_id = ${tenantId} AND l.deleted_at IS NULL`;

const listColumns = sql`l.*, l.valid_from::text AS valid_from_text, l.valid_to::text AS valid_to_text,
  (SELECT count(*)::int FROM price_list_items x JOIN products p ON p.id = x.product_id
    WHERE x.price_list_id = l.id AND p.deleted_at IS NULL) AS item_count`;

const listSortable = {
  name: notNull(sql`l.name`),
  validFrom: notNull(sql`l.valid_from`),
  createdAt: notNull(sql`l.created_at`),
};

export function listPriceLists(db: Db, tenantId: string, q: PriceListListQuery) {
  const parts: SQL[] = [liveList(tenantId)];
  if (q.q) parts.push(sql`l.name ILIKE ${`%${likeEscape(q.q)}%`}`);
  if (q.validOn)
    parts.push(
      sql`l.valid_from <= ${q.validOn}::date AND (l.valid_to IS NULL OR l.valid_to >= ${q.validOn}::date)`,
    );
  return listPage(
    db,
    q,
    {
      columns: sql`l.*`,
      from: sql`FROM price_lists l WHERE ${sql.join(parts, sql` AND `)}`,
      orderBy: orderBy(q.sort, listSortable, '-validFrom', sql`l.id`),
      decorate: { alias: 'l', columns: listColumns, joins: sql`` },
    },
    (row) => row,
  );
}

export async function findPriceList(db: Db, tenantId: string, id: string) {
  const result = await db.execute(
    sql`SELECT ${listColumns} FROM price_lists l WHERE ${liveList(tenantId)} AND l.id = ${id}`,
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

export async function lockPriceList(tx: Db, tenantId: string, id: string): Promise<PriceListRow | undefined> {
  const [row] = await tx
    .select()
    .from(priceLists)
    .where(and(eq(priceLists.tenantId, tenantId), eq(priceLists.id, id), isNull(priceLists.deletedAt)))
    .for('update');
  return row;
}

/** Levels (with names) and customer ids of price lists. */
export async function audiencesOf(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return { levels: [], customers: [] };
  const [levels, customers] = await Promise.all([
    db.execute(
      sql`SELECT pl.price_list_id, pl.level_id AS id, coalesce(i.name, '') AS name FROM price_list_levels pl
        LEFT JOIN dictionary_items i ON i.id = pl.level_id
        WHERE pl.tenant_id = ${tenantId} AND pl.price_list_id = ANY(${uuidList(ids)}) ORDER BY i.sort_order, i.name`,
    ),
    db.execute(
      sql`SELECT price_list_id, customer_id FROM price_list_customers
        WHERE tenant_id = ${tenantId} AND price_list_id = ANY(${uuidList(ids)})`,
    ),
  ]);
  return {
    levels: levels.rows as { price_list_id: string; id: string; name: string }[],
    customers: customers.rows as { price_list_id: string; customer_id: string }[],
  };
}

/** A list's prices of products not deleted (a deleted product's price is never proposed, nor shown). */
export async function itemsOf(db: Db, tenantId: string, priceListId: string) {
  const result = await db.execute(
    sql`SELECT x.product_id, x.price::text AS price, p.code, p.name, p.list_price::text AS list_price,
        (SELECT i.name FROM dictionary_items i WHERE i.id = p.unit) AS unit_name
      FROM price_list_items x JOIN products p ON p.id = x.product_id
      WHERE x.tenant_id = ${tenantId} AND x.price_list_id = ${priceListId} AND p.deleted_at IS NULL
      ORDER BY p.code, p.id`,
  );
  return result.rows as {
    product_id: string;
    price: string;
    code: string;
    name: string;
    list_price: string;
    unit_name: string | null;
  }[];
}

export async function insertPriceList(tx: Db, values: typeof priceLists.$inferInsert) {
  const [row] = await tx.insert(priceLists).values(values).returning();
  return row;
}

export function updatePriceList(
  tx: Db,
  tenantId: string,
  id: string,
  version: number,
  values: Partial<typeof priceLists.$inferInsert>,
) {
  return tx
    .update(priceLists)
    .set({ ...values, updatedAt: new Date(), version: sql`${priceLists.version} + 1` })
    .where(
      and(
        eq(priceLists.tenantId, tenantId),
        eq(priceLists.id, id),
        eq(priceLists.version, version),
        isNull(priceLists.deletedAt),
      ),
    )
    .returning();
}

export async function setLevels(tx: Db, tenantId: string, priceListId: string, levelIds: string[]) {
  await tx.delete(priceListLevels).where(eq(priceListLevels.priceListId, priceListId));
  if (levelIds.length)
    await tx.insert(priceListLevels).values(levelIds.map((levelId) => ({ tenantId, priceListId, levelId })));
}

export async function setCustomers(tx: Db, tenantId: string, priceListId: string, customerIds: string[]) {
  await tx.delete(priceListCustomers).where(eq(priceListCustomers.priceListId, priceListId));
  if (customerIds.length)
    await tx
      .insert(priceListCustomers)
      .values(customerIds.map((customerId) => ({ tenantId, priceListId, customerId })));
}

export async function setItems(
  tx: Db,
  tenantId: string,
  priceListId: string,
  items: { productId: string; price: string }[],
) {
  await tx.delete(priceListItems).where(eq(priceListItems.priceListId, priceListId));
  for (let i = 0; i < items.length; i += 500)
    await tx
      .insert(priceListItems)
      .values(
        items
          .slice(i, i + 500)
          .map((x) => ({ tenantId, priceListId, productId: x.productId, price: x.price })),
      );
}
