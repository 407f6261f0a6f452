/**
 * 营销计划 of the cached data set (营销计划达成 and 费用分析 in scenario `reports`): ten per
 * department (2,000 at 200 departments) over the three years before the data set's end and the two
 * months after it, each by one of its department's people — a visit or a promotion of a seeded
 * sub-type, 1 … 30 days long, two goals (visits, amount), two expense lines (the budget). Most are
 * approved; an approved plan that has ended mostly has its feedback submitted: actual expenses
 * (70 … 110% of the budget), results and their attainment as figures.ts computes it.
 */

import {
  count,
  ensureCached,
  numberedDepartments,
  peopleOfDepartments,
  timezone,
  uuids,
} from './bench-cache.ts';
import type { DatasetMeta } from './customer-dataset.ts';
import type { BenchDatabase } from './database.ts';

const VERSION = 1;
const PER_DEPARTMENT = 10;

export function ensureMarketingPlans(bench: BenchDatabase, meta: DatasetMeta) {
  const tenantId = meta.main.id;
  return ensureCached(bench, 'marketing-plans', { version: VERSION, end: meta.end }, async () => {
    const subTypes = await bench.raw<{ id: string; type: string }>(
      `SELECT c.id, p.code AS type FROM dictionary_items c JOIN dictionary_items p ON p.id = c.parent_id
        WHERE c.tenant_id = $1 AND c.type = 'plan-type' AND c.valid ORDER BY c.sort_order, c.id`,
      [tenantId],
    );
    const of = (type: string) => uuids(subTypes.filter((s) => s.type === type).map((s) => s.id));
    if (!subTypes.length)
      throw new Error('the bench tenant has no plan-type dictionary (start the app once)');
    await bench.raw('DELETE FROM marketing_plans WHERE tenant_id = $1', [tenantId]);
    const plans = await count(
      bench,
      `WITH d AS (${numberedDepartments}), u AS (${peopleOfDepartments}),
       p AS (
         SELECT d.id AS department_id, d.rn * 100 + k AS i, abs(hashtext('mp:' || d.rn || ':' || k)) AS h
           FROM d CROSS JOIN generate_series(1, ${PER_DEPARTMENT}) k),
       p2 AS (
         SELECT p.*, CASE WHEN h % 2 = 0 THEN 'visit' ELSE 'promotion' END AS type,
                ($2::timestamptz AT TIME ZONE $5)::date - 1095 + (h / 2) % 1155 AS start_date,
                1000 * (2 + (h / 3) % 48) AS travel, 1000 * (1 + (h / 5) % 30) AS material,
                10 * (2 + (h / 7) % 5) AS visits, 10000 * (2 + (h / 11) % 19) AS amount, (h / 13) % 100 AS roll
           FROM p),
       p3 AS (
         SELECT p2.*, start_date + CASE WHEN type = 'visit' THEN (h / 17) % 7 ELSE (h / 17) % 30 END AS end_date,
                CASE WHEN roll < 80 THEN 'approved' WHEN roll < 88 THEN 'unreviewed' WHEN roll < 94 THEN 'returned'
                  ELSE 'rejected' END AS review_status,
                0.5 + (h / 19) % 80 / 100.0 AS visit_rate, 0.4 + (h / 23) % 100 / 100.0 AS amount_rate,
                0.7 + (h / 29) % 41 / 100.0 AS spent_rate
           FROM p2),
       p4 AS (
         SELECT p3.*, review_status = 'approved' AND end_date < ($2::timestamptz AT TIME ZONE $5)::date
                  AND (h / 31) % 10 < 9 AS submitted,
                round(visits * visit_rate) AS visits_done, round(amount * amount_rate, 2) AS amount_done
           FROM p3),
       ins AS (
         INSERT INTO marketing_plans (id, tenant_id, created_at, updated_at, created_by, version, number, type,
                                      sub_type_id, title, start_date, end_date, goals, expenses, budget, owner_id,
                                      department_id, review_status, reviewed_at, feedback_status, results,
                                      actual_expenses, attainment, feedback_submitted_at)
         SELECT gen_random_uuid(), $1, c.at, coalesce(f.at, c.at), u.id, 1, 'YX' || lpad(p4.i::text, 8, '0'), p4.type,
                CASE WHEN p4.type = 'visit' THEN ($3::uuid[])[1 + (h / 37) % cardinality($3::uuid[])]
                  ELSE ($4::uuid[])[1 + (h / 37) % cardinality($4::uuid[])] END,
                CASE WHEN p4.type = 'visit' THEN '客户走访计划' ELSE '门店促销推广' END || ' ' || p4.i,
                p4.start_date, p4.end_date,
                jsonb_build_array(jsonb_build_object('kind', 'visits', 'target', p4.visits::text),
                                  jsonb_build_object('kind', 'amount', 'target', p4.amount::numeric(18, 2)::text)),
                jsonb_build_array(jsonb_build_object('item', '交通住宿', 'amount', p4.travel::numeric(18, 2)::text),
                                  jsonb_build_object('item', '物料礼品', 'amount', p4.material::numeric(18, 2)::text)),
                p4.travel + p4.material, u.id, p4.department_id, p4.review_status,
                CASE WHEN p4.review_status <> 'unreviewed' THEN c.at + interval '1 day' END,
                CASE WHEN submitted THEN 'submitted' ELSE 'none' END,
                CASE WHEN submitted THEN jsonb_build_array(
                  jsonb_build_object('kind', 'visits', 'actual', visits_done::text),
                  jsonb_build_object('kind', 'amount', 'actual', amount_done::numeric(18, 2)::text))
                  ELSE '[]'::jsonb END,
                CASE WHEN submitted THEN round((p4.travel + p4.material) * spent_rate, 2) END,
                CASE WHEN submitted THEN round((round(visits_done * 1000.0 / visits) / 10
                  + round(amount_done * 1000.0 / amount) / 10) / 2, 1) END,
                f.at
           FROM p4
           JOIN u ON u.department_id = p4.department_id AND u.rn = 1 + (p4.h / 41) % u.n
           CROSS JOIN LATERAL (SELECT (p4.start_date - 14 + time '09:00') AT TIME ZONE $5 AS at) c
           LEFT JOIN LATERAL (SELECT least((p4.end_date + 2 + time '17:00') AT TIME ZONE $5, now()) AS at WHERE submitted) f ON true
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [
        tenantId,
        new Date(meta.end).toISOString(),
        of('visit'),
        of('promotion'),
        await timezone(bench, tenantId),
      ],
    );
    await bench.raw('VACUUM ANALYZE marketing_plans');
    return { plans };
  });
}
