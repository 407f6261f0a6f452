import type { Db } from '../../db/client.ts';
import * as repo from './repository.ts';

export const ENTITY = 'leads';

// ---- for other modules ----

/**
 * Per campaign: its leads (not deleted), those converted, and the distinct customers they became
 * (the campaigns module's ROI). Campaigns with no lead are absent from the map.
 */
export async function leadCountsByCampaign(
  db: Db,
  tenantId: string,
  campaignIds: string[],
): Promise<Map<string, { leads: number; converted: number; customers: number }>> {
  const rows = await repo.countsByCampaign(db, tenantId, campaignIds);
  return new Map(
    rows.map((r) => [r.campaign_id, { leads: r.leads, converted: r.converted, customers: r.customers }]),
  );
}
