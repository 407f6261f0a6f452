import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { uuidList } from '../../platform/sql-lists.ts';

/**
 * What other modules build on (quotes link an opportunity, targets count won deals, campaigns
 * their ROI). Stands alone (imports no module): those modules sit beside opportunities, and
 * opportunities reads campaigns and products itself.
 */

/** Won deals of one owner in one department over a period (targets' attainment). */
export type SalesFact = { userId: string; departmentId: string; amount: string; count: number };

/** The opportunity if the caller sees it (opportunities:view and scope), for a quote's link; null otherwise. */
export async function opportunityForQuote(
  db: Db,
  p: Principal,
  id: string,
): Promise<{
  id: string;
  title: string;
  customerId: string | null;
  ownerId: string | null;
  productId: string | null;
} | null> {
  if (!can(p, 'opportunities:view')) return null;
  const scope = scopePredicate(p, 'opportunities', {
    owner: sql`o.owner_id`,
    department: sql`o.department_id`,
  });
  const result = await db.execute(
    sql`SELECT o.id, o.title, o.customer_id, o.owner_id, o.product_id FROM opportunities o
      WHERE o.tenant_id = ${p.tenantId} AND o.id = ${id} AND o.deleted_at IS NULL AND ${scope}`,
  );
  const row = result.rows[0] as
    | { id: string; title: string; customer_id: string | null; owner_id: string; product_id: string | null }
    | undefined;
  return row
    ? {
        id: row.id,
        title: row.title,
        customerId: row.customer_id,
        ownerId: row.owner_id,
        productId: row.product_id,
      }
    : null;
}

/** Won amounts (the expected amount at winning) per owner and department, by won date in [from, to) — for targets. */
export async function salesFacts(db: Db, tenantId: string, from: Date, to: Date): Promise<SalesFact[]> {
  const result = await db.execute(
    sql`SELECT owner_id, department_id, sum(expected_amount)::text AS amount, count(*)::int AS n
      FROM opportunities
      WHERE tenant_id = ${tenantId} AND deleted_at IS NULL AND status = 'won'
        AND closed_at >= ${from.toISOString()}::timestamptz AND closed_at < ${to.toISOString()}::timestamptz
      GROUP BY owner_id, department_id`,
  );
  return (result.rows as { owner_id: string; department_id: string; amount: string; n: number }[]).map(
    (r) => ({
      userId: r.owner_id,
      departmentId: r.department_id,
      amount: money(r.amount),
      count: r.n,
    }),
  );
}

/**
 * Won amounts of the opportunities that came from each campaign (converted from its leads, or
 * created naming it) — every campaign asked for is in the map, "0.00" without any.
 */
export async function wonAmountByCampaign(
  db: Db,
  tenantId: string,
  campaignIds: readonly string[],
): Promise<Map<string, string>> {
  const map = new Map(campaignIds.map((id) => [id, '0.00']));
  if (!campaignIds.length) return map;
  const result = await db.execute(
    sql`SELECT campaign_id, sum(expected_amount)::text AS amount FROM opportunities
      WHERE tenant_id = ${tenantId} AND deleted_at IS NULL AND status = 'won'
        AND campaign_id = ANY(${uuidList(campaignIds)})
      GROUP BY campaign_id`,
  );
  for (const r of result.rows as { campaign_id: string; amount: string }[])
    map.set(r.campaign_id, money(r.amount));
  return map;
}

/** numeric text → 2 decimals ("1200" → "1200.00"). */
function money(v: string): string {
  const [whole, fraction = ''] = v.split('.');
  return `${whole}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}
