import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { uuidList } from '../../platform/sql-lists.ts';

/** Leads, converted leads and distinct customers they became, per campaign (not deleted). */
export async function countsByCampaign(db: Db, tenantId: string, campaignIds: string[]) {
  if (!campaignIds.length) return [];
  const result = await db.execute<{
    campaign_id: string;
    leads: number;
    converted: number;
    customers: number;
  }>(sql`
    SELECT campaign_id, count(*)::int AS leads,
      count(*) FILTER (WHERE status = 'converted')::int AS converted,
      count(DISTINCT customer_id)::int AS customers
    FROM leads
    WHERE tenant_id = ${tenantId} AND deleted_at IS NULL AND campaign_id = ANY(${uuidList(campaignIds)})
    GROUP BY campaign_id`);
  return result.rows as { campaign_id: string; leads: number; converted: number; customers: number }[];
}
