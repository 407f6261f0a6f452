/**
 * Scenario `reports`: the 16 reports of 统计分析 at scale — in the 1M-customer data set with the
 * sales of scenario `sales` (~5M order lines), the tickets of `service` and the follow-ups of
 * `follow-ups` (5M). For each report, over the last 12 months of the data, as the admin (scope
 * 全部) and as a supervisor (本部门及下属 over ~10 departments): the p95 of
 * `GET /api/v1/reports/:code` (one request after the other) beside the p95 of a hand-written raw
 * GROUP BY computing the same figure, timed on the same database handle in the same run.
 *
 * Goals (issue 16): ≤ 1× the raw GROUP BY and ≤ 300 ms p95 on PostgreSQL; ≤ 2× on PGlite. The
 * plans (EXPLAIN ANALYZE, BUFFERS) of the statements of a report that missed are printed.
 */
import { parseArgs } from 'node:util';
import { refreshCustomerRollups } from '../../apps/server/src/modules/customers/rollup-service.ts';
import { refreshFollowUpRollups } from '../../apps/server/src/modules/follow-ups/rollup-service.ts';
import { refreshOrderLineRollups } from '../../apps/server/src/modules/orders/line-rollup-service.ts';
import { refreshOrderRollups } from '../../apps/server/src/modules/orders/rollup-service.ts';
import { refreshReceivableRollups } from '../../apps/server/src/modules/receivables/rollup-service.ts';
import { startAppOn } from '../lib/cached-app.ts';
import { ensureCampaigns } from '../lib/campaigns-data.ts';
import { ensureChurn } from '../lib/churn-data.ts';
import { BENCH_PASSWORD, type DatasetMeta, ensureDataset } from '../lib/customer-dataset.ts';
import { type BenchDatabase, captureQueries, openCachedDatabase } from '../lib/database.ts';
import { type Backend, datasetArgs, datasetOptions, intArg } from '../lib/dataset-options.ts';
import { ensureFollowUps } from '../lib/follow-ups-data.ts';
import { ensureMarketingPlans } from '../lib/marketing-data.ts';
import type { Plans } from '../lib/reads.ts';
import { ensureReceivables } from '../lib/receivables-data.ts';
import { writeResults, writeSummary } from '../lib/results.ts';
import { ensureSales, type SalesMeta } from '../lib/sales-data.ts';
import { ensureService } from '../lib/service-data.ts';
import { explain, get, login, type Session } from '../lib/session.ts';
import { fmt, ratio, type Summary, table, timeLoop } from '../lib/stats.ts';
import { ensureTargets } from '../lib/targets-data.ts';

export const description =
  'The 16 reports over a year at 1M customers (5M order lines, 5M follow-ups): app p95 beside a raw GROUP BY';

const GOALS = {
  vsRaw: { postgres: 1, pglite: 2 },
  p95Ms: { postgres: 300 } as Partial<Record<Backend, number>>,
};

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      ...datasetArgs,
      'orders-per-customer': { type: 'string', default: '1' },
      // 6 on average per owned customer (~95 % of them): ≥ 5M follow-ups at 1M customers (issue 16)
      'follow-ups-per-customer': { type: 'string', default: '6' },
      seconds: { type: 'string', default: '3' },
      only: { type: 'string' },
    },
  });
  return {
    ...datasetOptions(values),
    ordersPerCustomer: intArg(values['orders-per-customer'], 'orders-per-customer'),
    followUpsPerCustomer: intArg(values['follow-ups-per-customer'], 'follow-ups-per-customer'),
    /** Seconds of requests per report and caller, and as much for its raw GROUP BY. */
    seconds: Math.min(intArg(values.seconds, 'seconds'), 60),
    /** Some reports only (codes, comma-separated). */
    only: values.only ? new Set(values.only.split(',').map((x) => x.trim())) : null,
  };
}
type Options = ReturnType<typeof options>;

const log = (msg: string) => console.log(`  ${msg}`);

// ------------------------------------------------------------------ the baselines

/**
 * The raw GROUP BY of each report's default grouping: its figures straight from the tables, the
 * period as `$2 <= at < $3` (instants; `$4` the tenant's zone for the day-dated tables, written in
 * as a literal as the supervisor's departments are: a statement binds exactly the parameters it
 * uses), `$1` the tenant; `scope(column)` adds the supervisor's departments or nothing for the admin.
 */
type Raw = (scope: (column: string) => string) => string;

const orders = (s: (c: string) => string) =>
  `orders o WHERE o.tenant_id = $1 AND o.deleted_at IS NULL AND o.status <> 'cancelled'
     AND o.ordered_at >= $2 AND o.ordered_at < $3 ${s('o.department_id')}`;
const openDeals = (s: (c: string) => string) =>
  `opportunities o JOIN opportunity_stages st ON st.id = o.stage_id
    WHERE o.tenant_id = $1 AND o.deleted_at IS NULL AND o.status IN ('unassigned', 'developing') ${s('o.department_id')}`;
const days = (column: string) =>
  `${column} >= ($2::timestamptz AT TIME ZONE $4)::date AND ${column} < ($3::timestamptz AT TIME ZONE $4)::date`;
/** A plan's or campaign's dates (days) overlap the period. */
const overlaps = (t: string) =>
  `${t}.end_date >= ($2::timestamptz AT TIME ZONE $4)::date AND ${t}.start_date < ($3::timestamptz AT TIME ZONE $4)::date`;
const campaignCost = `(SELECT coalesce(sum(x.amount), 0) FROM campaign_expenses x
  WHERE x.tenant_id = m.tenant_id AND x.campaign_id = m.id)`;

const RAW: Record<string, Raw> = {
  'customer-contribution': (s) =>
    `SELECT o.customer_id AS k, sum(o.total) AS m, count(*) FROM ${orders(s)} GROUP BY 1`,
  'customer-composition': (s) =>
    `SELECT c.level_id AS k, count(*) AS m FROM customers c
      WHERE c.tenant_id = $1 AND c.deleted_at IS NULL AND c.state = 'active'
        AND c.created_at >= $2 AND c.created_at < $3 ${s('c.department_id')} GROUP BY 1`,
  service: (s) =>
    `SELECT t.type_id AS k, count(*) AS m,
            count(*) FILTER (WHERE t.responded_at IS NOT NULL AND NOT t.response_breached),
            count(*) FILTER (WHERE t.resolved_at IS NOT NULL AND NOT t.resolution_breached),
            avg(extract(epoch FROM t.resolved_at - t.created_at) / 60)
       FROM tickets t WHERE t.tenant_id = $1 AND t.deleted_at IS NULL AND t.status <> 'merged'
        AND t.created_at >= $2 AND t.created_at < $3 ${s('t.department_id')} GROUP BY 1`,
  churn: (s) =>
    `SELECT r.reason_id AS k, count(*) AS m, count(*) FILTER (WHERE r.status = 'confirmed'),
            count(*) FILTER (WHERE r.status = 'recovered')
       FROM churn_records r WHERE r.tenant_id = $1 AND r.created_at >= $2 AND r.created_at < $3
        ${s('r.department_id')} GROUP BY 1`,
  'sales-ranking': (s) => `SELECT o.owner_id AS k, sum(o.total) AS m, count(*) FROM ${orders(s)} GROUP BY 1`,
  'product-sales': (s) =>
    `SELECT p.category_id AS k, sum(l.amount) AS m, sum(l.quantity)
       FROM (SELECT o.id FROM ${orders(s)}) o
       JOIN order_lines l ON l.tenant_id = $1 AND l.order_id = o.id
       LEFT JOIN products p ON p.id = l.product_id GROUP BY 1`,
  'top-customers': (s) =>
    `SELECT k, m FROM (SELECT o.customer_id AS k, sum(o.total) AS m FROM ${orders(s)} GROUP BY 1) x
      WHERE m >= 100000`,
  receivables: (s) =>
    `SELECT k, sum(m) AS m, sum(received), sum(overdue) FROM (
       SELECT to_char(x.due_date, 'YYYY-MM') AS k, sum(x.amount) AS m, 0 AS received,
              sum(CASE WHEN x.paid < x.amount AND x.due_date < (now() AT TIME ZONE $4)::date THEN x.amount - x.paid
                ELSE 0 END) AS overdue
         FROM payment_plans x
        WHERE x.tenant_id = $1 AND x.deleted_at IS NULL AND ${days('x.due_date')} ${s('x.department_id')} GROUP BY 1
       UNION ALL
       SELECT to_char(x.paid_at, 'YYYY-MM'), 0, sum(x.amount), 0 FROM payments x
        WHERE x.tenant_id = $1 AND x.status = 'counted' AND ${days('x.paid_at')} ${s('x.department_id')} GROUP BY 1) x
     GROUP BY 1`,
  expenses: (s) =>
    `SELECT mp.sub_type_id AS k, sum(mp.budget) AS m,
            sum(CASE WHEN mp.feedback_status = 'submitted' THEN coalesce(mp.actual_expenses, 0) ELSE 0 END)
       FROM marketing_plans mp WHERE mp.tenant_id = $1 AND mp.deleted_at IS NULL AND ${overlaps('mp')}
        ${s('mp.department_id')} GROUP BY 1
     UNION ALL
     SELECT m.channel_id, sum(coalesce(m.budget, 0)), sum(${campaignCost}) FROM campaigns m
      WHERE m.tenant_id = $1 AND m.deleted_at IS NULL AND ${overlaps('m')} ${s('m.department_id')} GROUP BY 1`,
  funnel: (s) =>
    `SELECT o.stage_id AS k, count(*) AS m, sum(o.expected_amount), sum(round(o.expected_amount * o.probability / 100, 2))
       FROM ${openDeals(s)} AND o.created_at >= $2 AND o.created_at < $3 GROUP BY 1`,
  forecast: (s) =>
    `SELECT to_char(o.expected_close_date, 'YYYY-MM') AS k, sum(round(o.expected_amount * o.probability / 100, 2)) AS m,
            sum(o.expected_amount), count(*)
       FROM ${openDeals(s)} AND ${days('o.expected_close_date')} GROUP BY 1`,
  // the actual: the orders summed once per owner, department and month, then per target over its
  // months — a person's own, a department's whole subtree's (the tenant's basis is orders)
  'target-attainment': (s) =>
    `WITH t AS (
       SELECT t.id, t.user_id, t.department_id, t.amount, t.start,
              (t.start + CASE t.period WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months'
                ELSE interval '1 year' END)::date AS stop
         FROM sales_targets t LEFT JOIN users tu ON tu.id = t.user_id
        WHERE t.tenant_id = $1 AND t.deleted_at IS NULL AND t.amount IS NOT NULL AND ${days('t.start')}
          ${s('coalesce(t.department_id, tu.department_id)')}),
     f AS (
       SELECT o.owner_id, o.department_id, date_trunc('month', o.ordered_at AT TIME ZONE $4)::date AS month,
              sum(o.total) AS amount
         FROM orders o WHERE o.tenant_id = $1 AND o.deleted_at IS NULL AND o.status <> 'cancelled'
          AND o.ordered_at >= $2 AND o.ordered_at < $3::timestamptz + interval '1 year' GROUP BY 1, 2, 3),
     own AS (
       SELECT t.id, sum(f.amount) AS amount FROM t JOIN f ON f.owner_id = t.user_id
          AND f.month >= t.start AND f.month < t.stop GROUP BY 1),
     subtree AS (
       SELECT t.id, sum(f.amount) AS amount FROM t JOIN departments td ON td.id = t.department_id
         JOIN departments fd ON fd.tenant_id = $1 AND fd.deleted_at IS NULL AND left(fd.path, length(td.path)) = td.path
         JOIN f ON f.department_id = fd.id AND f.month >= t.start AND f.month < t.stop GROUP BY 1)
     SELECT CASE WHEN t.user_id IS NULL THEN 'department' ELSE 'person' END AS k, sum(t.amount) AS m,
            sum(coalesce(own.amount, subtree.amount, 0)), count(*)
       FROM t LEFT JOIN own ON own.id = t.id LEFT JOIN subtree ON subtree.id = t.id GROUP BY 1`,
  activity: (s) =>
    `SELECT k, count(*) FILTER (WHERE kind = 1) AS m, count(*) FILTER (WHERE kind = 2),
            count(*) FILTER (WHERE kind = 3) FROM (
       SELECT f.user_id AS k, 1 AS kind FROM follow_ups f
        WHERE f.tenant_id = $1 AND f.deleted_at IS NULL AND f.occurred_at >= $2 AND f.occurred_at < $3
          ${s('u.department_id') && `AND f.user_id = ANY(ARRAY(SELECT u.id FROM users u WHERE u.tenant_id = $1 ${s('u.department_id')}))`}
       UNION ALL SELECT ci.user_id, 2 FROM check_ins ci
        WHERE ci.tenant_id = $1 AND ci.captured_at >= $2 AND ci.captured_at < $3 ${s('ci.department_id')}
       UNION ALL SELECT c.created_by, 3 FROM customers c
        WHERE c.tenant_id = $1 AND c.deleted_at IS NULL AND c.created_at >= $2 AND c.created_at < $3
          ${s('c.department_id')}) x GROUP BY 1`,
  'sales-pivot': (s) =>
    `SELECT o.department_id AS k, sum(o.total) AS m, count(*) FROM ${orders(s)} GROUP BY 1`,
  'marketing-plans': (s) =>
    `SELECT mp.department_id AS k, count(*) AS m, sum(jsonb_array_length(mp.goals)),
            count(*) FILTER (WHERE mp.feedback_status = 'submitted'),
            sum((SELECT count(*) FROM check_ins ci WHERE ci.tenant_id = $1 AND ci.plan_id = mp.id::text)),
            sum(mp.budget), sum(CASE WHEN mp.feedback_status = 'submitted' THEN coalesce(mp.actual_expenses, 0) ELSE 0 END),
            count(*) FILTER (WHERE mp.feedback_status = 'submitted' AND mp.attainment IS NOT NULL),
            sum(CASE WHEN mp.feedback_status = 'submitted' THEN coalesce(mp.attainment, 0) ELSE 0 END)
       FROM marketing_plans mp
      WHERE mp.tenant_id = $1 AND mp.deleted_at IS NULL AND ${overlaps('mp')} ${s('mp.department_id')} GROUP BY 1`,
  'campaign-roi': (s) =>
    `SELECT m.id AS k, ${campaignCost} AS m, l.leads, l.customers, w.won, 1 AS campaigns FROM campaigns m
       CROSS JOIN LATERAL (SELECT count(*) AS leads, count(DISTINCT l.customer_id) AS customers FROM leads l
                            WHERE l.tenant_id = $1 AND l.deleted_at IS NULL AND l.campaign_id = m.id) l
       CROSS JOIN LATERAL (SELECT sum(o.expected_amount) AS won FROM opportunities o
                            WHERE o.tenant_id = $1 AND o.deleted_at IS NULL AND o.status = 'won' AND o.campaign_id = m.id) w
      WHERE m.tenant_id = $1 AND m.deleted_at IS NULL AND ${overlaps('m')} ${s('m.department_id')}`,
};

/** The report's first measure over every group, as the app totals it: to check the raw computes the same. */
const sumOf = (rows: { m?: unknown }[]) => rows.reduce((t, r) => t + Number(r.m ?? 0), 0);

// ------------------------------------------------------------------ one backend

type Figure = {
  code: string;
  caller: 'admin' | 'supervisor';
  app: Summary;
  raw: Summary;
  statements: number;
  rows: number;
  /** The first measure's total: the app's, the raw GROUP BY's. */
  appTotal: number;
  rawTotal: number;
};

type BackendReport = {
  backend: Backend;
  label: string;
  period: { from: string; to: string };
  data: { orders: number; lines: number; followUps: number; tickets: number } & ReportData;
  rollups: Awaited<ReturnType<typeof refreshRollups>>;
  figures: Figure[];
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
    const sales = await ensureSales(cached, meta, opts.ordersPerCustomer);
    const service = await ensureService(cached, meta);
    const followUps = await ensureFollowUps(cached, meta, opts.followUpsPerCustomer);
    const more = await ensureReportData(cached, meta, sales.state);
    await grantSupervisor(cached, meta);
    // the rollups' jobs, as they run in the app: the first refresh (every month), then one with nothing written
    const rollups = await refreshRollups(cached, meta);
    const admin = await login(url, 'admin', BENCH_PASSWORD, meta.main.code);
    const supervisor = await login(url, meta.scope.username, BENCH_PASSWORD, meta.main.code);
    // the last 12 months of the data: the data set ends at the build day's midnight (UTC)
    const end = new Date(meta.end);
    const to = new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10);
    const from = new Date(end.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
    const [tenant] = await cached.raw<{ tz: string }>('SELECT timezone AS tz FROM tenants WHERE id = $1', [
      meta.main.id,
    ]);
    const tz = tenant.tz;
    // the period's instants as the app computes them (the first day's midnight to the one after the last, in the zone)
    const [edges] = await cached.raw<{ a: string; b: string }>(
      `SELECT ($1::date::timestamp AT TIME ZONE $3)::text AS a, (($2::date + 1)::timestamp AT TIME ZONE $3)::text AS b`,
      [from, to, tz],
    );
    const subtree = (
      await cached.raw<{ id: string }>(
        `WITH RECURSIVE t AS (SELECT id FROM departments WHERE id = $1
           UNION ALL SELECT d.id FROM departments d JOIN t ON d.parent_id = t.id WHERE d.deleted_at IS NULL)
         SELECT id FROM t`,
        [meta.scope.departmentId],
      )
    ).map((r) => r.id);
    log(
      `period ${from} … ${to} (${tz}); the supervisor ${meta.scope.username} sees ${subtree.length} departments`,
    );
    const callers = [
      { caller: 'admin' as const, session: admin, scope: () => '' },
      {
        caller: 'supervisor' as const,
        session: supervisor,
        scope: (column: string) => `AND ${column} = ANY('{${subtree.join(',')}}'::uuid[])`,
      },
    ];
    const figures: Figure[] = [];
    const ms = opts.seconds * 1000;
    for (const code of Object.keys(RAW)) {
      if (opts.only && !opts.only.has(code)) continue;
      for (const c of callers) {
        const target = `${url}/api/v1/reports/${code}?range=custom&from=${from}&to=${to}`;
        const figure = await measureReport(cached, code, c.caller, target, c.session, {
          text: RAW[code](c.scope).replaceAll('$4', `'${tz.replaceAll("'", "''")}'`),
          params: [meta.main.id, edges.a, edges.b],
          ms,
        });
        figures.push(figure);
        const goal = GOALS.p95Ms[backend];
        const slow =
          figure.app.p95 > ratio(figure.raw.p95, 1) * GOALS.vsRaw[backend] || (goal && figure.app.p95 > goal);
        if (slow) await explainReport(cached, `${backend} ${code} (${c.caller})`, target, c.session, plans);
      }
    }
    return {
      backend,
      label: cached.backend,
      period: { from, to },
      data: {
        orders: sales.state.orders,
        lines: sales.state.lines,
        followUps: followUps.state.count,
        tickets: service.tickets,
        ...more,
      },
      rollups,
      figures,
      plans,
    };
  } finally {
    for (const s of servers.reverse()) await s.close();
    await cached.dispose();
  }
}

/**
 * The data only the reports read — churn records, receivables, marketing plans, campaigns with
 * their leads, sales targets — each added once (lib/*-data.ts), after the sales and tickets
 * they build on.
 */
async function ensureReportData(bench: BenchDatabase, meta: DatasetMeta, sales: SalesMeta) {
  const churn = await ensureChurn(bench, meta);
  const receivables = await ensureReceivables(bench, meta, sales);
  const plans = await ensureMarketingPlans(bench, meta);
  const campaigns = await ensureCampaigns(bench, meta, sales);
  const targets = await ensureTargets(bench, meta, sales);
  return {
    churnRecords: churn.records,
    paymentPlans: receivables.plans,
    payments: receivables.payments,
    marketingPlans: plans.plans,
    campaigns: campaigns.campaigns,
    leads: campaigns.leads,
    targets: targets.people + targets.departments,
  };
}
type ReportData = Awaited<ReturnType<typeof ensureReportData>>;

/** The monthly rollups brought up to date (all months the first time), then refreshed again with nothing written. */
async function refreshRollups(bench: BenchDatabase, meta: DatasetMeta) {
  const one = async (
    name: string,
    table: string,
    refresh: (db: typeof bench.database.db, tenantId: string) => Promise<number>,
  ) => {
    let t = performance.now();
    const months = await refresh(bench.database.db, meta.main.id);
    const refreshMs = performance.now() - t;
    t = performance.now();
    await refresh(bench.database.db, meta.main.id);
    const nothingWrittenMs = performance.now() - t;
    const [{ n }] = await bench.raw<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`,
      [meta.main.id],
    );
    log(
      `${name}: ${months} months refreshed in ${fmt.ms(refreshMs)} ms (${n.toLocaleString('en-US')} rows), ` +
        `again with nothing written in ${fmt.ms(nothingWrittenMs)} ms`,
    );
    return { name, months, rows: n, refreshMs, nothingWrittenMs };
  };
  return [
    await one("orders' monthly rollup", 'order_month_rollups', refreshOrderRollups),
    await one("order lines' monthly rollup", 'order_line_month_rollups', refreshOrderLineRollups),
    await one("follow-ups' monthly rollup", 'follow_up_month_rollups', refreshFollowUpRollups),
    await one("customers' monthly rollup", 'customer_month_rollups', refreshCustomerRollups),
    await one("receivables' monthly rollup", 'receivable_month_rollups', refreshReceivableRollups),
  ];
}

/** The supervisor's role gets every report (the seeded role lacks a few) and reads follow-ups by its subtree. */
async function grantSupervisor(bench: BenchDatabase, meta: DatasetMeta) {
  const codes = Object.keys(RAW).map((c) => `reports:${c}`);
  await bench.raw(
    `UPDATE roles SET permissions = ARRAY(SELECT DISTINCT x FROM unnest(permissions || $2::text[]) x ORDER BY 1),
            data_scopes = data_scopes || '{"follow-ups": "department_and_children"}'::jsonb
      WHERE tenant_id = $1 AND code = 'sales_supervisor'`,
    [meta.main.id, `{${codes.join(',')}}`],
  );
}

async function measureReport(
  bench: BenchDatabase,
  code: string,
  caller: Figure['caller'],
  url: string,
  s: Session,
  raw: { text: string; params: unknown[]; ms: number },
): Promise<Figure> {
  const headers = { cookie: s.cookie };
  const res = await get(url, headers);
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as {
    rows: unknown[];
    totals: Record<string, unknown>;
    columns: { key: string; kind: string }[];
  };
  const first = body.columns.find((c) => c.kind === 'measure')?.key;
  const statements = (
    await captureQueries(bench, () => get(url, headers).then((r) => r.arrayBuffer()))
  ).filter((x) => !/\bsessions\b/.test(x.text)).length;
  const app = await timeLoop(() => get(url, headers).then((r) => r.arrayBuffer()), raw.ms);
  const rawRows = await bench.raw<{ m?: unknown }>(raw.text, raw.params);
  const rawTime = await timeLoop(() => bench.raw(raw.text, raw.params), raw.ms);
  const figure: Figure = {
    code,
    caller,
    app,
    raw: rawTime,
    statements,
    rows: body.rows.length,
    appTotal: first ? Number(body.totals[first] ?? 0) : Number.NaN,
    rawTotal: sumOf(rawRows),
  };
  log(
    `${code} (${caller}): ${fmt.ms(app.p50)}/${fmt.ms(app.p95)} ms p50/p95 (raw ${fmt.ms(rawTime.p50)}/${fmt.ms(rawTime.p95)}), ` +
      `${statements} statements, ${body.rows.length} rows`,
  );
  return figure;
}

/** EXPLAIN (ANALYZE, BUFFERS) of every statement the report sent (the session look-up left out). */
async function explainReport(bench: BenchDatabase, title: string, url: string, s: Session, plans: Plans) {
  const statements = (
    await captureQueries(bench, () => get(url, { cookie: s.cookie }).then((r) => r.arrayBuffer()))
  ).filter((x) => !/\bsessions\b/.test(x.text));
  for (const st of statements) plans.push({ title: `${title}: statement`, plan: await explain(bench, st) });
}

// ------------------------------------------------------------------ report

const verdict = (r: BackendReport, f: Figure) => {
  const x = ratio(f.app.p95, f.raw.p95);
  const limit = GOALS.p95Ms[r.backend];
  return x <= GOALS.vsRaw[r.backend] && (!limit || f.app.p95 <= limit) ? 'PASS' : 'FAIL';
};

/** The totals agree to the cent (money) or exactly (counts); a report whose raw sums another measure says so. */
const same = (f: Figure) =>
  !Number.isFinite(f.appTotal) ? '–' : Math.abs(f.appTotal - f.rawTotal) < 0.005 ? '=' : '≠';

function report(r: BackendReport) {
  const n = (x: number) => x.toLocaleString('en-US');
  const limit = GOALS.p95Ms[r.backend];
  return [
    `${r.backend}: ${r.label} — ${n(r.data.orders)} orders, ${n(r.data.lines)} order lines, ` +
      `${n(r.data.followUps)} follow-ups, ${n(r.data.tickets)} tickets, ${n(r.data.churnRecords)} churn records, ` +
      `${n(r.data.paymentPlans)} payment plans, ${n(r.data.payments)} payments, ${n(r.data.marketingPlans)} marketing plans, ` +
      `${n(r.data.campaigns)} campaigns, ${n(r.data.leads)} leads, ${n(r.data.targets)} targets; ` +
      `period ${r.period.from} … ${r.period.to}`,
    ...r.rollups.map(
      (x) =>
        `${x.name}: ${n(x.rows)} rows; refresh of ${x.months} months ${fmt.ms(x.refreshMs)} ms, ` +
        `with nothing written ${fmt.ms(x.nothingWrittenMs)} ms`,
    ),
    `goal: app p95 ≤ ${GOALS.vsRaw[r.backend]}× the raw GROUP BY's p95${limit ? ` and ≤ ${limit} ms` : ''}`,
    '',
    table(
      ['report', 'scope', 'app p50', 'app p95', 'raw p50', 'raw p95', 'ratio', 'stmts', 'rows', 'total', ''],
      r.figures.map((f) => [
        f.code,
        f.caller === 'admin' ? '全部' : '本部门及下属',
        fmt.ms(f.app.p50),
        fmt.ms(f.app.p95),
        fmt.ms(f.raw.p50),
        fmt.ms(f.raw.p95),
        `${ratio(f.app.p95, f.raw.p95).toFixed(2)}×`,
        String(f.statements),
        String(f.rows),
        same(f),
        verdict(r, f),
      ]),
    ),
  ].join('\n');
}

export async function run(args: string[]): Promise<void> {
  const opts = options(args);
  const started = performance.now();
  const reports: BackendReport[] = [];
  for (const backend of opts.backends) reports.push(await runBackend(backend, opts));
  const failed = reports.flatMap((r) => r.figures.filter((f) => verdict(r, f) === 'FAIL'));
  const text = [
    ...reports.map(report),
    `total: = the app's first measure equals the raw GROUP BY's (≠: it differs, e.g. a scope wider than departments)`,
    `${failed.length} of ${reports.reduce((t, r) => t + r.figures.length, 0)} missed their goal`,
  ].join('\n\n');
  console.log(`\n${text}`);
  for (const r of reports) for (const p of r.plans) console.log(`\n${p.title}\n${p.plan}`);
  const md = writeSummary('reports', opts.size, text);
  const json = writeResults('reports', {
    at: new Date().toISOString(),
    options: { ...opts, url: undefined, only: opts.only ? [...opts.only] : null },
    reports,
  });
  console.log(
    `\nresults: ${md}\n         ${json}\ndone in ${Math.round((performance.now() - started) / 1000)} s`,
  );
}
