import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { uuidList } from '../../platform/sql-lists.ts';

/**
 * The latest follow-up (occurred at) of each customer, whoever wrote it — for other modules that
 * judge whether work on a customer goes on (opportunities' stalled-deal warnings). No scope: the
 * caller only learns a date about customers it already holds. Customers without any are absent.
 */
export async function lastFollowUpAt(
  db: Db,
  tenantId: string,
  customerIds: readonly string[],
): Promise<Map<string, Date>> {
  const map = new Map<string, Date>();
  const ids = [...new Set(customerIds)];
  if (!ids.length) return map;
  // one index probe per customer (follow_ups_customer_idx), not a scan of their follow-ups
  const result = await db.execute(
    sql`SELECT c.id AS customer_id,
        (SELECT max(f.occurred_at) FROM follow_ups f
          WHERE f.tenant_id = ${tenantId} AND f.customer_id = c.id AND f.deleted_at IS NULL) AS at
      FROM unnest(${uuidList(ids)}) AS c(id)`,
  );
  for (const r of result.rows as { customer_id: string; at: string | Date | null }[])
    if (r.at) map.set(r.customer_id, new Date(r.at));
  return map;
}
