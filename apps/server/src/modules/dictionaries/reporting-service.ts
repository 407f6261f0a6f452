/**
 * The region dictionary as the reports read it (统计分析): each region item with the province, city
 * and district it stands in. The customers module joins it to a customer's region; reports group
 * and filter by its three levels — one resolution for every report by region.
 */
import { type SQL, sql } from 'drizzle-orm';

/**
 * `(id, province_id, city_id, district_id)` per region item of the tenant, by depth in the tree:
 * a top item is a province, its children cities, theirs districts (a municipality's districts,
 * whose 市辖区 level the seed folds away, stand at the city level). Joined on `id` (the primary
 * key) and otherwise unused, PostgreSQL drops the join, so a report not grouping by region pays
 * nothing for it.
 */
export const regionLevels = (tenantId: string): SQL =>
  sql`SELECT r.id,
      coalesce(rg.id, rp.id, r.id) AS province_id,
      CASE WHEN rg.id IS NOT NULL THEN rp.id WHEN rp.id IS NOT NULL THEN r.id END AS city_id,
      CASE WHEN rg.id IS NOT NULL THEN r.id END AS district_id
    FROM dictionary_items r
    LEFT JOIN dictionary_items rp ON rp.id = r.parent_id
    LEFT JOIN dictionary_items rg ON rg.id = rp.parent_id
    WHERE r.tenant_id = ${tenantId}`;
