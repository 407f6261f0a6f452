/**
 * The service data of the cached data set (scenarios `service` and `reports`), on top of the sales
 * of lib/sales-data.ts — added once, recorded in `bench_cache`.
 */
import type { DatasetMeta } from './customer-dataset.ts';
import type { BenchDatabase } from './database.ts';

const log = (msg: string) => console.log(`  ${msg}`);
const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

export type ServiceMeta = { tickets: number; ready: boolean };

/**
 * Once: customers' last_order_at from their orders (the sales rows are written raw), and a ticket
 * for one customer in five — in every status, handled by the customer's owner (one in four still in
 * the queue), due instants around now.
 */
export async function ensureService(bench: BenchDatabase, meta: DatasetMeta): Promise<ServiceMeta> {
  const [row] = await bench.raw<{ value: ServiceMeta }>(
    "SELECT value FROM bench_cache WHERE key = 'service'",
  );
  if (row?.value.ready) return row.value;
  const tenantId = meta.main.id;
  const t = performance.now();
  await bench.raw(
    `UPDATE customers c SET last_order_at = o.at
       FROM (SELECT customer_id, max(ordered_at) AS at FROM orders WHERE tenant_id = $1 GROUP BY customer_id) o
      WHERE c.tenant_id = $1 AND c.id = o.customer_id`,
    [tenantId],
  );
  log(`最近下单 of every customer that ordered (${secs(t)})`);
  const [type] = await bench.raw<{ id: string }>(
    "SELECT id FROM dictionary_items WHERE tenant_id = $1 AND type = 'service-type' ORDER BY sort_order LIMIT 1",
    [tenantId],
  );
  if (!type) throw new Error('the bench tenant has no ticket types (start the app once)');
  await bench.raw('DELETE FROM tickets WHERE tenant_id = $1', [tenantId]);
  const [made] = await bench.raw<{ n: number }>(
    `WITH ins AS (
       INSERT INTO tickets (id, tenant_id, created_at, updated_at, created_by, version, number, type_id, title,
                            customer_id, request, priority, status, handler_id, department_id,
                            response_due_at, resolution_due_at)
       SELECT gen_random_uuid(), c.tenant_id, at, at, c.owner_id, 1, 'GDB' || replace(c.id::text, '-', ''), $2,
              '设备故障报修', c.id, '打印机卡纸，无法出纸', (ARRAY['low','normal','high','urgent'])[1 + h % 4],
              (ARRAY['new','assigned','in-progress','waiting','resolved','archived'])[1 + h % 6],
              CASE WHEN h % 4 = 0 THEN NULL ELSE c.owner_id END, c.department_id,
              at + interval '4 hours', at + interval '3 days'
         FROM (SELECT c.*, abs(hashtext(c.id::text || 'tk')) AS h,
                      now() - make_interval(secs => abs(hashtext(c.id::text || 'ta')) % (90 * 86400)) AS at
                 FROM customers c
                WHERE c.tenant_id = $1 AND c.state = 'active' AND c.deleted_at IS NULL) c
        WHERE c.h % 5 = 0
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [tenantId, type.id],
  );
  await bench.raw('VACUUM ANALYZE tickets');
  await bench.raw('ANALYZE customers');
  const state = { tickets: Number(made.n), ready: true };
  await bench.raw(
    `INSERT INTO bench_cache (key, value) VALUES ('service', $1::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [JSON.stringify(state)],
  );
  log(`${state.tickets.toLocaleString('en-US')} tickets (${secs(t)})`);
  return state;
}
