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
import { parseArgs } from 'node:util';
import { startAppOn } from '../lib/cached-app.ts';
import { BENCH_PASSWORD, ensureDataset } from '../lib/customer-dataset.ts';
import { openCachedDatabase } from '../lib/database.ts';
import { type Backend, datasetArgs, datasetOptions, intArg } from '../lib/dataset-options.ts';
import { measureReads, type Plans, type ReadFigure } from '../lib/reads.ts';
import { writeResults, writeSummary } from '../lib/results.ts';
import { ensureSales, type SalesMeta } from '../lib/sales-data.ts';
import { login } from '../lib/session.ts';
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
    const { app, url } = await startAppOn(cached);
    servers.push(app);
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
  const md = writeSummary('sales', opts.size, text);
  const json = writeResults('sales', {
    at: new Date().toISOString(),
    options: { ...opts, url: undefined },
    reports,
  });
  console.log(
    `\nresults: ${md}\n         ${json}\ndone in ${Math.round((performance.now() - started) / 1000)} s`,
  );
}
