import type { DatasetMeta } from './customer-dataset.ts';
import type { BenchDatabase } from './database.ts';

/**
 * The sales of the cached customer data set (scenarios `sales` and `service`): in the main tenant,
 * 0 … 2n orders per owned active customer of 1 … 9 lines each, by its owner, and an open or closed
 * opportunity for one customer in five. Added once and kept; an interrupted build resumes.
 */

const log = (msg: string) => console.log(`  ${msg}`);
const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

export type SalesMeta = {
  ordersPerCustomer: number;
  orders: number;
  lines: number;
  opportunities: number;
  lastCustomerId: string | null;
  ready: boolean;
};

const CHUNK = 20_000;
const PRODUCTS = 500;

/** 500 products of the bench tenant (codes BP0001 …), made once. */
async function ensureProducts(bench: BenchDatabase, tenantId: string) {
  await bench.raw(
    `INSERT INTO products (id, tenant_id, code, name, list_price, cost, status, search_text)
     SELECT gen_random_uuid(), $1, 'BP' || lpad(i::text, 4, '0'), '测试产品' || i,
            (50 + (i * 37) % 9950)::numeric(18,2), (30 + (i * 23) % 5000)::numeric(18,2), 'on-sale', 'bp' || i
       FROM generate_series(1, ${PRODUCTS}) i
      WHERE NOT EXISTS (SELECT 1 FROM products WHERE tenant_id = $1 AND code = 'BP0001')`,
    [tenantId],
  );
  return bench.raw<{ id: string; code: string; name: string; price: string }>(
    `SELECT id, code, name, list_price::text AS price FROM products
      WHERE tenant_id = $1 AND code LIKE 'BP%' ORDER BY code`,
    [tenantId],
  );
}

/**
 * Orders with their lines, and opportunities, for every owned active customer of the main tenant
 * by its owner (in the owner's department), in chunks of customers committed with their progress,
 * so an interrupted build resumes.
 */
export async function ensureSales(bench: BenchDatabase, meta: DatasetMeta, perCustomer: number) {
  const tenantId = meta.main.id;
  const [row] = await bench.raw<{ value: SalesMeta }>("SELECT value FROM bench_cache WHERE key = 'sales'");
  let state = row?.value;
  if (state?.ready && state.ordersPerCustomer === perCustomer) return { state, built: false };
  if (!state || state.ordersPerCustomer !== perCustomer) {
    await bench.raw('DELETE FROM order_lines WHERE tenant_id = $1', [tenantId]);
    await bench.raw('DELETE FROM orders WHERE tenant_id = $1', [tenantId]);
    await bench.raw('DELETE FROM opportunities WHERE tenant_id = $1', [tenantId]);
    state = {
      ordersPerCustomer: perCustomer,
      orders: 0,
      lines: 0,
      opportunities: 0,
      lastCustomerId: null,
      ready: false,
    };
  }
  const products = await ensureProducts(bench, tenantId);
  const stages = await bench.raw<{ id: string; probability: string }>(
    `SELECT id, probability::text FROM opportunity_stages WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY position`,
    [tenantId],
  );
  if (!stages.length) throw new Error('the bench tenant has no opportunity stages (start the app once)');
  const end = new Date(meta.end).toISOString();
  const t = performance.now();
  for (;;) {
    const [last] = await bench.raw<{ id: string | null }>(
      `SELECT max(id::text)::uuid AS id FROM (SELECT id FROM customers
        WHERE tenant_id = $1 AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT ${CHUNK}) x`,
      [tenantId, state.lastCustomerId],
    );
    if (!last?.id) break;
    await bench.raw('BEGIN');
    try {
      const chunk = `SELECT c.id, c.tenant_id, c.owner_id, u.department_id FROM customers c
          JOIN users u ON u.id = c.owner_id
         WHERE c.tenant_id = $1 AND ($2::uuid IS NULL OR c.id > $2) AND c.id <= $3
           AND c.deleted_at IS NULL AND c.state = 'active'`;
      // 0 … 2n orders per customer at hashed times over the last 18 months, 1 … 9 lines each
      const [orders] = await bench.raw<{ orders: number; lines: number }>(
        `WITH chunk AS (${chunk}),
         o AS (
           SELECT gen_random_uuid() AS id, c.id AS customer_id, c.tenant_id, c.owner_id, c.department_id, k,
                  $4::timestamptz - make_interval(secs => abs(hashtext(c.id::text || ':' || k)) % (548 * 86400)) AS at,
                  1 + abs(hashtext(c.id::text || '#' || k)) % 9 AS nlines
             FROM chunk c
             CROSS JOIN LATERAL generate_series(1, abs(hashtext(c.id::text || 'o')) % (2 * $5::int + 1)) k),
         ins AS (
           INSERT INTO orders (id, tenant_id, created_at, updated_at, created_by, version, number, customer_id,
                               owner_id, department_id, status, ordered_at, tax_rate, subtotal, tax, total)
           SELECT id, tenant_id, at, at, owner_id, 1, 'DDB' || replace(id::text, '-', ''), customer_id, owner_id,
                  department_id, (ARRAY['new','confirmed','paid','delivered','completed','cancelled'])[1 + k % 6],
                  at, 13, 1000, 130, 1130
             FROM o
           RETURNING id),
         l AS (
           INSERT INTO order_lines (id, tenant_id, order_id, position, product_id, product_code, product_name,
                                    quantity, unit_price, discount_percent, amount)
           SELECT gen_random_uuid(), o.tenant_id, o.id, pos, ($6::uuid[])[p], ($7::text[])[p], ($8::text[])[p],
                  1 + pos, ($9::numeric[])[p], 0, ($9::numeric[])[p] * (1 + pos)
             FROM o CROSS JOIN LATERAL generate_series(1, o.nlines) pos
             CROSS JOIN LATERAL (SELECT 1 + abs(hashtext(o.id::text || pos)) % ${PRODUCTS} AS p) pick
           RETURNING 1)
         SELECT (SELECT count(*)::int FROM ins) AS orders, (SELECT count(*)::int FROM l) AS lines`,
        [
          tenantId,
          state.lastCustomerId,
          last.id,
          end,
          perCustomer,
          `{${products.map((p) => p.id).join(',')}}`,
          `{${products.map((p) => p.code).join(',')}}`,
          `{${products.map((p) => `"${p.name}"`).join(',')}}`,
          `{${products.map((p) => p.price).join(',')}}`,
        ],
      );
      // one customer in five has an opportunity: open in some stage (four in five) or won / lost
      const [opps] = await bench.raw<{ n: number }>(
        `WITH chunk AS (${chunk}),
         ins AS (
           INSERT INTO opportunities (id, tenant_id, created_at, updated_at, created_by, version, title, customer_id,
                                      expected_amount, probability, stage_id, stage_changed_at, expected_close_date,
                                      status, assignee_id, owner_id, department_id)
           SELECT gen_random_uuid(), tenant_id, at, at, owner_id, 1, '采购项目', id,
                  (1000 + abs(hashtext(id::text || 'a')) % 500000)::numeric(18,2), ($6::numeric[])[s], ($5::uuid[])[s],
                  at, (at + interval '60 days')::date,
                  (ARRAY['developing','developing','developing','developing','won','lost'])[1 + abs(hashtext(id::text || 'st')) % 6],
                  owner_id, owner_id, department_id
             FROM (SELECT c.*, 1 + abs(hashtext(c.id::text || 'sg')) % cardinality($5::uuid[]) AS s,
                          $4::timestamptz - make_interval(secs => abs(hashtext(c.id::text || 'at')) % (365 * 86400)) AS at
                     FROM chunk c WHERE abs(hashtext(c.id::text || 'op')) % 5 = 0) x
           RETURNING 1)
         SELECT count(*)::int AS n FROM ins`,
        [
          tenantId,
          state.lastCustomerId,
          last.id,
          end,
          `{${stages.map((s) => s.id).join(',')}}`,
          `{${stages.map((s) => s.probability).join(',')}}`,
        ],
      );
      state.orders += Number(orders.orders);
      state.lines += Number(orders.lines);
      state.opportunities += Number(opps.n);
      state.lastCustomerId = last.id;
      await saveState(bench, state);
      await bench.raw('COMMIT');
    } catch (err) {
      await bench.raw('ROLLBACK').catch(() => {});
      throw err;
    }
    log(
      `orders ${state.orders.toLocaleString('en-US')}, lines ${state.lines.toLocaleString('en-US')}, ` +
        `opportunities ${state.opportunities.toLocaleString('en-US')} (${secs(t)})`,
    );
  }
  for (const table of ['orders', 'order_lines', 'opportunities']) await bench.raw(`VACUUM ANALYZE ${table}`);
  state.ready = true;
  await saveState(bench, state);
  log(`sales ready in ${secs(t)}`);
  return { state, built: true };
}

const saveState = (bench: BenchDatabase, state: SalesMeta) =>
  bench.raw(
    `INSERT INTO bench_cache (key, value) VALUES ('sales', $1::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [JSON.stringify(state)],
  );
