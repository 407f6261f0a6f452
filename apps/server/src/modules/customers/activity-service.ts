import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/**
 * What a salesperson did with customers, for other modules' figures (a work report's prefill,
 * the demo's routes). Read-only; answers are counts and positions, never customer records.
 */

/**
 * 新增客户: customers the user entered (created, not a draft, not deleted) with `created_at`
 * in `[from, to)`. Entered, not owned: a customer assigned to them later is not their new one.
 */
export async function countNewCustomers(
  db: Db,
  tenantId: string,
  userId: string,
  from: Date,
  to: Date,
): Promise<number> {
  const r = await db.execute(sql`SELECT count(*)::int AS n FROM customers c
    WHERE c.tenant_id = ${tenantId} AND c.created_by = ${userId} AND c.deleted_at IS NULL
      AND c.state <> 'draft' AND c.created_at >= ${from} AND c.created_at < ${to}`);
  return Number((r.rows[0] as { n: number }).n);
}

/** Up to `limit` live customers the user owns that have a location (oldest first): places they visit. */
export async function ownedCustomerPlaces(
  db: Db,
  tenantId: string,
  ownerId: string,
  limit: number,
): Promise<{ id: string; name: string; lat: number; lng: number }[]> {
  const r = await db.execute(sql`SELECT c.id, c.name, c.lat, c.lng FROM customers c
    WHERE c.tenant_id = ${tenantId} AND c.owner_id = ${ownerId} AND c.state = 'active'
      AND c.deleted_at IS NULL AND c.lat IS NOT NULL
    ORDER BY c.created_at, c.id LIMIT ${limit}`);
  return (r.rows as Record<string, unknown>[]).map((x) => ({
    id: x.id as string,
    name: x.name as string,
    lat: Number(x.lat),
    lng: Number(x.lng),
  }));
}
