/**
 * 流失预警 of the cached data set (流失分析 in scenario `reports`): a record for one owned active
 * customer in twenty (~50k at 1M customers), raised over the three years before the data set's end
 * by the daily job as the churn module writes it — the customer's owner and department, its last
 * order, a risk score; older records mostly decided (confirmed lost with a reason, or recovered),
 * recent ones mostly open (warning, or delayed until a day to come). Needs the customers'
 * last_order_at (lib/service-data.ts).
 */

import { count, dictionary, ensureCached, uuids } from './bench-cache.ts';
import type { DatasetMeta } from './customer-dataset.ts';
import type { BenchDatabase } from './database.ts';

const VERSION = 1;

export function ensureChurn(bench: BenchDatabase, meta: DatasetMeta) {
  const tenantId = meta.main.id;
  return ensureCached(bench, 'churn', { version: VERSION, end: meta.end }, async () => {
    const reasons = await dictionary(bench, tenantId, 'churn-reason');
    await bench.raw('DELETE FROM churn_records WHERE tenant_id = $1', [tenantId]);
    // roll (0…99) decides the status: a record older than 60 days is decided four times in five
    const records = await count(
      bench,
      `WITH c AS (
         SELECT c.id, c.tenant_id, c.owner_id, u.department_id, c.last_order_at, h,
                $2::timestamptz - make_interval(secs => (h / 20) % (1095 * 86400)) AS at, (h / 7) % 100 AS roll
           FROM (SELECT c.*, abs(hashtext(c.id::text || 'churn')) AS h FROM customers c
                  WHERE c.tenant_id = $1 AND c.deleted_at IS NULL AND c.state = 'active' AND c.owner_id IS NOT NULL) c
           JOIN users u ON u.id = c.owner_id
          WHERE c.h % 20 = 0),
       s AS (
         SELECT c.*, CASE WHEN at > $2::timestamptz - interval '60 days'
             THEN CASE WHEN roll < 10 THEN 'confirmed' WHEN roll < 25 THEN 'recovered' WHEN roll < 85 THEN 'warning' ELSE 'delayed' END
             ELSE CASE WHEN roll < 40 THEN 'confirmed' WHEN roll < 80 THEN 'recovered' WHEN roll < 93 THEN 'warning' ELSE 'delayed' END
           END AS status,
           least(at + make_interval(days => 3 + (h / 11) % 60), $2::timestamptz - interval '1 hour') AS decided
           FROM c),
       ins AS (
         INSERT INTO churn_records (id, tenant_id, created_at, updated_at, version, customer_id, status, owner_id,
                                    department_id, risk, last_order_at, delays, measures, until, reason_id, closed_at)
         SELECT gen_random_uuid(), tenant_id, at, CASE WHEN status IN ('confirmed', 'recovered', 'delayed') THEN decided ELSE at END,
                1, id, status, owner_id, department_id,
                CASE WHEN status = 'recovered' THEN (h / 13) % 40 ELSE 40 + (h / 13) % 61 END, last_order_at,
                (status = 'delayed')::int, CASE WHEN status = 'delayed' THEN '客户预算冻结，下季度再跟进' END,
                CASE WHEN status = 'delayed' THEN ($2::timestamptz + make_interval(days => 1 + (h / 17) % 45))::date END,
                CASE WHEN status = 'confirmed' THEN ($3::uuid[])[1 + (h / 19) % cardinality($3::uuid[])] END,
                CASE WHEN status IN ('confirmed', 'recovered') THEN decided END
           FROM s
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [tenantId, new Date(meta.end).toISOString(), uuids(reasons)],
    );
    await bench.raw('VACUUM ANALYZE churn_records');
    return { records };
  });
}
