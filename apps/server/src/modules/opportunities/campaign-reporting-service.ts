/**
 * The won amount a campaign brought (活动投入产出), as wonAmountByCampaign sums it — the won
 * opportunities that came from it — as SQL a report's source joins per campaign.
 */
import { type SQL, sql } from 'drizzle-orm';

/** One row `(won_amount)` for the campaign whose id is `campaignId` (LATERAL); 0 without any. */
export const wonAmountOfCampaign = (tenantId: string, campaignId: SQL): SQL =>
  sql`SELECT coalesce(sum(o.expected_amount), 0)::numeric(18, 2) AS won_amount FROM opportunities o
    WHERE o.tenant_id = ${tenantId} AND o.deleted_at IS NULL AND o.status = 'won' AND o.campaign_id = ${campaignId}`;
