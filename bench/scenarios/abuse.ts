/**
 * Scenario `abuse`: does the server stay responsive while it is pushed hard on purpose? The real
 * server (main.ts, its own process) on a copy of the `customers` data set; two probes — `/readyz`
 * and a list page — run one request after another throughout, and the server's resident memory
 * is sampled, in each phase:
 *
 *  - idle: nothing else happens (the baseline of the same run);
 *  - exports: 10 users each start an XLSX export of every customer (200k) at once, 10 direct
 *    downloads of the same list are tried, and 20 more exports are started (as found: 30 in 0.2 s);
 *    the phase lasts until every accepted export is written;
 *  - bombs: 8 zip-bomb workbooks (600 MB of shared strings, 546 MB of sheet) previewed at once;
 *  - heavy reads: 200 exact-total searches by one user at once.
 *
 * Goal (issue 11): during the exports, readyz and list-page p99 ≤ 500 ms and RSS ≤ 1 GB, on PGlite
 * and PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sharedStringsBomb, sheetBomb } from '../../apps/server/src/modules/imports/zip-bombs.ts';
import { BENCH_PASSWORD, ensureDataset } from '../lib/customer-dataset.ts';
import { dataDir, openCachedDatabase } from '../lib/database.ts';
import { resultsDir, writeResults } from '../lib/results.ts';
import { type ServerProcess, startServer } from '../lib/server-process.ts';
import { login, type Session } from '../lib/session.ts';
import { fmt, percentile, table } from '../lib/stats.ts';

export const description =
  'Under abuse: readyz and list-page p99 and peak RSS during concurrent exports, zip bombs and heavy reads, beside idle';

const GOALS = { p99Ms: 500, rssMb: 1024 };
const TEST_KEY = 'Z3VhbnhpIHRlc3RzOiBmaXhlZCBzZXJ2ZXIga2V5ISE';
const PROBE_TIMEOUT_MS = 10_000;

type Backend = 'postgres' | 'pglite';

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      size: { type: 'string', default: '200000' },
      exporters: { type: 'string', default: '10' },
      'idle-seconds': { type: 'string', default: '15' },
      'export-timeout': { type: 'string', default: '1800' },
      backends: { type: 'string' },
    },
  });
  const url = process.env.DATABASE_URL;
  const backends = (values.backends ?? (url ? 'postgres,pglite' : 'pglite')).split(',') as Backend[];
  for (const b of backends)
    if (b !== 'postgres' && b !== 'pglite') throw new Error(`--backends: unknown ${b}`);
  if (backends.includes('postgres') && !url) throw new Error('--backends postgres needs DATABASE_URL');
  const size = Number(values.size);
  if (!Number.isInteger(size) || size < 1000) throw new Error('--size must be an integer ≥ 1000');
  return {
    size,
    other: Math.max(1000, Math.round(size / 10)),
    exporters: Math.max(1, Math.min(20, Number(values.exporters))),
    idleMs: Number(values['idle-seconds']) * 1000,
    exportTimeoutMs: Number(values['export-timeout']) * 1000,
    backends,
    url,
  };
}
type Options = ReturnType<typeof options>;

const log = (msg: string) => console.log(`  ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ a signed-in client

const call = (url: string, s: Session, method = 'GET', body?: unknown, signal?: AbortSignal) =>
  fetch(url, {
    method,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      ...(body instanceof FormData || body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
    signal,
  });

/** `n` users with the admin role (scope all), signed in: each can export the whole list. */
async function makeUsers(url: string, admin: Session, tenant: string, n: number) {
  const me = (await (await call(`${url}/api/v1/auth/me`, admin)).json()) as { user: { id: string } };
  const self = (await (await call(`${url}/api/v1/users/${me.user.id}`, admin)).json()) as {
    departmentId: string;
    roleIds: string[];
  };
  const stamp = Date.now().toString(36);
  const users: Session[] = [];
  for (let i = 0; i < n; i++) {
    const username = `abuse_${stamp}_${i}`;
    const created = await call(`${url}/api/v1/users`, admin, 'POST', {
      username,
      name: `压测${i}`,
      password: 'Initial123',
      departmentId: self.departmentId,
      roleIds: self.roleIds,
    });
    if (created.status !== 201)
      throw new Error(`user ${username}: ${created.status} ${await created.text()}`);
    const first = await login(url, username, 'Initial123', tenant);
    const changed = await call(`${url}/api/v1/auth/change-password`, first, 'POST', {
      currentPassword: 'Initial123',
      newPassword: BENCH_PASSWORD,
    });
    if (changed.status !== 200) throw new Error(`password of ${username}: ${changed.status}`);
    users.push(await login(url, username, BENCH_PASSWORD, tenant));
  }
  return users;
}

// ------------------------------------------------------------------ probes and memory

type ProbeFigure = {
  n: number;
  p50: number;
  p99: number;
  max: number;
  failures: number;
  /** The three slowest requests: when they started (seconds into the phase) and how long they took. */
  slowest: { atS: number; ms: number }[];
};
type PhaseFigure = {
  phase: string;
  readyz: ProbeFigure;
  list: ProbeFigure;
  peakRssMb: number;
  facts: string[];
};

/** One request after another (100 ms apart) until stopped; a timeout or a non-2xx counts as a failure at its time. */
function probe(url: string, headers: Record<string, string>) {
  const ms: number[] = [];
  const at: number[] = [];
  const begin = performance.now();
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      at.push((t - begin) / 1000);
      try {
        const res = await fetch(url, { headers, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        await res.arrayBuffer();
        if (!res.ok) failures++;
      } catch {
        failures++;
      }
      ms.push(performance.now() - t);
      await sleep(100);
    }
  })();
  return async (): Promise<ProbeFigure> => {
    running = false;
    await loop;
    const sorted = Float64Array.from(ms).sort();
    const slowest = ms
      .map((v, i) => ({ atS: Math.round(at[i]), ms: Math.round(v) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3);
    return {
      slowest,
      n: sorted.length,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? Number.NaN,
      failures,
    };
  };
}

/** Samples the server's RSS every 100 ms; answers the peak. */
function memory(server: ServerProcess) {
  let peak = 0;
  const sample = () => {
    try {
      peak = Math.max(peak, server.rssMb());
    } catch {
      // the process is gone: the phase reports what it saw
    }
  };
  sample();
  const timer = setInterval(sample, 100);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}

/** Runs `work` with both probes and the memory sampler going; the phase's figures. */
async function phase(
  name: string,
  server: ServerProcess,
  probeSession: Session,
  work: () => Promise<string[]>,
): Promise<PhaseFigure> {
  log(`phase ${name}…`);
  const stopReady = probe(`${server.url}/readyz`, {});
  const stopList = probe(`${server.url}/api/v1/customers?page=1&pageSize=20`, {
    cookie: probeSession.cookie,
  });
  const stopMemory = memory(server);
  const facts = await work();
  const figure = {
    phase: name,
    readyz: await stopReady(),
    list: await stopList(),
    peakRssMb: stopMemory(),
    facts,
  };
  log(
    `  readyz p99 ${fmt.ms(figure.readyz.p99)} ms, list p99 ${fmt.ms(figure.list.p99)} ms, peak RSS ${Math.round(figure.peakRssMb)} MB`,
  );
  for (const f of facts) log(`  ${f}`);
  const slow = (f: ProbeFigure) => f.slowest.map((x) => `${x.ms} ms at +${x.atS} s`).join(', ');
  log(`  slowest readyz: ${slow(figure.readyz)}; slowest list: ${slow(figure.list)}`);
  return figure;
}

const tally = (codes: number[]) => {
  const counts: Record<number, number> = {};
  for (const c of codes) counts[c] = (counts[c] ?? 0) + 1;
  return Object.entries(counts)
    .map(([c, n]) => `${n}× ${c}`)
    .join(', ');
};

// ------------------------------------------------------------------ the phases

async function exportsPhase(url: string, users: Session[], timeoutMs: number) {
  const started = performance.now();
  const begin = await Promise.all(
    users.map((u) => call(`${url}/api/v1/customers/exports`, u, 'POST', { format: 'xlsx', query: {} })),
  );
  const direct = await Promise.all(
    users.map((u) =>
      call(`${url}/api/v1/customers/export?format=xlsx`, u).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      }),
    ),
  );
  const more: number[] = [];
  for (let i = 0; i < 20; i++) {
    const res = await call(`${url}/api/v1/customers/exports`, users[i % users.length], 'POST', {
      format: 'xlsx',
      query: {},
    });
    await res.arrayBuffer();
    more.push(res.status);
  }
  const ids: { id: string; user: Session }[] = [];
  for (const [i, res] of begin.entries()) {
    if (res.status === 202) ids.push({ id: ((await res.json()) as { id: string }).id, user: users[i] });
    else await res.arrayBuffer();
  }
  type Job = { status: string; total: number; processed: number; finishedAt: string | null };
  const finished = new Map<string, { job: Job; seconds: number }>();
  while (finished.size < ids.length && performance.now() - started < timeoutMs) {
    await sleep(2000);
    for (const { id, user } of ids) {
      if (finished.has(id)) continue;
      const job = (await (await call(`${url}/api/v1/exports/${id}`, user)).json()) as Job;
      if (job.status === 'done' || job.status === 'failed')
        finished.set(id, { job, seconds: (performance.now() - started) / 1000 });
    }
  }
  const done = [...finished.values()].filter((f) => f.job.status === 'done');
  // one file, downloaded whole, to say how big they are (after the jobs, outside the timing of the phase's work)
  let fileMb = Number.NaN;
  if (done.length) {
    const first = ids.find(({ id }) => finished.get(id)?.job.status === 'done')!;
    const res = await call(`${url}/api/v1/exports/${first.id}/file`, first.user);
    fileMb = (await res.arrayBuffer()).byteLength / 1048576;
  }
  return [
    `export jobs started at once: ${tally(begin.map((r) => r.status))}; 20 more: ${tally(more)}`,
    `direct downloads of the whole list: ${tally(direct)}`,
    `jobs done ${done.length}/${ids.length} (failed ${finished.size - done.length}, unfinished ${ids.length - finished.size}), ` +
      `rows each ${done[0]?.job.total ?? '–'}, file ${fmt.ms(fileMb)} MB, ` +
      `first done after ${fmt.ms(Math.min(...done.map((d) => d.seconds)))} s, last after ${fmt.ms(Math.max(...done.map((d) => d.seconds)))} s`,
  ];
}

async function bombsPhase(url: string, session: Session) {
  const ss = await sharedStringsBomb(600 * 1024 * 1024);
  const sheet = await sheetBomb(546 * 1024 * 1024);
  const started = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => {
      const form = new FormData();
      form.append('entity', 'customers');
      form.append('file', new Blob([new Uint8Array(i % 2 ? sheet : ss)]), `bomb${i}.xlsx`);
      const res = await call(`${url}/api/v1/imports/preview`, session, 'POST', form);
      await res.arrayBuffer();
      return res.status;
    }),
  );
  return [
    `8 bombs (${fmt.ms(ss.length / 1048576)} MB → 600 MB, ${fmt.ms(sheet.length / 1048576)} MB → 546 MB): ${tally(statuses)} ` +
      `within ${fmt.ms((performance.now() - started) / 1000)} s`,
  ];
}

async function heavyReadsPhase(url: string, session: Session) {
  const started = performance.now();
  const answered: number[] = [];
  const statuses = await Promise.all(
    Array.from({ length: 200 }, async (_, i) => {
      try {
        const res = await call(
          `${url}/api/v1/customers?q=${encodeURIComponent(`科技${i % 10}`)}&exactTotal=true`,
          session,
          'GET',
          undefined,
          AbortSignal.timeout(60_000),
        );
        await res.arrayBuffer();
        answered.push(performance.now() - started);
        return res.status;
      } catch {
        return 0; // unanswered within 60 s
      }
    }),
  );
  return [
    `200 exact-total searches by one user at once: ${tally(statuses)}; all answered within ${fmt.ms(Math.max(...answered) / 1000)} s`,
  ];
}

// ------------------------------------------------------------------ one backend

async function runBackend(backend: Backend, opts: Options) {
  console.log(`\n== ${backend} ==`);
  const name = `customers_${opts.size}_${opts.other}`;
  const cachedDb = await openCachedDatabase(name, { url: backend === 'postgres' ? opts.url : undefined });
  const { cached, meta } = await ensureDataset(cachedDb, {
    size: opts.size,
    other: opts.other,
    departments: 200,
    owners: 2000,
  });
  await cached.dispose();

  // a copy of the cached data set: the exports, users and queue the run adds do not stay in it
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-abuse-'));
  const env: Record<string, string> = {
    GUANXI_SECRET_KEY: TEST_KEY,
    GUANXI_DEMO: '0',
    LOG_LEVEL: 'warn',
    GUANXI_LOGIN_IP_LIMIT: '1000',
  };
  let dropCopy = async () => {};
  if (backend === 'postgres') {
    const copy = `guanxi_abuse_${process.pid}_${Date.now()}`;
    const { openPostgres } = await import('../../apps/server/src/db/client.ts');
    const admin = openPostgres(opts.url!, 1);
    await admin.pool!.query(`CREATE DATABASE ${copy} TEMPLATE guanxi_${name}`);
    await admin.close();
    const target = new URL(opts.url!);
    target.pathname = `/${copy}`;
    env.DATABASE_URL = target.toString();
    env.GUANXI_DATA_DIR = work;
    dropCopy = async () => {
      const a = openPostgres(opts.url!, 1);
      await a.pool!.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`);
      await a.close();
    };
  } else {
    const t = performance.now();
    // the server keeps PGlite in <GUANXI_DATA_DIR>/pgdata
    fs.cpSync(path.join(dataDir, name), path.join(work, 'pgdata'), { recursive: true });
    log(`copied the PGlite data set in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    env.GUANXI_DATA_DIR = work;
  }
  const logFile = path.join(resultsDir, `abuse-${backend}-server.log`);
  const server = await startServer(env, logFile);
  log(`server pid ${server.pid} at ${server.url} (log: ${path.relative(process.cwd(), logFile)})`);
  const phases: PhaseFigure[] = [];
  try {
    const admin = await login(server.url, 'admin', BENCH_PASSWORD, meta.main.code);
    const [probeUser, reader, ...exporters] = await makeUsers(
      server.url,
      admin,
      meta.main.code,
      opts.exporters + 2,
    );
    phases.push(
      await phase('idle', server, probeUser, async () => {
        await sleep(opts.idleMs);
        return [];
      }),
    );
    phases.push(
      await phase('exports', server, probeUser, () =>
        exportsPhase(server.url, exporters, opts.exportTimeoutMs),
      ),
    );
    phases.push(await phase('bombs', server, probeUser, () => bombsPhase(server.url, admin)));
    phases.push(await phase('heavy reads', server, probeUser, () => heavyReadsPhase(server.url, reader)));
  } finally {
    await server.stop();
    await dropCopy();
    fs.rmSync(work, { recursive: true, force: true });
  }
  return { backend, phases };
}

function report(results: Awaited<ReturnType<typeof runBackend>>[]) {
  const rows: string[][] = [];
  for (const r of results)
    for (const p of r.phases)
      rows.push([
        `${r.backend} ${p.phase}`,
        `${fmt.ms(p.readyz.p50)} / ${fmt.ms(p.readyz.p99)} / ${fmt.ms(p.readyz.max)}`,
        String(p.readyz.failures),
        `${fmt.ms(p.list.p50)} / ${fmt.ms(p.list.p99)} / ${fmt.ms(p.list.max)}`,
        String(p.list.failures),
        String(Math.round(p.peakRssMb)),
      ]);
  console.log(
    `\n${table(
      ['phase', 'readyz p50/p99/max ms', 'fail', 'list page p50/p99/max ms', 'fail', 'peak RSS MB'],
      rows,
    )}`,
  );
  console.log('\nGoals during the exports (issue 11):');
  for (const r of results) {
    const p = r.phases.find((x) => x.phase === 'exports');
    if (!p) continue;
    const ok = (b: boolean) => (b ? 'ok ' : 'MISS');
    console.log(
      `  ${ok(p.readyz.p99 <= GOALS.p99Ms)} ${r.backend}: readyz p99 ${fmt.ms(p.readyz.p99)} ms ≤ ${GOALS.p99Ms}`,
    );
    console.log(
      `  ${ok(p.list.p99 <= GOALS.p99Ms)} ${r.backend}: list page p99 ${fmt.ms(p.list.p99)} ms ≤ ${GOALS.p99Ms}`,
    );
    const peak = Math.max(...r.phases.map((x) => x.peakRssMb));
    console.log(
      `  ${ok(peak <= GOALS.rssMb)} ${r.backend}: peak RSS (every phase) ${Math.round(peak)} MB ≤ ${GOALS.rssMb}`,
    );
  }
}

export async function run(args: string[]) {
  const opts = options(args);
  fs.mkdirSync(resultsDir, { recursive: true });
  const results = [];
  for (const backend of opts.backends) results.push(await runBackend(backend, opts));
  report(results);
  const file = writeResults('abuse', { options: { ...opts, url: undefined }, results });
  console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
}
