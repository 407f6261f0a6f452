/**
 * Products as the reports need them (统计分析): names for the groups shown, and each product's
 * category for a report that counts another module's lines by category (产品销售构成). The
 * reports and orders modules compose over these — they never read the products table themselves.
 */
import type { Locale } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { uuidList } from '../../platform/sql-lists.ts';

/** Products' names for the groups a report shows (deleted ones too: their past lines still count). */
export async function productNames(
  db: Db,
  tenantId: string,
  ids: string[],
  _locale: Locale,
): Promise<Map<string, string>> {
  // the keys are the groups of a uuid column, so they are ids
  if (!ids.length) return new Map();
  const rows = await db.execute(
    sql`SELECT id::text, name FROM products WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)})`,
  );
  return new Map((rows.rows as { id: string; name: string }[]).map((r) => [r.id, r.name]));
}

/** `(id, category_id)` of the tenant's products, deleted ones included (a line keeps its category). */
export const productCategories = (tenantId: string): SQL =>
  sql`SELECT p.id, p.category_id FROM products p WHERE p.tenant_id = ${tenantId}`;
