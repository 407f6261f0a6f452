/**
 * Leads as a campaign's report counts them (活动投入产出): what the campaigns module's ROI counts
 * (countsByCampaign) — leads, converted leads, the distinct customers they became — as SQL that a
 * report's source joins per campaign, so the figures are grouped in the database.
 */
import { type SQL, sql } from 'drizzle-orm';

/** One row `(leads, converted, customers)` for the campaign whose id is `campaignId` (LATERAL). */
export const leadFiguresOfCampaign = (tenantId: string, campaignId: SQL): SQL =>
  sql`SELECT count(*)::int AS leads, count(*) FILTER (WHERE l.status = 'converted')::int AS converted,
      count(DISTINCT l.customer_id)::int AS customers
    FROM leads l WHERE l.tenant_id = ${tenantId} AND l.deleted_at IS NULL AND l.campaign_id = ${campaignId}`;
