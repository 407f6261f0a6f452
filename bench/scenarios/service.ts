/**
 * Scenario `service`: the churn job and a handler's ticket queue at scale — in the 1M-customer data
 * set with the sales of scenario `sales` (~1M orders, ~5M lines), each customer's 最近下单 set from
 * its orders and a service ticket for one customer in five, handled by its owner. Then:
 *
 *  - the nightly churn job of the tenant (the RFM risk score of every active customer, then the
 *    warnings, from the first night's state) — goal: within 3× the same set-based statements
 *    written by hand (one UPDATE of the scores, one INSERT … SELECT of the warnings: no history,
 *    notices or settings), measured side by side on the same database; the selections alone are
 *    shown for scale;
 *  - a handler's queue (`GET /tickets?view=mine`, 我的工单) and the supervisor's unassigned queue
 *    (`view=queue`) — goal p95 ≤ 15 ms;
 *
 * on PostgreSQL and PGlite. The rows are added to the cached data set once and kept.
 */
import { parseArgs } from 'node:util';
import { runChurn, scoreRisks } from '../../apps/server/src/modules/churn/service.ts';
import { startAppOn } from '../lib/cached-app.ts';
import { BENCH_PASSWORD, ensureDataset } from '../lib/customer-dataset.ts';
import { type BenchDatabase, openCachedDatabase } from '../lib/database.ts';
import { type Backend, datasetArgs, datasetOptions, intArg } from '../lib/dataset-options.ts';
import { measureReads, type Plans, type ReadFigure } from '../lib/reads.ts';
import { writeResults, writeSummary } from '../lib/results.ts';
import { ensureSales } from '../lib/sales-data.ts';
import { ensureService, type ServiceMeta } from '../lib/service-data.ts';
import { login } from '../lib/session.ts';
import { fmt, ratio, table } from '../lib/stats.ts';

export const description =
  'Service at scale (1M customers, ~5M order lines, 200k tickets): the nightly churn job, a handler’s queue';

const GOALS = { churnVsRaw: 3, queueP95Ms: 15 };

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      ...datasetArgs,
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
    },
  });
  return {
    ...datasetOptions(values),
    seconds: Math.min(intArg(values.seconds, 'seconds'), 60),
    /** Runs of the churn job (and of its raw statements), the median kept. */
    rounds: intArg(values.rounds, 'rounds'),
  };
}
type Options = ReturnType<typeof options>;

const log = (msg: string) => console.log(`  ${msg}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// ------------------------------------------------------------------ the churn job

type ChurnFigure = {
  jobMs: number;
  scoreMs: number;
  warnMs: number;
  rawWriteMs: number;
  rawSelectMs: number;
  created: number;
};

const days = (col: string) => `greatest(0, extract(epoch FROM now() - ${col}) / 86400)`;

/** Each active customer's RFM score (default weights 40/30/30), as the job computes it. */
const scores = (tenantId: string) => `
  SELECT x.id, round(40 * (0.75 * least(1, ${days('coalesce(x.last_order_at, x.owned_since, x.created_at)')} / 365.0)
      + 0.25 * least(1, ${days('coalesce(x.last_follow_up_at, x.owned_since, x.created_at)')} / 180.0))
    + 30 * (1 - percent_rank() OVER (ORDER BY coalesce(f.n, 0)))
    + 30 * (1 - percent_rank() OVER (ORDER BY coalesce(f.amount, 0))))::smallint AS score
  FROM customers x
  LEFT JOIN (SELECT customer_id, count(*) AS n, sum(total) AS amount FROM orders
              WHERE tenant_id = '${tenantId}' AND deleted_at IS NULL AND status <> 'cancelled'
                AND ordered_at >= now() - interval '12 months' GROUP BY customer_id) f ON f.customer_id = x.id
  WHERE x.tenant_id = '${tenantId}' AND x.state = 'active' AND x.deleted_at IS NULL`;

/**
 * Active customers quiet for 6 months (`withoutOpen`: and without an open record): whom the job
 * warns. The INSERT leaves the open record to ON CONFLICT, as the job does: with NOT EXISTS
 * beside it, PostgreSQL — seeing an empty churn_records — probes it by a nested loop that re-reads
 * every row the statement has inserted so far (quadratic: > 16 min at 1M, 23 s without).
 */
const candidates = (tenantId: string, withoutOpen: boolean) => `
  SELECT c.id, c.owner_id, c.department_id, coalesce(c.risk_score, 0) AS risk, c.last_order_at FROM customers c
  WHERE c.tenant_id = '${tenantId}' AND c.state = 'active' AND c.deleted_at IS NULL
    AND c.invalidated_at IS NULL AND c.churned_at IS NULL
    AND coalesce(c.last_order_at, c.owned_since, c.created_at) < now() - interval '6 months'
    ${
      withoutOpen
        ? `AND NOT EXISTS (SELECT 1 FROM churn_records r WHERE r.tenant_id = c.tenant_id AND r.customer_id = c.id
                      AND r.status IN ('warning', 'delayed'))`
        : ''
    }`;

/**
 * The job's work as a DBA would write it by hand: one UPDATE of the scores, one INSERT … SELECT of
 * the warnings (no history, no notices, no settings read) — and, for scale, the two selections alone.
 */
const rawWrites = (tenantId: string) => [
  `UPDATE customers c SET risk_score = s.score FROM (${scores(tenantId)}) s
    WHERE c.tenant_id = '${tenantId}' AND c.id = s.id AND c.risk_score IS DISTINCT FROM s.score`,
  `INSERT INTO churn_records (id, tenant_id, customer_id, status, owner_id, department_id, risk, last_order_at)
   SELECT gen_random_uuid(), '${tenantId}', k.id, 'warning', k.owner_id, k.department_id, k.risk, k.last_order_at
     FROM (${candidates(tenantId, false)}) k
   ON CONFLICT (tenant_id, customer_id) WHERE status IN ('warning', 'delayed') DO NOTHING`,
];
const rawSelects = (tenantId: string) => [
  `SELECT count(*) FROM (${scores(tenantId)}) s`,
  `SELECT count(*) FROM (${candidates(tenantId, true)}) k`,
];

/** Back to the state before a first night: no churn records or notices, no scores. */
async function reset(bench: BenchDatabase, tenantId: string) {
  await bench.raw('DELETE FROM churn_history WHERE tenant_id = $1', [tenantId]);
  await bench.raw('DELETE FROM churn_records WHERE tenant_id = $1', [tenantId]);
  await bench.raw('DELETE FROM notifications WHERE tenant_id = $1 AND kind = $2', [
    tenantId,
    'churn.warning',
  ]);
  await bench.raw('UPDATE customers SET risk_score = NULL WHERE tenant_id = $1 AND risk_score IS NOT NULL', [
    tenantId,
  ]);
  await bench.raw('VACUUM ANALYZE customers');
  // the rounds' deleted warnings would leave the indexes bloated far beyond a real night's (the
  // raw INSERT's random ids then miss the buffers on every row): each round starts compact
  await bench.raw('REINDEX TABLE churn_records');
  await bench.raw('REINDEX TABLE churn_history');
  await bench.raw('VACUUM ANALYZE churn_records');
}

async function timed(run: () => Promise<unknown>) {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

/**
 * Each round from the first night's state: the job as the nightly run does it (scoreRisks, then
 * runChurn), then the same work raw, then the selections alone; the medians.
 */
async function measureChurn(bench: BenchDatabase, tenantId: string, rounds: number): Promise<ChurnFigure> {
  const db = bench.database.db;
  const runs: ChurnFigure[] = [];
  const each = async (statements: string[]) => {
    for (const statement of statements) await bench.raw(statement);
  };
  for (let i = 0; i < rounds; i++) {
    await reset(bench, tenantId);
    const scoreMs = await timed(() => scoreRisks(db, tenantId));
    let created = 0;
    const warnMs = await timed(async () => {
      created = (await runChurn(db, tenantId, 'Asia/Shanghai')).created;
    });
    await reset(bench, tenantId);
    const rawWriteMs = await timed(() => each(rawWrites(tenantId)));
    await reset(bench, tenantId);
    const rawSelectMs = await timed(() => each(rawSelects(tenantId)));
    runs.push({ jobMs: scoreMs + warnMs, scoreMs, warnMs, rawWriteMs, rawSelectMs, created });
    log(
      `round ${i + 1}: job ${(scoreMs + warnMs).toFixed(0)} ms (score ${scoreMs.toFixed(0)}, warnings ` +
        `${warnMs.toFixed(0)}, ${created.toLocaleString('en-US')} raised), raw writes ${rawWriteMs.toFixed(0)} ms, ` +
        `raw selects ${rawSelectMs.toFixed(0)} ms`,
    );
  }
  await reset(bench, tenantId);
  const pick = (k: keyof ChurnFigure) => median(runs.map((r) => r[k]));
  return {
    jobMs: pick('jobMs'),
    scoreMs: pick('scoreMs'),
    warnMs: pick('warnMs'),
    rawWriteMs: pick('rawWriteMs'),
    rawSelectMs: pick('rawSelectMs'),
    created: pick('created'),
  };
}

// ------------------------------------------------------------------ one backend

type BackendReport = {
  backend: Backend;
  label: string;
  data: ServiceMeta;
  churn: ChurnFigure;
  mine: ReadFigure;
  queue: ReadFigure;
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
    await ensureSales(cached, meta, 1);
    const data = await ensureService(cached, meta);
    const churn = await measureChurn(cached, meta.main.id, opts.rounds);

    // the handler with the most tickets of their own, and the supervisor of the scope subtree
    const [busiest] = await cached.raw<{ username: string }>(
      `SELECT u.username FROM tickets t JOIN users u ON u.id = t.handler_id
        WHERE t.tenant_id = $1 AND t.deleted_at IS NULL GROUP BY u.username ORDER BY count(*) DESC LIMIT 1`,
      [meta.main.id],
    );
    const handler = await login(url, busiest.username, BENCH_PASSWORD, meta.main.code);
    const supervisor = await login(url, meta.scope.username, BENCH_PASSWORD, meta.main.code);
    const ms = opts.seconds * 1000;
    const mine = await measureReads(
      cached,
      `a handler’s tickets (GET /tickets?view=mine, ${busiest.username})`,
      [`${url}/api/v1/tickets?view=mine&pageSize=20`],
      handler,
      plans,
      GOALS.queueP95Ms,
      { ms, rawMs: ms },
    );
    const queue = await measureReads(
      cached,
      `the supervisor’s unassigned queue (GET /tickets?view=queue, ${meta.scope.departments} departments)`,
      [`${url}/api/v1/tickets?view=queue&pageSize=20`],
      supervisor,
      plans,
      GOALS.queueP95Ms,
      { ms, rawMs: ms },
    );
    return { backend, label: cached.backend, data, churn, mine, queue, plans };
  } finally {
    for (const s of servers.reverse()) await s.close();
    await cached.dispose();
  }
}

// ------------------------------------------------------------------ report

function report(r: BackendReport) {
  const c = r.churn;
  return [
    `${r.backend}: ${r.label} — ${r.data.tickets.toLocaleString('en-US')} tickets`,
    '',
    table(
      ['churn job (median)', 'ms'],
      [
        ['risk scores of every active customer (one UPDATE)', fmt.ms(c.scoreMs)],
        [`warnings raised (${c.created.toLocaleString('en-US')}, one INSERT … SELECT)`, fmt.ms(c.warnMs)],
        ['the job', fmt.ms(c.jobMs)],
        ['raw: the same UPDATE and INSERT … SELECT by hand', fmt.ms(c.rawWriteMs)],
        ['raw: the two selections alone (SELECT count)', fmt.ms(c.rawSelectMs)],
      ],
    ),
    '',
    table(
      ['read', 'p50 ms', 'p95 ms', 'raw p50', 'raw p95', 'stmts', 'rows'],
      [r.mine, r.queue].map((t) => [
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
    const x = ratio(r.churn.jobMs, r.churn.rawWriteMs);
    rows.push([
      `${r.backend}: the churn job ≤ ${GOALS.churnVsRaw}× the same statements by hand`,
      `${x.toFixed(2)}×`,
      x <= GOALS.churnVsRaw ? 'PASS' : 'FAIL',
    ]);
    for (const q of [r.mine, r.queue])
      rows.push([
        `${r.backend}: ${q.label.split(' (')[0]} p95 ≤ ${GOALS.queueP95Ms} ms`,
        fmt.ms(q.serial.p95),
        q.serial.p95 <= GOALS.queueP95Ms ? 'PASS' : 'FAIL',
      ]);
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
  const md = writeSummary('service', opts.size, text);
  const json = writeResults('service', {
    at: new Date().toISOString(),
    options: { ...opts, url: undefined },
    reports,
  });
  console.log(
    `\nresults: ${md}\n         ${json}\ndone in ${Math.round((performance.now() - started) / 1000)} s`,
  );
}
