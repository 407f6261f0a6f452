/**
 * 市场活动 of the cached data set (活动投入产出 and 费用分析 in scenario `reports`): 25 per department
 * (5,000 at 200 departments) over the three years before the data set's end and the two months
 * after it, each by one of its department's people through a seeded channel — a budget (one in
 * twenty without), 1 … 4 expense lines once it has started (60 … 110% of the budget), its status
 * from its dates (one in twenty cancelled). A campaign that has started brought 0 … 80 leads (~40 on
 * average: ~170k), a fifth of them converted into customers that have opportunities — whose
 * opportunities then came from the campaign (`campaign_id`, the won amount the report counts).
 * Needs the sales of lib/sales-data.ts (the opportunities).
 */

import {
  count,
  dictionary,
  ensureCached,
  log,
  numberedDepartments,
  peopleOfDepartments,
  timezone,
  uuids,
} from './bench-cache.ts';
import type { DatasetMeta } from './customer-dataset.ts';
import type { BenchDatabase } from './database.ts';

const VERSION = 1;
const PER_DEPARTMENT = 25;

export async function ensureCampaigns(
  bench: BenchDatabase,
  meta: DatasetMeta,
  sales: { opportunities: number },
) {
  const tenantId = meta.main.id;
  const inputs = { version: VERSION, end: meta.end, opportunities: sales.opportunities };
  const made = await ensureCached(bench, 'campaigns', inputs, async () => {
    const channels = await dictionary(bench, tenantId, 'campaign-channel');
    for (const table of ['leads', 'campaign_expenses', 'campaigns'])
      await bench.raw(`DELETE FROM ${table} WHERE tenant_id = $1`, [tenantId]);
    await bench.raw(
      'UPDATE opportunities SET campaign_id = NULL WHERE tenant_id = $1 AND campaign_id IS NOT NULL',
      [tenantId],
    );
    const params = [tenantId, new Date(meta.end).toISOString(), await timezone(bench, tenantId)];
    const campaigns = await count(
      bench,
      `WITH d AS (${numberedDepartments}), u AS (${peopleOfDepartments}),
       m AS (
         SELECT d.id AS department_id, d.rn * 100 + k AS i, h,
                ($2::timestamptz AT TIME ZONE $3)::date - 1095 + (h / 2) % 1155 AS start_date
           FROM d CROSS JOIN generate_series(1, ${PER_DEPARTMENT}) k
           CROSS JOIN LATERAL (SELECT abs(hashtext('hd:' || d.rn || ':' || k)) AS h) x),
       ins AS (
         INSERT INTO campaigns (id, tenant_id, created_at, updated_at, created_by, version, number, name, channel_id,
                                status, start_date, end_date, budget, target_customers, owner_id, department_id)
         SELECT gen_random_uuid(), $1, c.at, c.at, u.id, 1, 'HDB' || lpad(m.i::text, 6, '0'), '市场推广活动 ' || m.i,
                ($4::uuid[])[1 + (m.h / 3) % cardinality($4::uuid[])],
                CASE WHEN (m.h / 5) % 20 = 0 THEN 'cancelled' WHEN m.start_date > today THEN 'planned'
                  WHEN m.start_date + (m.h / 7) % 60 < today THEN 'finished' ELSE 'running' END,
                m.start_date, m.start_date + (m.h / 7) % 60,
                CASE WHEN (m.h / 11) % 20 <> 0 THEN (5000 * (1 + (m.h / 13) % 40))::numeric(18, 2) END,
                '区域内中小企业客户', u.id, m.department_id
           FROM m
           JOIN u ON u.department_id = m.department_id AND u.rn = 1 + (m.h / 17) % u.n
           CROSS JOIN LATERAL (SELECT ($2::timestamptz AT TIME ZONE $3)::date AS today,
                                      (m.start_date - 21 + time '09:00') AT TIME ZONE $3 AS at) c
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [...params, uuids(channels)],
    );
    // the lines share 60 … 110% of the budget (of 20,000 without one), spent over the campaign's days
    const expenses = await count(
      bench,
      `WITH m AS (
         SELECT m.*, abs(hashtext(m.number || 'fy')) AS h FROM campaigns m
          WHERE m.tenant_id = $1 AND m.start_date <= ($2::timestamptz AT TIME ZONE $3)::date AND m.status <> 'cancelled'),
       ins AS (
         INSERT INTO campaign_expenses (id, tenant_id, campaign_id, position, item, amount, spent_on)
         SELECT gen_random_uuid(), m.tenant_id, m.id, k, (ARRAY['场地租赁', '物料制作', '广告投放', '礼品'])[k],
                round(coalesce(m.budget, 20000) * (0.6 + (m.h / 4) % 51 / 100.0) / (1 + m.h % 4), 2),
                m.start_date + k - 1
           FROM m CROSS JOIN LATERAL generate_series(1, 1 + m.h % 4) k
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      params,
    );
    const leads = await insertLeads(bench, params);
    for (const table of ['campaigns', 'campaign_expenses', 'leads'])
      await bench.raw(`VACUUM ANALYZE ${table}`);
    return { campaigns, expenses, leads };
  });
  // the sales may have been built again (their opportunities without a campaign): attribute again
  const attributed = await attributeOpportunities(bench, tenantId);
  if (attributed) log(`${attributed.toLocaleString('en-US')} opportunities came from campaigns`);
  return made;
}

/**
 * 0 … 80 leads per started campaign, created over its days (and a month after), in the campaign's
 * department: one in ten still in the pool (new), the others assigned to one of its people; a
 * fifth converted into one of the customers with an opportunity (one such customer in five).
 */
async function insertLeads(bench: BenchDatabase, params: unknown[]) {
  return count(
    bench,
    `WITH u AS (${peopleOfDepartments}),
     won AS (
       SELECT customer_id AS id, row_number() OVER (ORDER BY customer_id) AS rn
         FROM (SELECT DISTINCT customer_id FROM opportunities
                WHERE tenant_id = $1 AND deleted_at IS NULL AND abs(hashtext(customer_id::text || 'lc')) % 5 = 0) x),
     l AS (
       SELECT m.id AS campaign_id, m.tenant_id, m.department_id, m.number || ':' || k AS tag,
              abs(hashtext(m.number || ':' || k)) AS h,
              m.start_date + (abs(hashtext(m.number || ':' || k)) / 3) % (m.end_date - m.start_date + 31) AS day
         FROM campaigns m CROSS JOIN LATERAL generate_series(1, abs(hashtext(m.number || 'ld')) % 81) k
        WHERE m.tenant_id = $1 AND m.start_date <= ($2::timestamptz AT TIME ZONE $3)::date AND m.status <> 'cancelled'),
     l2 AS (
       SELECT l.*, CASE WHEN h % 10 = 0 THEN 'new' WHEN h % 10 < 3 THEN 'converted' WHEN h % 10 < 5 THEN 'disqualified'
                WHEN h % 10 < 7 THEN 'following' WHEN h % 10 < 8 THEN 'qualified' ELSE 'assigned' END AS status,
              least((l.day + time '10:00') AT TIME ZONE $3, $2::timestamptz - interval '1 hour') AS at,
              -- which customer a converted one became: a plain equality, so the join hashes
              1 + (l.h / 11) % greatest((SELECT count(*) FROM won), 1) AS pick
         FROM l),
     ins AS (
       INSERT INTO leads (id, tenant_id, created_at, updated_at, created_by, version, name, contact_name, mobile,
                          campaign_id, status, owner_id, department_id, assigned_at, customer_id, converted_at,
                          converted_by)
       SELECT gen_random_uuid(), l2.tenant_id, l2.at, l2.at, u.id, 1, '意向客户 ' || l2.tag, '联系人',
              '139' || lpad((l2.h % 100000000)::text, 8, '0'), l2.campaign_id, l2.status,
              CASE WHEN l2.status <> 'new' THEN u.id END, CASE WHEN l2.status <> 'new' THEN l2.department_id END,
              CASE WHEN l2.status <> 'new' THEN l2.at END, won.id,
              CASE WHEN l2.status = 'converted' THEN l2.at + interval '7 days' END,
              CASE WHEN l2.status = 'converted' THEN u.id END
         FROM l2
         JOIN u ON u.department_id = l2.department_id AND u.rn = 1 + (l2.h / 7) % u.n
         LEFT JOIN won ON l2.status = 'converted' AND won.rn = l2.pick
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    params,
  );
}

/** The opportunities of customers converted from a campaign's leads came from that campaign (its first). */
async function attributeOpportunities(bench: BenchDatabase, tenantId: string) {
  const [done] = await bench.raw(
    'SELECT 1 FROM opportunities WHERE tenant_id = $1 AND campaign_id IS NOT NULL LIMIT 1',
    [tenantId],
  );
  if (done) return 0;
  const n = await count(
    bench,
    `WITH up AS (
       UPDATE opportunities o SET campaign_id = x.campaign_id
         FROM (SELECT DISTINCT ON (customer_id) customer_id, campaign_id FROM leads
                WHERE tenant_id = $1 AND status = 'converted' AND customer_id IS NOT NULL AND campaign_id IS NOT NULL
                ORDER BY customer_id, converted_at, id) x
        WHERE o.tenant_id = $1 AND o.customer_id = x.customer_id
       RETURNING 1)
     SELECT count(*)::int AS n FROM up`,
    [tenantId],
  );
  await bench.raw('VACUUM ANALYZE opportunities');
  return n;
}
