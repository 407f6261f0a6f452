/**
 * Campaigns as the reports count them (统计分析 · 活动投入产出): one row per campaign of the
 * caller's scope whose dates overlap the period — the campaigns ROI page's own selection — with
 * its cost (the sum of its expense lines), the leads it produced and the won amount they brought,
 * counted by the leads and opportunities modules exactly as the ROI page counts them.
 */
import type { Locale } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { leadFiguresOfCampaign } from '../leads/campaign-reporting-service.ts';
import { wonAmountOfCampaign } from '../opportunities/campaign-reporting-service.ts';
import { campaignScope } from './repository.ts';

/** The period's instants as the calendar days campaigns are dated by (in the tenant's zone). */
const overlapping = (p: Principal, from: SQL | null, to: SQL | null) => {
  const tz = p.profile.tenant.timezone;
  return from && to
    ? sql`AND m.end_date >= (${from} AT TIME ZONE ${tz})::date AND m.start_date < (${to} AT TIME ZONE ${tz})::date`
    : sql``;
};

export const campaignRoiSource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT m.id, m.number, m.name, m.channel_id, m.owner_id, m.department_id, m.status,
      m.start_date::timestamp AS at, to_char(m.start_date, 'YYYY-MM') AS month,
      (SELECT coalesce(sum(x.amount), 0)::numeric(18, 2) FROM campaign_expenses x
        WHERE x.tenant_id = m.tenant_id AND x.campaign_id = m.id) AS cost,
      lf.leads, lf.converted, lf.customers, w.won_amount
    FROM campaigns m
    CROSS JOIN LATERAL (${leadFiguresOfCampaign(p.tenantId, sql`m.id`)}) lf
    CROSS JOIN LATERAL (${wonAmountOfCampaign(p.tenantId, sql`m.id`)}) w
    WHERE m.tenant_id = ${p.tenantId} AND m.deleted_at IS NULL AND ${campaignScope(p)} ${overlapping(p, from, to)}`;

/** Campaigns' names (number and name) for the groups a report shows, deleted ones too. */
export async function campaignNames(
  db: Db,
  tenantId: string,
  ids: string[],
  _locale: Locale,
): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.execute(
    sql`SELECT id::text, number || ' ' || name AS name FROM campaigns WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)})`,
  );
  return new Map((rows.rows as { id: string; name: string }[]).map((r) => [r.id, r.name]));
}

/**
 * 费用分析's part of campaigns: `(kind 'campaign', id, number, title, type_id (the channel), owner_id,
 * department_id, at, month, budget, actual)` — budget the campaign's 预算 (0 when not set), actual the
 * sum of its expense lines. None without campaigns:view.
 */
export const campaignExpenseSource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT 'campaign'::text AS kind, m.id, m.number, m.name AS title, m.channel_id AS type_id, m.owner_id,
      m.department_id, m.start_date::timestamp AS at, to_char(m.start_date, 'YYYY-MM') AS month,
      coalesce(m.budget, 0)::numeric(18, 2) AS budget,
      (SELECT coalesce(sum(x.amount), 0)::numeric(18, 2) FROM campaign_expenses x
        WHERE x.tenant_id = m.tenant_id AND x.campaign_id = m.id) AS actual
    FROM campaigns m
    WHERE m.tenant_id = ${p.tenantId} AND m.deleted_at IS NULL
      AND ${can(p, 'campaigns:view') ? campaignScope(p) : sql`FALSE`} ${overlapping(p, from, to)}`;
