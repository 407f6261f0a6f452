/**
 * Scenario `follow-ups`: the field-work reads and writes at scale — follow-ups (default 5 per
 * customer, so 5M in the 1M-customer data set of the `customers` scenario) and their audit rows,
 * then:
 *
 *  - a customer's timeline (`GET /customers/:id/timeline`, which merges the follow-ups' history)
 *    and its 跟进记录 tab (`GET /follow-ups?customerId=`), over many customers, one at a time;
 *  - a supervisor's follow-up list (page 1 and 下一页 by cursor), one at a time;
 *    each beside the statements the request sent, replayed raw from Node (the database's share);
 *  - check-ins with a 2 MB photo (`POST /check-ins`: sniffed, hashed, stamped, both copies
 *    stored) beside a bare Fastify route that receives the same multipart body and stores the
 *    bytes in 256 KiB rows, at the same concurrency.
 *
 * The follow-ups are added to the cached customer data set (lib/customer-dataset.ts) once and
 * kept; the check-ins written while measuring are removed afterwards.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { startAppOn } from '../lib/cached-app.ts';
import { BENCH_PASSWORD, ensureDataset } from '../lib/customer-dataset.ts';
import { type BenchDatabase, openCachedDatabase } from '../lib/database.ts';
import { type Backend, datasetArgs, datasetOptions, intArg } from '../lib/dataset-options.ts';
import { ensureFollowUps } from '../lib/follow-ups-data.ts';
import { measureReads, type ReadFigure } from '../lib/reads.ts';
import { writeResults, writeSummary } from '../lib/results.ts';
import { address, get, login, type Session } from '../lib/session.ts';
import { fmt, ratio, type Summary, summarise, table } from '../lib/stats.ts';

export const description =
  'Follow-ups at scale (5 per customer): a customer’s timeline, a supervisor’s list, check-ins with a 2 MB photo';

const GOALS = {
  timelineP95Ms: { postgres: 20, pglite: 40 },
  listP95Ms: { postgres: 15, pglite: 30 },
  uploadVsBare: 0.5,
};

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      ...datasetArgs,
      'per-customer': { type: 'string', default: '5' },
      customers: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '4' },
      only: { type: 'string', default: 'timeline,list,upload' },
    },
  });
  const parts = new Set(values.only.split(',').map((x) => x.trim()));
  for (const p of parts)
    if (!['timeline', 'list', 'upload'].includes(p)) throw new Error(`--only: unknown part ${p}`);
  return {
    ...datasetOptions(values),
    /** Follow-ups per customer on average (0 … 2n−1 each). */
    perCustomer: intArg(values['per-customer'], 'per-customer'),
    /** Customers whose timeline is read, in turn. */
    customers: intArg(values.customers, 'customers', 10),
    seconds: Math.min(intArg(values.seconds, 'seconds'), 60),
    concurrency: Math.min(intArg(values.concurrency, 'concurrency'), 16),
    parts,
  };
}
type Options = ReturnType<typeof options>;

const log = (msg: string) => console.log(`  ${msg}`);

// ------------------------------------------------------------------ measuring

type Target = ReadFigure;

/** `concurrency` clients posting back to back for `seconds`: req/s and latency. */
async function hammer(concurrency: number, seconds: number, send: () => Promise<Response>) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const res = await send();
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  return { ...summarise(latencies, (performance.now() - start) / 1000), statuses };
}

/**
 * A phone camera's photo: 4000 × 3000 (12 MP) of smooth light with grain, its grain raised until
 * the JPEG weighs about 2 MB (a phone's photo of a shop front: large, mostly smooth, some detail).
 */
async function twoMegabytePhoto() {
  const width = 4000;
  const height = 3000;
  for (let grain = 4; ; grain *= 1.5) {
    const raw = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 3;
        const noise = ((((i * 2654435761) >>> 24) - 128) * grain) / 128;
        raw[i] = Math.max(0, Math.min(255, 60 + (x * 150) / width + noise));
        raw[i + 1] = Math.max(0, Math.min(255, 90 + (y * 120) / height + noise));
        raw[i + 2] = Math.max(0, Math.min(255, 140 + noise));
      }
    const jpeg = await sharp(raw, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 88 })
      .toBuffer();
    if (jpeg.length >= 1.9 * 2 ** 20 || grain > 200) return jpeg;
  }
}

function checkInForm(photo: Buffer) {
  const form = new FormData();
  form.set('type', 'attendance-in');
  form.set('lat', '31.2304');
  form.set('lng', '121.4737');
  form.set('accuracy', '15');
  form.set('capturedAt', new Date().toISOString());
  form.set('photo', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'photo.jpg');
  return form;
}

type UploadFigure = {
  bytes: number;
  app: Summary & { statuses: Record<string, number> };
  bare: Summary & { statuses: Record<string, number> };
};

async function measureUpload(
  bench: BenchDatabase,
  appUrl: string,
  s: Session,
  opts: Options,
  servers: FastifyInstance[],
): Promise<UploadFigure> {
  const photo = await twoMegabytePhoto();
  // the baseline: the same multipart body received and its bytes stored in 256 KiB rows
  await bench.raw('CREATE TABLE IF NOT EXISTS bench_photo_bytes (id uuid, seq int, data bytea NOT NULL)');
  const bare = Fastify({ bodyLimit: 30 * 2 ** 20 });
  servers.push(bare);
  await bare.register(multipart, { limits: { fileSize: 30 * 2 ** 20 } });
  bare.post('/photo', async (req, reply) => {
    let bytes: Buffer | undefined;
    for await (const part of req.parts()) if (part.type === 'file') bytes = await part.toBuffer();
    const id = randomUUID();
    const size = 256 * 1024;
    for (let seq = 0; bytes && seq * size < bytes.length; seq++)
      await bench.raw('INSERT INTO bench_photo_bytes (id, seq, data) VALUES ($1, $2, $3)', [
        id,
        seq,
        bytes.subarray(seq * size, (seq + 1) * size),
      ]);
    return reply.status(201).send({ id });
  });
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const bareUrl = `${address(bare)}/photo`;
  const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf };
  const postApp = () =>
    fetch(`${appUrl}/api/v1/check-ins`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body: checkInForm(photo),
    });
  const first = await postApp();
  if (first.status !== 201) throw new Error(`POST /check-ins: ${first.status} ${await first.text()}`);
  try {
    const app = await hammer(opts.concurrency, opts.seconds, postApp);
    const bareRun = await hammer(opts.concurrency, opts.seconds, () =>
      fetch(bareUrl, { method: 'POST', body: checkInForm(photo) }),
    );
    log(
      `check-in with a ${(photo.length / 2 ** 20).toFixed(2)} MB photo: ${fmt.rate(app.perSec)} req/s ` +
        `(p95 ${fmt.ms(app.p95)} ms) vs bare ${fmt.rate(bareRun.perSec)} req/s (p95 ${fmt.ms(bareRun.p95)} ms)`,
    );
    return { bytes: photo.length, app, bare: bareRun };
  } finally {
    await cleanUpCheckIns(bench);
  }
}

/** Removes the check-ins written while measuring, their files and stored bytes (the audit is append-only). */
async function cleanUpCheckIns(bench: BenchDatabase) {
  await bench.raw('DROP TABLE IF EXISTS bench_photo_bytes');
  const files = `SELECT id FROM files WHERE entity = 'check-ins' UNION SELECT thumbnail_id FROM files
    WHERE entity = 'check-ins' AND thumbnail_id IS NOT NULL`;
  await bench.raw(`DELETE FROM file_chunks WHERE file_id IN (${files})`);
  await bench.raw(
    `DELETE FROM files WHERE id IN (SELECT thumbnail_id FROM files WHERE entity = 'check-ins') OR entity = 'check-ins'`,
  );
  await bench.raw('DELETE FROM check_ins');
  log('check-ins written while measuring removed');
}

// ------------------------------------------------------------------ one backend

type BackendReport = {
  backend: Backend;
  label: string;
  followUps: number;
  built: boolean;
  reads: Target[];
  upload?: UploadFigure;
  plans: { title: string; plan: string }[];
};

async function runBackend(backend: Backend, opts: Options): Promise<BackendReport> {
  console.log(`\n== ${backend} ==`);
  const opened = await openCachedDatabase(`customers_${opts.size}_${opts.other}`, {
    url: backend === 'postgres' ? opts.url : undefined,
    poolSize: 10,
  });
  const { cached, meta } = await ensureDataset(opened, opts);
  const servers: FastifyInstance[] = [];
  const plans: BackendReport['plans'] = [];
  try {
    const { app, url: appUrl } = await startAppOn(cached);
    servers.push(app);
    const { state, built } = await ensureFollowUps(cached, meta, opts.perCustomer);
    // the supervisor reads their subtree's follow-ups (as they read its customers)
    await cached.raw(
      `UPDATE roles SET data_scopes = data_scopes || '{"follow-ups": "department_and_children"}'::jsonb
        WHERE tenant_id = $1 AND code = 'sales_supervisor'`,
      [meta.main.id],
    );
    const admin = await login(appUrl, 'admin', BENCH_PASSWORD, meta.main.code);
    const supervisor = await login(appUrl, meta.scope.username, BENCH_PASSWORD, meta.main.code);
    const reads: Target[] = [];
    if (opts.parts.has('timeline')) {
      const ids = (
        await cached.raw<{ id: string }>(
          `SELECT customer_id AS id FROM follow_ups TABLESAMPLE SYSTEM (1) WHERE tenant_id = $1
            GROUP BY customer_id LIMIT $2`,
          [meta.main.id, opts.customers],
        )
      ).map((r) => r.id);
      const goal = GOALS.timelineP95Ms[backend];
      reads.push(
        await measureReads(
          cached,
          `timeline of ${ids.length} customers (GET /customers/:id/timeline)`,
          ids.map((id) => `${appUrl}/api/v1/customers/${id}/timeline`),
          admin,
          plans,
          goal,
        ),
        await measureReads(
          cached,
          `跟进记录 tab of ${ids.length} customers (GET /follow-ups?customerId=)`,
          ids.map((id) => `${appUrl}/api/v1/follow-ups?customerId=${id}&pageSize=20`),
          admin,
          plans,
          goal,
        ),
      );
    }
    if (opts.parts.has('list')) {
      const base = `${appUrl}/api/v1/follow-ups?pageSize=20`;
      const page1 = (await (await get(base, { cookie: supervisor.cookie })).json()) as {
        nextCursor?: string;
      };
      const goal = GOALS.listP95Ms[backend];
      reads.push(await measureReads(cached, 'supervisor’s list, page 1', [base], supervisor, plans, goal));
      if (page1.nextCursor)
        reads.push(
          await measureReads(
            cached,
            'supervisor’s list, 下一页 (cursor)',
            [`${base}&page=2&cursor=${encodeURIComponent(page1.nextCursor)}`],
            supervisor,
            plans,
            goal,
          ),
        );
    }
    const upload = opts.parts.has('upload')
      ? await measureUpload(cached, appUrl, admin, opts, servers)
      : undefined;
    return { backend, label: cached.backend, followUps: state.count, built, reads, upload, plans };
  } finally {
    for (const s of servers.reverse()) await s.close();
    await cached.dispose();
  }
}

// ------------------------------------------------------------------ report

function report(r: BackendReport) {
  const lines = [
    `${r.backend}: ${r.label} — ${r.followUps.toLocaleString('en-US')} follow-ups${r.built ? ' (built now)' : ''}`,
    '',
    table(
      ['read', 'p50 ms', 'p95 ms', 'raw p50', 'raw p95', 'stmts', 'rows'],
      r.reads.map((t) => [
        t.label,
        fmt.ms(t.serial.p50),
        fmt.ms(t.serial.p95),
        fmt.ms(t.raw.p50),
        fmt.ms(t.raw.p95),
        String(t.statements),
        String(t.rows),
      ]),
    ),
  ];
  if (r.upload)
    lines.push(
      '',
      table(
        ['check-in, 2 MB photo', 'req/s', 'p50 ms', 'p95 ms', 'statuses'],
        [
          ['POST /api/v1/check-ins', r.upload.app, JSON.stringify(r.upload.app.statuses)] as const,
          ['bare route storing the bytes', r.upload.bare, JSON.stringify(r.upload.bare.statuses)] as const,
        ].map(([label, s, st]) => [label, fmt.rate(s.perSec), fmt.ms(s.p50), fmt.ms(s.p95), st]),
      ),
    );
  return lines.join('\n');
}

function goals(reports: BackendReport[]) {
  const rows: string[][] = [];
  for (const r of reports) {
    for (const t of r.reads) {
      const limit = t.label.startsWith('supervisor')
        ? GOALS.listP95Ms[r.backend]
        : GOALS.timelineP95Ms[r.backend];
      rows.push([
        `${r.backend}: ${t.label} p95 ≤ ${limit} ms`,
        fmt.ms(t.serial.p95),
        t.serial.p95 <= limit ? 'PASS' : 'FAIL',
      ]);
    }
    if (r.upload) {
      const x = ratio(r.upload.app.perSec, r.upload.bare.perSec);
      rows.push([
        `${r.backend}: check-in req/s ≥ ${GOALS.uploadVsBare * 100}% of the bare route`,
        fmt.pct(x),
        x >= GOALS.uploadVsBare ? 'PASS' : 'FAIL',
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
  const md = writeSummary('follow-ups', opts.size, text);
  const json = writeResults('follow-ups', {
    at: new Date().toISOString(),
    options: { ...opts, url: undefined, parts: [...opts.parts] },
    reports,
  });
  console.log(
    `\nresults: ${md}\n         ${json}\ndone in ${Math.round((performance.now() - started) / 1000)} s`,
  );
}
