/**
 * The customer side of service tickets (服务工单): what assignment rules match on (the customer's
 * region) and the search of tickets by customer name, without the tickets module reading the
 * customers table.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { likeEscape } from '../../platform/pagination.ts';

/** The live customer's name and region (dictionary `region`), or null. */
export async function customerForTicket(db: Db, tenantId: string, customerId: string) {
  const result = await db.execute(sql`SELECT c.id, c.name, c.region_id FROM customers c
    WHERE c.tenant_id = ${tenantId} AND c.id = ${customerId} AND c.deleted_at IS NULL`);
  const row = result.rows[0] as { id: string; name: string; region_id: string | null } | undefined;
  return row ? { id: row.id, name: row.name, regionId: row.region_id } : null;
}

/**
 * Ids of the tenant's customers whose name contains `q` (a subquery for a ticket list's search;
 * the ticket list's own scope decides what is shown).
 */
export const customersNamedLike = (tenantId: string, q: string): SQL =>
  sql`SELECT nc.id FROM customers nc
    WHERE nc.tenant_id = ${tenantId} AND nc.deleted_at IS NULL AND nc.name ILIKE ${`%${likeEscape(q)}%`}`;
