/**
 * 回款 of the cached data set's orders (回款分析 in scenario `reports`, and 目标达成 on the payments
 * basis): half the confirmed … completed orders (~1/3 of all: ~330k at 1M customers) are paid in
 * 1 … 3 monthly instalments, the first due 30 days after the order. Of the instalments already due,
 * most were paid (in full, a few days before they fell due) and some not or by half — recent ones
 * more often, so the overdue remainder ages into every bucket (0–30 … > 90 days); one payment in
 * fifty still awaits approval (pending, not applied). Plans, payments, their allocations and the
 * orders' receivable accounts are written as the receivables module keeps them. Needs the sales of
 * lib/sales-data.ts.
 */

import { count, dictionary, ensureCached, timezone, uuids } from './bench-cache.ts';
import type { DatasetMeta } from './customer-dataset.ts';
import type { BenchDatabase } from './database.ts';

const VERSION = 1;

export function ensureReceivables(bench: BenchDatabase, meta: DatasetMeta, sales: { orders: number }) {
  const tenantId = meta.main.id;
  const inputs = { version: VERSION, end: meta.end, orders: sales.orders };
  return ensureCached(bench, 'receivables', inputs, async () => {
    const methods = await dictionary(bench, tenantId, 'payment-method');
    for (const table of ['payment_allocations', 'payments', 'payment_plans', 'receivable_accounts'])
      await bench.raw(`DELETE FROM ${table} WHERE tenant_id = $1`, [tenantId]);
    const tz = await timezone(bench, tenantId);
    const plans = await count(
      bench,
      `WITH o AS (
         SELECT o.*, (o.ordered_at AT TIME ZONE $2)::date AS day, 1 + abs(hashtext(o.id::text || 'rv')) / 2 % 3 AS parts
           FROM orders o
          WHERE o.tenant_id = $1 AND o.deleted_at IS NULL AND o.status IN ('confirmed', 'paid', 'delivered', 'completed')
            AND abs(hashtext(o.id::text || 'rv')) % 2 = 0),
       accounts AS (
         INSERT INTO receivable_accounts (document_id, tenant_id, kind, created_at)
         SELECT id, tenant_id, 'order', ordered_at FROM o),
       ins AS (
         INSERT INTO payment_plans (id, tenant_id, created_at, updated_at, created_by, version, order_id, customer_id,
                                    owner_id, department_id, due_date, amount, paid)
         SELECT gen_random_uuid(), o.tenant_id, o.ordered_at, o.ordered_at, o.owner_id, 1, o.id, o.customer_id,
                o.owner_id, o.department_id, o.day + 30 * k,
                CASE WHEN k < o.parts THEN round(o.total / o.parts, 2)
                  ELSE o.total - (o.parts - 1) * round(o.total / o.parts, 2) END, 0
           FROM o CROSS JOIN LATERAL generate_series(1, o.parts) k
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [tenantId, tz],
    );
    // roll (0…99): paid in full below 90 (70 for plans due in the last 60 days), half paid below 95 (80), else not
    const [paid] = await bench.raw<{ payments: number; pending: number }>(
      `WITH due AS (
         SELECT x.*, abs(hashtext(x.id::text || 'pay')) AS h, (now() AT TIME ZONE $2)::date AS today
           FROM payment_plans x WHERE x.tenant_id = $1 AND x.due_date < (now() AT TIME ZONE $2)::date),
       pay AS (
         SELECT due.*, CASE WHEN h % 100 < CASE WHEN due_date < today - 60 THEN 90 ELSE 70 END THEN amount
             WHEN h % 100 < CASE WHEN due_date < today - 60 THEN 95 ELSE 80 END THEN round(amount / 2, 2) END AS part,
           CASE WHEN (h / 100) % 50 = 0 THEN 'pending' ELSE 'counted' END AS status,
           greatest((created_at AT TIME ZONE $2)::date, due_date - (h / 5000) % 15) AS paid_on
           FROM due),
       ins AS (
         INSERT INTO payments (id, tenant_id, created_at, updated_at, created_by, version, order_id, customer_id,
                               owner_id, department_id, plan_id, amount, applied, prepaid, paid_at, method_id,
                               prepayment, status)
         SELECT gen_random_uuid(), tenant_id, (paid_on + time '10:00') AT TIME ZONE $2, (paid_on + time '10:00') AT TIME ZONE $2,
                owner_id, 1, order_id, customer_id, owner_id, department_id, id, part,
                CASE WHEN status = 'counted' THEN part ELSE 0 END, 0, paid_on,
                ($3::uuid[])[1 + (h / 7) % cardinality($3::uuid[])], false, status
           FROM pay WHERE part IS NOT NULL
         RETURNING id, tenant_id, plan_id, amount, status),
       allocated AS (
         INSERT INTO payment_allocations (id, tenant_id, payment_id, plan_id, amount)
         SELECT gen_random_uuid(), tenant_id, id, plan_id, amount FROM ins WHERE status = 'counted'),
       plans AS (
         UPDATE payment_plans x SET paid = ins.amount FROM ins WHERE x.id = ins.plan_id AND ins.status = 'counted')
       SELECT count(*)::int AS payments, (count(*) FILTER (WHERE status = 'pending'))::int AS pending FROM ins`,
      [tenantId, tz, uuids(methods)],
    );
    for (const table of ['payment_plans', 'payments', 'payment_allocations', 'receivable_accounts'])
      await bench.raw(`VACUUM ANALYZE ${table}`);
    return { plans, payments: Number(paid.payments), pending: Number(paid.pending) };
  });
}
