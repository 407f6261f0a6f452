/**
 * Scenario `sales`: orders and the pipeline at scale — in the 1M-customer data set of the
 * `customers` scenario, 0 … 2n orders per customer (`--orders-per-customer`, n = 1) of 1 … 9
 * lines each (5 on average: ~5M order lines at 1M customers), and an open or closed opportunity
 * for one customer in five, by the customer's owner. Then, one request after the other:
 *
 *  - a customer's order history (`GET /customers/:id/orders`, the 360 page's 订单 tab) over many
 *    customers — goal p95 ≤ 15 ms;
 *  - the pipeline board's header of a supervisor (`GET /opportunities/pipeline`, scope 本部门及下属,
 *    ~10 departments) — goal: within 2× its raw GROUP BY (the statements it sent, replayed raw);
 *
 * on PostgreSQL and PGlite. The rows are added to the cached data set once and kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp, modules } from '../../apps/server/src/app.ts';
import { bootstrap } from '../../apps/server/src/bootstrap.ts';
import { testConfig } from '../../apps/server/src/config.ts';
import { BENCH_PASSWORD, type DatasetMeta, ensureDataset } from '../lib/customer-dataset.ts';
import { type BenchDatabase, openCachedDatabase } from '../lib/database.ts';
import { type Backend, datasetArgs, datasetOptions, intArg } from '../lib/dataset-options.ts';
import { measureReads, type Plans, type ReadFigure } from '../lib/reads.ts';
import { resultsDir, writeResults } from '../lib/results.ts';
import { address, login } from '../lib/session.ts';
import { fmt, ratio, table } from '../lib/stats.ts';

export const description =
  'Sales at scale (~5M order lines, 200k opportunities at 1M customers): a customer’s orders, a supervisor’s pipeline';

const GOALS = { historyP95Ms: 15, pipelineVsRaw: 2 };

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      ...datasetArgs,
      'orders-per-customer': { type: 'string', default: '1' },
      customers: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '5' },
    },
  });
  return {
    ...datasetOptions(values),
    /** Orders per customer on average (0 … 2n each). */
    ordersPerCustomer: intArg(values['orders-per-customer'], 'orders-per-customer'),
    /** Customers whose order history is read, in turn. */
    customers: intArg(values.customers, 'customers', 10),
    seconds: Math.min(intArg(values.seconds, 'seconds'), 60),
  };
}
type Options = ReturnType<typeof options>;

const log = (msg: string) => console.log(`  ${msg}`);
const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

// ------------------------------------------------------------------ data

type SalesMeta = {
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
async function ensureSales(bench: BenchDatabase, meta: DatasetMeta, perCustomer: number) {
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

// ------------------------------------------------------------------ one backend

type BackendReport = {
  backend: Backend;
  label: string;
  data: SalesMeta;
  built: boolean;
  history: ReadFigure;
  pipeline: ReadFigure;
  plans: Plans;
};

async function runBackend(backend: Backend, opts: Options): Promise<BackendReport> {
  console.log(`\n== ${backend} ==`);
  const opened = await openCachedDatabase(`customers_${opts.size}_${opts.other}`, {
    url: backend === 'postgres' ? opts.url : undefined,
    poolSize: 10,
  });
  const { cached, meta } = await ensureDataset(opened, opts);
  const servers: { close(): Promise<unknown> }[] = [];
  const plans: Plans = [];
  try {
    // the app once, so the tenant has every table, dictionary, stage and role grant of the current modules
    const config = Object.assign(testConfig({ logLevel: 'silent', webDist: '/nonexistent' }), {
      heavyReads: { inFlight: 1000, perMinute: 100_000 },
    });
    const app = await buildApp({ db: cached.database.db, config });
    await bootstrap(cached.database.db, modules, { demo: false });
    servers.push(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = address(app);
    const { state, built } = await ensureSales(cached, meta, opts.ordersPerCustomer);
    const admin = await login(url, 'admin', BENCH_PASSWORD, meta.main.code);
    const supervisor = await login(url, meta.scope.username, BENCH_PASSWORD, meta.main.code);
    const ms = opts.seconds * 1000;

    const ids = (
      await cached.raw<{ id: string }>(
        `SELECT customer_id AS id FROM orders TABLESAMPLE SYSTEM (1) WHERE tenant_id = $1
          GROUP BY customer_id LIMIT $2`,
        [meta.main.id, opts.customers],
      )
    ).map((r) => r.id);
    const history = await measureReads(
      cached,
      `order history of ${ids.length} customers (GET /customers/:id/orders)`,
      ids.map((id) => `${url}/api/v1/customers/${id}/orders?pageSize=20`),
      admin,
      plans,
      GOALS.historyP95Ms,
      { ms, rawMs: ms },
    );
    const pipeline = await measureReads(
      cached,
      `pipeline of a supervisor over ${meta.scope.departments} departments (GET /opportunities/pipeline)`,
      [`${url}/api/v1/opportunities/pipeline`],
      supervisor,
      plans,
      GOALS.historyP95Ms,
      { ms, rawMs: ms },
    );
    if (ratio(pipeline.serial.p95, pipeline.raw.p95) > GOALS.pipelineVsRaw)
      log('pipeline above its goal: see the plans below');
    return { backend, label: cached.backend, data: state, built, history, pipeline, plans };
  } finally {
    for (const s of servers.reverse()) await s.close();
    await cached.dispose();
  }
}

// ------------------------------------------------------------------ report

function report(r: BackendReport) {
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    `${r.backend}: ${r.label} — ${n(r.data.orders)} orders, ${n(r.data.lines)} order lines, ` +
      `${n(r.data.opportunities)} opportunities${r.built ? ' (built now)' : ''}`,
    '',
    table(
      ['read', 'p50 ms', 'p95 ms', 'raw p50', 'raw p95', 'stmts', 'rows'],
      [r.history, r.pipeline].map((t) => [
        t.label,
        fmt.ms(t.serial.p50),
        fmt.ms(t.serial.p95),
        fmt.ms(t.raw.p50),
        fmt.ms(t.raw.p95),
        String(t.statements),
        String(t.rows),
      ]),
    ),
  ].join('\n');
}

function goals(reports: BackendReport[]) {
  const rows: string[][] = [];
  for (const r of reports) {
    rows.push([
      `${r.backend}: a customer’s order history p95 ≤ ${GOALS.historyP95Ms} ms`,
      fmt.ms(r.history.serial.p95),
      r.history.serial.p95 <= GOALS.historyP95Ms ? 'PASS' : 'FAIL',
    ]);
    for (const at of ['p50', 'p95'] as const) {
      const x = ratio(r.pipeline.serial[at], r.pipeline.raw[at]);
      rows.push([
        `${r.backend}: a supervisor’s pipeline ≤ ${GOALS.pipelineVsRaw}× its raw GROUP BY (${at})`,
        `${x.toFixed(2)}×`,
        x <= GOALS.pipelineVsRaw ? 'PASS' : 'FAIL',
      ]);
    }
  }
  return table(['goal', 'measured', ''], rows);
}

export async function run(args: string[]): Promise<void> {
  const opts = options(args);
  const started = performance.now();
  const reports: BackendReport[] = [];
  for (const backend of opts.backends) reports.push(await runBackend(backend, opts));
  const text = [...reports.map(report), goals(reports)].join('\n\n');
  console.log(`\n${text}`);
  for (const r of reports) for (const p of r.plans) console.log(`\n${p.title}\n${p.plan}`);
  const day = new Date().toISOString().slice(0, 10);
  fs.mkdirSync(resultsDir, { recursive: true });
  const md = path.join(resultsDir, `sales-${day}-${opts.size}.md`);
  fs.writeFileSync(md, `# bench sales, ${day}\n\n\`\`\`\n${text}\n\`\`\`\n`);
  const json = writeResults('sales', {
    at: new Date().toISOString(),
    options: { ...opts, url: undefined },
    reports,
  });
  console.log(
    `\nresults: ${md}\n         ${json}\ndone in ${Math.round((performance.now() - started) / 1000)} s`,
  );
}
