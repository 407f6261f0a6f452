/**
 * 销售任务 of the cached data set (目标达成 in scenario `reports`): a monthly amount and count target
 * for every person who owns customers and every department, for the 18 months of the sales and the
 * two months after them (~40k personal, 4,000 departmental at 2,000 owners / 200 departments). A
 * person's is their share of the sales a month (80 … 129%, in thousands), a department's the sum of
 * its subtree's people's — so attainment lands around 100%. Needs the sales of lib/sales-data.ts.
 */

import { ensureCached, timezone } from './bench-cache.ts';
import type { DatasetMeta } from './customer-dataset.ts';
import type { BenchDatabase } from './database.ts';

const VERSION = 1;

export function ensureTargets(bench: BenchDatabase, meta: DatasetMeta, sales: { orders: number }) {
  const tenantId = meta.main.id;
  const inputs = { version: VERSION, end: meta.end, orders: sales.orders };
  return ensureCached(bench, 'targets', inputs, async () => {
    await bench.raw('DELETE FROM sales_targets WHERE tenant_id = $1', [tenantId]);
    const [made] = await bench.raw<{ people: number; departments: number }>(
      `WITH months AS (
         SELECT (date_trunc('month', $2::timestamptz AT TIME ZONE $3) - make_interval(months => k))::date AS start
           FROM generate_series(-2, 17) k),
       owners AS (
         SELECT u.id, u.username, u.department_id FROM users u
          WHERE u.tenant_id = $1 AND u.deleted_at IS NULL AND u.status = 'active'
            AND EXISTS (SELECT 1 FROM customers c WHERE c.tenant_id = $1 AND c.owner_id = u.id)),
       monthly AS (
         SELECT coalesce(sum(o.total), 0) / greatest((SELECT count(*) FROM owners), 1) / 18 AS amount
           FROM orders o WHERE o.tenant_id = $1 AND o.deleted_at IS NULL AND o.status <> 'cancelled'),
       person AS (
         SELECT o.id AS user_id, o.department_id, m.start,
                greatest(1000, round(a.amount * (0.8 + abs(hashtext(o.username || m.start)) % 50 / 100.0), -3)) AS amount
           FROM owners o CROSS JOIN months m CROSS JOIN monthly a),
       -- a department's: its subtree's people's, summed per department first (200 × months, not people)
       per AS (SELECT department_id, start, sum(amount) AS amount FROM person GROUP BY 1, 2),
       d AS (SELECT id, path FROM departments WHERE tenant_id = $1 AND deleted_at IS NULL),
       department AS (
         SELECT d.id AS department_id, per.start, sum(per.amount) AS amount
           FROM d JOIN d sub ON left(sub.path, length(d.path)) = d.path JOIN per ON per.department_id = sub.id
          GROUP BY 1, 2),
       people AS (
         INSERT INTO sales_targets (id, tenant_id, created_at, updated_at, version, period, start, user_id, amount, count)
         SELECT gen_random_uuid(), $1, at, at, 1, 'month', start, user_id, amount, ceil(amount / 1130)
           FROM person CROSS JOIN LATERAL (SELECT (start - 5 + time '09:00') AT TIME ZONE $3 AS at) c
         RETURNING 1),
       departments AS (
         INSERT INTO sales_targets (id, tenant_id, created_at, updated_at, version, period, start, department_id, amount, count)
         SELECT gen_random_uuid(), $1, at, at, 1, 'month', start, department_id, amount, ceil(amount / 1130)
           FROM department CROSS JOIN LATERAL (SELECT (start - 5 + time '09:00') AT TIME ZONE $3 AS at) c
         RETURNING 1)
       SELECT (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM departments) AS departments`,
      [tenantId, new Date(meta.end).toISOString(), await timezone(bench, tenantId)],
    );
    await bench.raw('VACUUM ANALYZE sales_targets');
    return { people: Number(made.people), departments: Number(made.departments) };
  });
}
