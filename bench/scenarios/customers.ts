/**
 * Scenario `customers`: the customer list, quick search and import at scale (1M customers,
 * 2M contacts in one tenant, 100k in another), on PostgreSQL and PGlite side by side, each figure
 * next to its baseline measured in the same run:
 *
 *  - list pages over HTTP through the app vs a bare Fastify route running the very statements the
 *    app sent (captured at the driver) vs those statements raw from Node;
 *  - quick search (1–4 Chinese characters from real seeded names, 2 and 4 pinyin initials)
 *    through the repository's list query and over HTTP;
 *  - import throughput (lib/customer-import.ts) vs COPY into the same indexed table.
 *
 * The data set is cached between runs (lib/customer-dataset.ts): PGlite in bench/.data/, and on
 * PostgreSQL a database `guanxi_customers_<size>_<other>` left on the server.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { customerListQuery } from '@guanxi/contract';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/server/src/app.ts';
import { testConfig } from '../../apps/server/src/config.ts';
import type { Db } from '../../apps/server/src/db/client.ts';
import { listCustomers } from '../../apps/server/src/modules/customers/repository.ts';
import { toPrincipal } from '../../apps/server/src/platform/auth/hook.ts';
import type { Principal } from '../../apps/server/src/platform/auth/principal.ts';
import { findSessionPrincipal } from '../../apps/server/src/platform/auth/principal-repository.ts';
import { EXACT_COUNT_LIMIT } from '../../apps/server/src/platform/pagination.ts';
import { rng } from '../../apps/server/src/platform/random.ts';
import { blocksOf, generateBlock } from '../generators/customers.ts';
import { BENCH_PASSWORD, type DatasetMeta, ensureDataset, segmentFor } from '../lib/customer-dataset.ts';
import { type ImportResult, measureImport } from '../lib/customer-import.ts';
import { captureQueries, openCachedDatabase, type Statement } from '../lib/database.ts';
import { type Backend, datasetArgs, datasetOptions, intArg } from '../lib/dataset-options.ts';
import { type LoadResult, measureHttp } from '../lib/load.ts';
import { resultsDir, writeResults } from '../lib/results.ts';
import { type SweepCaller, sweepCallers } from '../lib/scope-sweep.ts';
import { address, explain, get, runStatements, login as signIn } from '../lib/session.ts';
import { fmt, percentile, ratio, type Summary, summarise, table, timeLoop } from '../lib/stats.ts';

export const description =
  'Customers at scale: list pages, quick search and import over 1M customers, PostgreSQL and PGlite side by side';

const GOALS = {
  listP95Ms: 15,
  listVsBare: 0.5,
  searchP95Ms: { postgres: 50, pglite: 100 },
  /** No term of a search set slower than this on PostgreSQL (PGlite: reported). */
  searchMaxMs: 100,
  pinyinP95Ms: 20,
  importVsCopy: 0.3,
};

type Options = ReturnType<typeof options>;

const PARTS = ['list', 'sweep', 'search', 'import'] as const;
type Part = (typeof PARTS)[number];

function parts(only: string, skipImport: boolean) {
  const chosen = new Set(only.split(',').map((x) => x.trim()) as Part[]);
  for (const x of chosen) if (!PARTS.includes(x)) throw new Error(`--only: unknown part ${x}`);
  if (skipImport) chosen.delete('import');
  return chosen;
}

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      ...datasetArgs,
      seconds: { type: 'string' },
      connections: { type: 'string', default: '10' },
      queries: { type: 'string' },
      'import-rows': { type: 'string' },
      rebuild: { type: 'boolean', default: false },
      'skip-import': { type: 'boolean', default: false },
      only: { type: 'string', default: 'list,sweep,search,import' },
      'search-budget': { type: 'string', default: '30' },
      'build-only': { type: 'boolean', default: false },
    },
  });
  const dataset = datasetOptions(values);
  const { size } = dataset;
  const connections = intArg(values.connections, 'connections');
  if (connections > 20) throw new Error('--connections: at most 20 (keep the machine usable)');
  return {
    ...dataset,
    // a smoke run (small --size) measures less, to stay within a couple of minutes
    seconds: Math.min(intArg(values.seconds ?? (size >= 500_000 ? '5' : '3'), 'seconds'), 30),
    connections,
    queries: intArg(values.queries ?? (size >= 500_000 ? '200' : '40'), 'queries', 10),
    importRows:
      values['import-rows'] === undefined
        ? Math.min(100_000, size)
        : intArg(values['import-rows'], 'import-rows', 500),
    /** Which parts to measure (`--only list,sweep,search,import`; `--skip-import` drops the import). */
    parts: parts(values.only, values['skip-import']),
    /** Build (or finish) the cached data sets and stop. */
    buildOnly: values['build-only'],
    /** Seconds the first pass of one search kind may take (then fewer terms are measured). */
    searchBudgetMs: intArg(values['search-budget'], 'search-budget') * 1000,
    rebuild: values.rebuild,
  };
}

const log = (msg: string) => console.log(`  ${msg}`);
const login = (url: string, username: string, tenant: string) =>
  signIn(url, username, BENCH_PASSWORD, tenant);

// ------------------------------------------------------------------ results

type ListFigure = {
  key: string;
  who: string;
  page: number;
  /** How the page is reached: page 1, the next page by cursor (keyset), or a jump by page number (OFFSET). */
  how: 'first' | 'next' | 'jump';
  total: number;
  totalIsEstimate: boolean;
  /** Rows the caller really sees (counted once, for the report). */
  actual: number;
  statements: number;
  countedExactly: boolean;
  /** One request at a time over HTTP: the page's latency. */
  serial: Summary;
  /** Under load: `connections` concurrent clients against the app, and against the bare route. */
  app: LoadResult;
  bare: LoadResult;
  raw: Summary;
};
/** One request of the scope sweep: page 1 or the next page by its cursor, one at a time. */
type SweepRequest = {
  serial: Summary;
  /** The statements the request sent, raw from Node one after the other (the database's share). */
  raw: Summary;
  total: number;
  totalIsEstimate: boolean;
  statements: number;
  /** Whether the request sent a count (exact, or up to the cap) besides the page. */
  counted: boolean;
};
type SweepFigure = {
  caller: SweepCaller;
  /** What the caller really sees (the API with exactTotal=true). */
  actual: number;
  first: SweepRequest;
  next: SweepRequest | null;
};
type SearchFigure = {
  kind: string;
  label: string;
  queries: number;
  adminRepo: Summary;
  scopedRepo: Summary;
  http: Summary;
  /** Median number of matches (first page) and how many queries were answered with an estimate. */
  medianTotal: number;
  estimated: number;
  /** The slowest term of the set (admin, repository): its time is the set's maximum. */
  slowest: { q: string; ms: number };
  /** The slowest term of the set as the scoped caller, and over HTTP (admin). */
  slowestScoped: { q: string; ms: number };
  slowestHttp: { q: string; ms: number };
};
type BackendReport = {
  backend: Backend;
  label: string;
  dataset: { built: boolean; seconds: number; meta: DatasetMeta; sizeMb: number | null };
  list: ListFigure[];
  sweep: SweepFigure[];
  search: SearchFigure[];
  import?: ImportResult;
  plans: { title: string; plan: string }[];
};

// ------------------------------------------------------------------ helpers

async function principalOf(db: Db, token: string): Promise<Principal> {
  const row = await findSessionPrincipal(db, createHash('sha256').update(token).digest('hex'));
  if (!row) throw new Error('session not found');
  return toPrincipal(row, 'session');
}

/** Times `fn` over `items` one at a time; stops early once `budgetMs` is spent (slow queries at 1M). */
async function timeEach<T>(
  items: T[],
  fn: (item: T) => Promise<unknown>,
  budgetMs = Number.POSITIVE_INFINITY,
) {
  const ms: number[] = [];
  const start = performance.now();
  for (const item of items) {
    const t = performance.now();
    await fn(item);
    ms.push(performance.now() - t);
    if (performance.now() - start > budgetMs) break;
  }
  return { summary: summarise(ms, (performance.now() - start) / 1000), ms };
}

// ------------------------------------------------------------------ queries from real names

const han = /^\p{Script=Han}+$/u;

/**
 * Search terms taken from the seeded names (re-generated from the same seeds, so both backends
 * get the same terms): substrings of 1–4 Chinese characters of the name without its company
 * form, and 2 or 4 consecutive pinyin initials.
 */
async function searchTerms(db: Db, meta: DatasetMeta, perKind: number) {
  const seg = await segmentFor(
    db,
    meta.main.id,
    { count: meta.size, seed: 1, serialBase: 0, contactSerialBase: 20_000_000 },
    meta.end,
  );
  const blocks = blocksOf(seg);
  const picks = Math.min(blocks, 20);
  const names: { key: string; initials: string }[] = [];
  for (let k = 0; k < picks; k++) {
    const { customers } = generateBlock(seg, Math.floor((k * blocks) / picks));
    for (const c of customers)
      if (c.state === 'active') names.push({ key: c.nameKey!, initials: c.pinyin!.split(' ')[0] });
  }
  const r = rng(42);
  const kinds = [
    { kind: 'zh1', label: '1 Chinese character', n: 1, py: false },
    { kind: 'zh2', label: '2 Chinese characters', n: 2, py: false },
    { kind: 'zh3', label: '3 Chinese characters', n: 3, py: false },
    { kind: 'zh4', label: '4 Chinese characters', n: 4, py: false },
    { kind: 'py2', label: '2 pinyin initials', n: 2, py: true },
    { kind: 'py4', label: '4 pinyin initials', n: 4, py: true },
  ];
  return kinds.map((k) => {
    const terms: string[] = [];
    for (let guard = 0; terms.length < perKind && guard < perKind * 50; guard++) {
      const name = r.pick(names);
      const source = k.py ? name.initials : name.key;
      const chars = [...source];
      if (chars.length < k.n) continue;
      const at = r.int(chars.length - k.n + 1);
      const term = chars.slice(at, at + k.n).join('');
      if (k.py ? /^[a-z]+$/.test(term) : han.test(term)) terms.push(term);
    }
    return { ...k, terms };
  });
}

// ------------------------------------------------------------------ one backend

async function runBackend(backend: Backend, opts: Options): Promise<BackendReport> {
  console.log(`\n== ${backend} ==`);
  const name = `customers_${opts.size}_${opts.other}`;
  const t0 = performance.now();
  const opened = await openCachedDatabase(name, {
    url: backend === 'postgres' ? opts.url : undefined,
    poolSize: opts.connections,
  });
  const { cached, meta, built } = await ensureDataset(opened, opts, opts.rebuild);
  const datasetSeconds = (performance.now() - t0) / 1000;
  log(`${cached.backend}: data set ${built ? 'built' : 'reused'} in ${datasetSeconds.toFixed(1)} s`);
  if (opts.buildOnly) {
    await cached.dispose();
    return {
      backend,
      label: cached.backend,
      dataset: { built, seconds: datasetSeconds, meta, sizeMb: null },
      list: [],
      sweep: [],
      search: [],
      plans: [],
    };
  }
  const db = cached.database.db;
  const servers: FastifyInstance[] = [];
  const plans: BackendReport['plans'] = [];
  try {
    const [size] = await cached.raw<{ mb: number }>(
      `SELECT (pg_total_relation_size('customers') + pg_total_relation_size('contacts')) / 1048576 AS mb`,
    );

    // ---- the app, the two callers, their principals ----
    // the per-user throttle of heavy reads (searches, exact totals) is not what is measured here
    const config = Object.assign(testConfig({ logLevel: 'silent', webDist: '/nonexistent' }), {
      heavyReads: { inFlight: 1000, perMinute: 100_000 },
    });
    const app = await buildApp({ db, config });
    servers.push(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const appUrl = address(app);
    const admin = await login(appUrl, 'admin', meta.main.code);
    const scoped = await login(appUrl, meta.scope.username, meta.main.code);
    const callers = {
      admin: { ...admin, p: await principalOf(db, admin.token), label: 'admin (scope all)' },
      scoped: {
        ...scoped,
        p: await principalOf(db, scoped.token),
        label: `supervisor (department_and_children, ${meta.scope.departments} departments)`,
      },
    };
    const timeZone = callers.admin.p.profile.tenant.timezone;

    // ---- how many customers each caller really sees (once, exactly) ----
    const actual = {
      admin: Number(
        (
          await cached.raw<{ n: number }>(
            `SELECT count(*)::int8 AS n FROM customers WHERE tenant_id = $1 AND state = 'active' AND deleted_at IS NULL`,
            [meta.main.id],
          )
        )[0].n,
      ),
      scoped: Number(
        (
          await cached.raw<{ n: number }>(
            `SELECT count(*)::int8 AS n FROM customers c JOIN departments d ON d.id = c.department_id
             WHERE c.tenant_id = $1 AND c.state = 'active' AND c.deleted_at IS NULL
               AND d.path LIKE (SELECT path FROM departments WHERE id = $2) || '%'`,
            [meta.main.id, meta.scope.departmentId],
          )
        )[0].n,
      ),
    };

    // ---- list targets per caller: page 1, a deep page reached by 下一页 (the cursor of the page
    // before it) and the same page by a jump (OFFSET); the statements the app sends ----
    const bare = Fastify();
    servers.push(bare);
    const targets: {
      key: string;
      who: keyof typeof callers;
      page: number;
      how: ListFigure['how'];
      url: string;
      statements: Statement[];
      total: number;
      totalIsEstimate: boolean;
    }[] = [];
    for (const who of opts.parts.has('list') ? (['admin', 'scoped'] as const) : []) {
      const deep = Math.max(2, Math.min(500, Math.floor(actual[who] / 20) - 1));
      const headers = { cookie: callers[who].cookie };
      const pageUrl = (page: number) => `${appUrl}/api/v1/customers?page=${page}&pageSize=20`;
      const before = (await (await get(pageUrl(deep - 1), headers)).json()) as { nextCursor?: string };
      if (!before.nextCursor) throw new Error(`page ${deep - 1} of ${who} has no nextCursor`);
      const kinds = [
        { how: 'first' as const, page: 1, url: pageUrl(1) },
        { how: 'next' as const, page: deep, url: `${pageUrl(deep)}&cursor=${before.nextCursor}` },
        { how: 'jump' as const, page: deep, url: pageUrl(deep) },
      ];
      for (const { how, page, url } of kinds) {
        const first = await get(url, headers);
        if (first.status !== 200) throw new Error(`${url}: ${first.status} ${await first.text()}`);
        const body = (await first.json()) as { total: number; totalIsEstimate: boolean; data: unknown[] };
        const statements = (
          await captureQueries(cached, () => get(url, headers).then((r) => r.arrayBuffer()))
        ).filter((s) => !/\bsessions\b/.test(s.text));
        const key = `${who}-${how === 'first' ? 'p1' : `p${page}-${how}`}`;
        targets.push({
          key,
          who,
          page,
          how,
          url,
          statements,
          total: body.total,
          totalIsEstimate: body.totalIsEstimate,
        });
        bare.get(`/list/${key}`, async () => ({ data: await runStatements(cached, statements) }));
      }
    }
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const bareUrl = address(bare);

    const list: ListFigure[] = [];
    for (const target of targets) {
      const headers = { cookie: callers[target.who].cookie };
      const load = (url: string) =>
        measureHttp({ url, headers, connections: opts.connections, seconds: opts.seconds, warmupSeconds: 1 });
      const serial = await timeLoop(() => get(target.url, headers).then((r) => r.arrayBuffer()), 3000);
      const appLoad = await load(target.url);
      const bareLoad = await load(`${bareUrl}/list/${target.key}`);
      const raw = await timeLoop(() => runStatements(cached, target.statements), 2000);
      // an unbounded count (a count up to the exact limit reads at most that many rows)
      const countedExactly = target.statements.some(
        (s) => /\bcount\(/i.test(s.text) && !/\bLIMIT\b/i.test(s.text),
      );
      list.push({
        key: target.key,
        who: callers[target.who].label,
        page: target.page,
        how: target.how,
        total: target.total,
        totalIsEstimate: target.totalIsEstimate,
        actual: actual[target.who],
        statements: target.statements.length,
        countedExactly,
        serial,
        app: appLoad,
        bare: bareLoad,
        raw,
      });
      log(
        `list ${target.key}: one at a time p50/p95 ${fmt.ms(serial.p50)}/${fmt.ms(serial.p95)} ms · ` +
          `under load app ${fmt.rate(appLoad.reqPerSec)} req/s p95 ${fmt.ms(appLoad.p95)} ms · ` +
          `bare ${fmt.rate(bareLoad.reqPerSec)} req/s · raw p95 ${fmt.ms(raw.p95)} ms · total ${target.total}` +
          `${target.totalIsEstimate ? ' (estimate)' : ' (exact)'}`,
      );
      if (serial.p95 > GOALS.listP95Ms) {
        plans.push({
          title: `list ${target.key}: the page statement as the app sends it`,
          plan: await explain(cached, target.statements[0]),
        });
      }
    }

    // ---- scope sweep: page 1 and 下一页 for callers who see ~100 … all customers ----
    const sweep: SweepFigure[] = [];
    if (opts.parts.has('sweep')) {
      const chosen = await sweepCallers(cached.raw, meta);
      for (const caller of chosen) {
        const session = await login(appUrl, caller.username, caller.tenant);
        const headers = { cookie: session.cookie };
        const base = `${appUrl}/api/v1/customers?pageSize=20`;
        const exact = (await (await get(`${base}&exactTotal=true`, headers)).json()) as { total: number };
        const measure = async (url: string): Promise<SweepRequest & { nextCursor?: string }> => {
          const res = await get(url, headers);
          if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
          const body = (await res.json()) as { total: number; totalIsEstimate: boolean; nextCursor?: string };
          const statements = (
            await captureQueries(cached, () => get(url, headers).then((r) => r.arrayBuffer()))
          ).filter((s) => !/\bsessions\b/.test(s.text));
          const serial = await timeLoop(() => get(url, headers).then((r) => r.arrayBuffer()), 2000);
          const raw = await timeLoop(() => runStatements(cached, statements), 1000);
          return {
            serial,
            raw,
            total: body.total,
            totalIsEstimate: body.totalIsEstimate,
            statements: statements.length,
            counted: statements.some((s) => /\bcount\(/i.test(s.text)),
            nextCursor: body.nextCursor,
          };
        };
        const { nextCursor, ...first } = await measure(base);
        const next = nextCursor
          ? await measure(`${base}&page=2&cursor=${encodeURIComponent(nextCursor)}`)
          : null;
        const figure: SweepFigure = {
          caller,
          actual: exact.total,
          first,
          next: next && (({ nextCursor: _, ...rest }) => rest)(next),
        };
        sweep.push(figure);
        const show = (r: SweepRequest) =>
          `${fmt.ms(r.serial.p50)}/${fmt.ms(r.serial.p95)} ms (total ${r.total.toLocaleString('en-US')}${r.totalIsEstimate ? ' ≈' : ''})`;
        log(
          `sweep ${sweepLabel(caller)}: ${caller.tenant}/${caller.username} (${caller.scope}) sees ${exact.total.toLocaleString('en-US')} · ` +
            `page 1 ${show(first)} · next ${next ? show(next) : '–'}`,
        );
        for (const [how, r] of [
          ['page 1', first],
          ['next', next],
        ] as const) {
          if (r && r.serial.p95 > GOALS.listP95Ms) {
            const url = how === 'page 1' ? base : `${base}&page=2&cursor=${encodeURIComponent(nextCursor!)}`;
            const statements = (
              await captureQueries(cached, () => get(url, headers).then((x) => x.arrayBuffer()))
            ).filter((s) => !/\bsessions\b/.test(s.text));
            for (const s of statements)
              plans.push({
                title: `sweep ${sweepLabel(caller)} ${how} (${fmt.ms(r.serial.p95)} ms p95): statement`,
                plan: await explain(cached, s),
              });
          }
        }
      }
    }

    // ---- quick search ----
    const kinds = opts.parts.has('search') ? await searchTerms(db, meta, opts.queries) : [];
    const search: SearchFigure[] = [];
    for (const k of kinds) {
      const query = (q: string) => customerListQuery.parse({ q, page: '1', pageSize: '20' });
      const totals: number[] = [];
      let estimated = 0;
      const adminRepo = await timeEach(
        k.terms,
        async (q) => {
          const page = await listCustomers(db, callers.admin.p, query(q), timeZone);
          totals.push(page.total);
          if (page.totalIsEstimate) estimated++;
        },
        opts.searchBudgetMs,
      );
      // the other passes run the terms the first one got through
      const terms = k.terms.slice(0, adminRepo.ms.length);
      const scopedRepo = await timeEach(terms, (q) =>
        listCustomers(db, callers.scoped.p, query(q), timeZone),
      );
      const http = await timeEach(terms, async (q) => {
        const res = await get(`${appUrl}/api/v1/customers?pageSize=20&q=${encodeURIComponent(q)}`, {
          cookie: callers.admin.cookie,
        });
        if (res.status !== 200) throw new Error(`search ${q}: ${res.status}`);
        await res.arrayBuffer();
      });
      const worst = adminRepo.ms.indexOf(Math.max(...adminRepo.ms));
      const slowestOf = (ms: number[]) => {
        const i = ms.indexOf(Math.max(...ms));
        return { q: terms[i], ms: ms[i] };
      };
      const sorted = Float64Array.from(totals).sort();
      const figure: SearchFigure = {
        kind: k.kind,
        label: k.label,
        queries: terms.length,
        adminRepo: adminRepo.summary,
        scopedRepo: scopedRepo.summary,
        http: http.summary,
        /** How many totals the proposed path answers with an exact count vs the app (same terms). */
        medianTotal: percentile(sorted, 50),
        estimated,
        slowest: { q: k.terms[worst], ms: adminRepo.ms[worst] },
        slowestScoped: slowestOf(scopedRepo.ms),
        slowestHttp: slowestOf(http.ms),
      };
      search.push(figure);
      log(
        `search ${k.label}: repo p50/p95 ${fmt.ms(figure.adminRepo.p50)}/${fmt.ms(figure.adminRepo.p95)} ms (admin), ` +
          `${fmt.ms(figure.scopedRepo.p50)}/${fmt.ms(figure.scopedRepo.p95)} ms (scoped), http ${fmt.ms(figure.http.p50)}/${fmt.ms(figure.http.p95)} ms · ` +
          `max ${fmt.ms(figure.slowest.ms)} ms 「${figure.slowest.q}」 (admin), ${fmt.ms(figure.slowestScoped.ms)} ms 「${figure.slowestScoped.q}」 (scoped)`,
      );
      const goal = k.kind.startsWith('py') ? GOALS.pinyinP95Ms : GOALS.searchP95Ms[backend];
      if ((k.kind !== 'zh1' && figure.adminRepo.p95 > goal) || figure.slowest.ms > GOALS.searchMaxMs) {
        const statements = await captureQueries(cached, () =>
          listCustomers(db, callers.admin.p, query(figure.slowest.q), timeZone),
        );
        plans.push({
          title: `search ${k.label}: slowest term 「${figure.slowest.q}」 (${fmt.ms(figure.slowest.ms)} ms), admin, page statement`,
          plan: await explain(cached, statements[0]),
        });
      }
    }

    // ---- import ----
    let imported: ImportResult | undefined;
    if (opts.parts.has('import')) {
      imported = await measureImport(db, cached.database, meta, opts.importRows, log);
      log(`import: cleaned up (delete + VACUUM) in ${imported.cleanupSeconds.toFixed(1)} s`);
    }
    return {
      backend,
      label: cached.backend,
      dataset: { built, seconds: datasetSeconds, meta, sizeMb: size ? Number(size.mb) : null },
      list,
      sweep,
      search,
      import: imported,
      plans,
    };
  } finally {
    for (const s of servers.reverse()) await s.close();
    await cached.dispose();
  }
}

// ------------------------------------------------------------------ report

const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
/** A figure that exists (a load run with no response at all has none: NaN, or null once sent over IPC). */
const real = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);
const atMost = (x: number | null | undefined, limit: number) => real(x) && x <= limit;

const HOW: Record<ListFigure['how'], string> = {
  first: 'page 1',
  next: 'next (cursor)',
  jump: 'jump (OFFSET)',
};

function listTable(r: BackendReport) {
  if (!r.list.length) return '  (list skipped)';
  return table(
    [
      'list page (pageSize 20)',
      'total (real)',
      'one at a time p50/p95',
      'app req/s',
      'app p50/p95',
      'app err',
      'bare req/s',
      'bare p50/p95',
      'app÷bare',
      'raw SQL p50/p95',
    ],
    r.list.map((l) => [
      `${l.who} · ${l.how === 'first' ? HOW.first : `page ${l.page} ${HOW[l.how]}`}`,
      `${l.total.toLocaleString('en-US')}${l.totalIsEstimate ? ' ≈' : ''} (${l.actual.toLocaleString('en-US')})`,
      `${fmt.ms(l.serial.p50)} / ${fmt.ms(l.serial.p95)}`,
      fmt.rate(l.app.reqPerSec),
      `${fmt.ms(l.app.p50 ?? Number.NaN)} / ${fmt.ms(l.app.p95 ?? Number.NaN)}`,
      String(l.app.errors + l.app.timeouts + l.app.non2xx),
      fmt.rate(l.bare.reqPerSec),
      `${fmt.ms(l.bare.p50 ?? Number.NaN)} / ${fmt.ms(l.bare.p95 ?? Number.NaN)}`,
      fmt.pct(ratio(l.app.reqPerSec, l.bare.reqPerSec)),
      `${fmt.ms(l.raw.p50)} / ${fmt.ms(l.raw.p95)}`,
    ]),
  );
}

const sweepLabel = (c: SweepCaller) => (c.target === 'all' ? 'all' : `~${c.target.toLocaleString('en-US')}`);

/** The worst p95 of the sweep (page 1 and 下一页 over every scope size). */
function sweepWorst(r: BackendReport) {
  let worst: { label: string; how: string; p95: number } | undefined;
  for (const f of r.sweep)
    for (const [how, x] of [
      ['page 1', f.first],
      ['next', f.next],
    ] as const)
      if (x && (!worst || !(x.serial.p95 <= worst.p95)))
        worst = { label: sweepLabel(f.caller), how, p95: x.serial.p95 };
  return worst;
}

function sweepTable(r: BackendReport) {
  if (!r.sweep.length) return '  (scope sweep skipped)';
  const total = (x: SweepRequest) => `${x.total.toLocaleString('en-US')}${x.totalIsEstimate ? ' ≈' : ''}`;
  const body = table(
    [
      'scope size',
      'caller (scope)',
      'sees (exact)',
      'page 1 p50/p95',
      'page 1 total',
      '下一页 p50/p95',
      '下一页 total',
      'raw SQL p50 p1/next',
      'statements p1/next (count?)',
    ],
    r.sweep.map((f) => [
      sweepLabel(f.caller),
      `${f.caller.tenant}/${f.caller.username} (${f.caller.scope})`,
      f.actual.toLocaleString('en-US'),
      `${fmt.ms(f.first.serial.p50)} / ${fmt.ms(f.first.serial.p95)}`,
      total(f.first),
      f.next ? `${fmt.ms(f.next.serial.p50)} / ${fmt.ms(f.next.serial.p95)}` : '–',
      f.next ? total(f.next) : '–',
      `${fmt.ms(f.first.raw.p50)} / ${f.next ? fmt.ms(f.next.raw.p50) : '–'}`,
      `${f.first.statements}${f.first.counted ? ' (count)' : ''} / ${f.next ? `${f.next.statements}${f.next.counted ? ' (count)' : ''}` : '–'}`,
    ]),
  );
  const w = sweepWorst(r);
  return `${body}
  worst p95: ${w ? `${fmt.ms(w.p95)} ms (${w.label}, ${w.how})` : '–'}`;
}

function searchTable(r: BackendReport) {
  const body = table(
    [
      'quick search (page 1 + total)',
      'n',
      'repo admin p50/p95',
      'repo scoped p50/p95',
      'HTTP p50/p95',
      'median hits',
      'max admin (slowest term)',
      'max scoped',
      'max HTTP',
    ],
    r.search.map((s) => [
      s.label,
      String(s.queries),
      `${fmt.ms(s.adminRepo.p50)} / ${fmt.ms(s.adminRepo.p95)}`,
      `${fmt.ms(s.scopedRepo.p50)} / ${fmt.ms(s.scopedRepo.p95)}`,
      `${fmt.ms(s.http.p50)} / ${fmt.ms(s.http.p95)}`,
      s.medianTotal.toLocaleString('en-US'),
      `${fmt.ms(s.slowest.ms)} ms 「${s.slowest.q}」`,
      s.slowestScoped ? `${fmt.ms(s.slowestScoped.ms)} ms 「${s.slowestScoped.q}」` : '–',
      s.slowestHttp ? `${fmt.ms(s.slowestHttp.ms)} ms 「${s.slowestHttp.q}」` : '–',
    ]),
  );
  const w = r.search.length ? r.search.reduce((a, b) => (b.slowest.ms > a.slowest.ms ? b : a)) : undefined;
  return w
    ? `${body}\n  slowest term: 「${w.slowest.q}」 (${w.label}) ${fmt.ms(w.slowest.ms)} ms, admin`
    : body;
}

function importTable(r: BackendReport) {
  if (!r.import) return '  (import skipped)';
  const copy = r.import.figures.find((f) => f.key === 'copy')!;
  return table(
    ['import of the same rows', 'rows', 'seconds', 'rows/s', '÷ COPY', 'RSS before → after (peak) MB'],
    r.import.figures.map((f) => [
      f.name,
      f.rows.toLocaleString('en-US'),
      f.seconds.toFixed(1),
      fmt.rate(f.rowsPerSec),
      fmt.pct(ratio(f.rowsPerSec, copy.rowsPerSec)),
      `${f.memory.beforeMb} → ${f.memory.afterMb} (${f.memory.peakMb})`,
    ]),
  );
}

type Goal = { goal: string; values: Partial<Record<Backend, string>>; ok: Partial<Record<Backend, boolean>> };

function goals(reports: BackendReport[]): Goal[] {
  const out: Goal[] = [];
  const add = (goal: string, f: (r: BackendReport) => { value: string; ok: boolean } | undefined) => {
    const g: Goal = { goal, values: {}, ok: {} };
    for (const r of reports) {
      const x = f(r);
      if (!x) continue;
      g.values[r.backend] = x.value;
      g.ok[r.backend] = x.ok;
    }
    out.push(g);
  };
  const worst = <T>(items: T[], by: (t: T) => number) =>
    items.length ? items.reduce((a, b) => (by(b) > by(a) ? b : a)) : undefined;
  add(`list page p95 ≤ ${GOALS.listP95Ms} ms, one at a time (page 1 and 下一页; worst)`, (r) => {
    const w = worst(
      r.list.filter((l) => l.how !== 'jump'),
      (l) => l.serial.p95,
    );
    if (!w) return undefined;
    return { value: `${fmt.ms(w.serial.p95)} ms (${w.key})`, ok: atMost(w.serial.p95, GOALS.listP95Ms) };
  });
  add(`scope sweep: page 1 and 下一页 p95 ≤ ${GOALS.listP95Ms} ms for every scope size (worst)`, (r) => {
    const w = sweepWorst(r);
    if (!w) return undefined;
    return { value: `${fmt.ms(w.p95)} ms (${w.label}, ${w.how})`, ok: atMost(w.p95, GOALS.listP95Ms) };
  });
  add(`list req/s ≥ ${GOALS.listVsBare * 100}% of bare route + same SQL (worst)`, (r) => {
    const w = worst(r.list, (l) => -ratio(l.app.reqPerSec, l.bare.reqPerSec));
    if (!w) return undefined;
    const x = ratio(w.app.reqPerSec, w.bare.reqPerSec);
    return { value: `${fmt.pct(x)} (${w.key})`, ok: real(x) && x >= GOALS.listVsBare };
  });
  add(
    `no exact count over a large scope (≥ ${(2 * EXACT_COUNT_LIMIT).toLocaleString('en-US')} rows: flagged, no count past ${EXACT_COUNT_LIMIT.toLocaleString('en-US')})`,
    (r) => {
      if (!r.list.length) return undefined;
      const large = r.list.filter((l) => l.actual >= 2 * EXACT_COUNT_LIMIT);
      if (!large.length) return { value: 'no large scope at this size', ok: true };
      const bad = large.filter((l) => !l.totalIsEstimate || l.countedExactly);
      return {
        value: bad.length
          ? bad.map((l) => l.key).join(', ')
          : `${large.length} large-scope targets estimated`,
        ok: !bad.length,
      };
    },
  );
  add('search 2+ characters p95 ≤ 50 ms (PG) / 100 ms (PGlite), admin', (r) => {
    const w = worst(
      r.search.filter((s) => s.kind.startsWith('zh') && s.kind !== 'zh1'),
      (s) => s.adminRepo.p95,
    );
    if (!w) return undefined;
    const limit = GOALS.searchP95Ms[r.backend];
    return { value: `${fmt.ms(w.adminRepo.p95)} ms (${w.kind})`, ok: atMost(w.adminRepo.p95, limit) };
  });
  add(
    `no search term over ${GOALS.searchMaxMs} ms on PostgreSQL (max of every set, admin; PGlite reported)`,
    (r) => {
      if (!r.search.length) return undefined;
      const w = r.search.reduce((a, b) => (b.slowest.ms > a.slowest.ms ? b : a));
      return {
        value: `${fmt.ms(w.slowest.ms)} ms 「${w.slowest.q}」 (${w.kind})`,
        ok: r.backend !== 'postgres' || atMost(w.slowest.ms, GOALS.searchMaxMs),
      };
    },
  );
  add(`pinyin initials p95 ≤ ${GOALS.pinyinP95Ms} ms, admin`, (r) => {
    const w = worst(
      r.search.filter((s) => s.kind.startsWith('py')),
      (s) => s.adminRepo.p95,
    );
    if (!w) return undefined;
    return {
      value: `${fmt.ms(w.adminRepo.p95)} ms (${w.kind})`,
      ok: atMost(w.adminRepo.p95, GOALS.pinyinP95Ms),
    };
  });
  add(
    `import ≥ ${GOALS.importVsCopy * 100}% of COPY into the indexed table (I2 write pass / I1 service)`,
    (r) => {
      if (!r.import) return undefined;
      const by = (k: string) => r.import!.figures.find((f) => f.key === k)!;
      const x = ratio(by('writePass').rowsPerSec, by('copy').rowsPerSec);
      const y = ratio(by('service').rowsPerSec, by('copy').rowsPerSec);
      return { value: `${fmt.pct(x)} / ${fmt.pct(y)}`, ok: x >= GOALS.importVsCopy };
    },
  );
  return out;
}

function goalsTable(reports: BackendReport[], gs: Goal[]) {
  return table(
    ['goal', ...reports.map((r) => r.backend)],
    gs.map((g) => [
      g.goal,
      ...reports.map((r) =>
        g.values[r.backend] === undefined ? '–' : `${g.values[r.backend]}  ${pass(Boolean(g.ok[r.backend]))}`,
      ),
    ]),
  );
}

function markdown(reports: BackendReport[], gs: Goal[], opts: Options, seconds: number) {
  const block = (s: string) => `\`\`\`\n${s}\n\`\`\``;
  const lines = [
    `# customers benchmark — ${new Date().toISOString().slice(0, 10)}`,
    '',
    `\`npm run bench -- customers --size ${opts.size}\` · ${opts.size.toLocaleString('en-US')} customers ` +
      `(+ ${opts.other.toLocaleString('en-US')} in a second tenant), ${opts.departments} departments, ` +
      `${opts.owners} owners · load: autocannon, ${opts.connections} connections, ${opts.seconds} s per target · ` +
      `${opts.queries} search terms per kind · Node ${process.version} · ${Math.round(seconds)} s`,
    '',
    '## Goals',
    '',
    block(goalsTable(reports, gs)),
  ];
  for (const r of reports) {
    const m = r.dataset.meta;
    lines.push(
      '',
      `## ${r.backend}`,
      '',
      `${r.label}. Data set ${r.dataset.built ? 'built' : 'reused from the cache'} in ${r.dataset.seconds.toFixed(0)} s ` +
        `(customers + contacts ${r.dataset.sizeMb ?? '?'} MB with indexes; build timings: ` +
        `${Object.entries(m.timings)
          .filter(([k]) => !k.startsWith('index '))
          .map(([k, v]) => `${k} ${(v / 1000).toFixed(0)} s`)
          .join(', ')}).`,
      '',
      block(listTable(r)),
      '',
      block(sweepTable(r)),
      '',
      'Scope sweep: callers whose visible customer set is ~100 … the whole tenant (chosen by counting what ' +
        'every generated user sees; the nationwide pool is visible to everyone, so the smallest sets come from ' +
        'the second tenant); page 1 and the next page by its cursor, one request at a time over HTTP. ' +
        '"(count)" = the request sent a count besides the page; totals marked ≈ are flagged estimates.',
      '',
      'app = the real `GET /api/v1/customers` (session, scope, page, planner estimate of the total, ' +
        'serialisation); "one at a time" = its latency with one request in flight; app/bare req/s and p50/p95 = under ' +
        `load (${opts.connections} concurrent connections, the load generator on the same 2 cores: latency there is ` +
        'queueing); bare = a bare Fastify route running the same statements the app sent, captured at the driver; ' +
        'raw = those statements one at a time from Node. "next (cursor)" = the deep page reached by 下一页 from ' +
        'the page before it (keyset); "jump (OFFSET)" = the same page by typing its number. Totals marked ≈ are ' +
        'planner estimates (the real count in brackets).',
      '',
      block(searchTable(r)),
      '',
      block(importTable(r)),
    );
    if (r.plans.length) {
      lines.push('', '### Plans of what missed its goal', '');
      for (const p of r.plans) lines.push(`**${p.title}**`, '', block(p.plan), '');
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function run(args: string[]): Promise<void> {
  const opts = options(args);
  const started = performance.now();
  console.log(
    `size ${opts.size.toLocaleString('en-US')} (+ ${opts.other.toLocaleString('en-US')}), backends: ${opts.backends.join(', ')}`,
  );
  const reports: BackendReport[] = [];
  for (const backend of opts.backends) reports.push(await runBackend(backend, opts));
  if (opts.buildOnly) return;
  const gs = goals(reports);
  for (const r of reports) {
    console.log(`\n${r.backend}: ${r.label}\n`);
    console.log(listTable(r));
    console.log('');
    console.log(sweepTable(r));
    console.log('');
    console.log(searchTable(r));
    console.log('');
    console.log(importTable(r));
  }
  console.log(`\n${goalsTable(reports, gs)}`);
  const seconds = (performance.now() - started) / 1000;
  const day = new Date().toISOString().slice(0, 10);
  const md = path.join(resultsDir, `customers-${day}${opts.size === 1_000_000 ? '' : `-${opts.size}`}.md`);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(md, markdown(reports, gs, opts, seconds));
  const json = writeResults('customers', {
    at: new Date().toISOString(),
    options: { ...opts, url: undefined },
    reports,
    goals: gs,
  });
  console.log(`\nresults: ${md}\n         ${json}`);
  console.log(`done in ${Math.round(seconds)} s`);
}
