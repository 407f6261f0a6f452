/**
 * Scenario `forms`: the public web form under a campaign's burst — 10,000 submissions from
 * 2,000 addresses (X-Forwarded-For behind a trusted proxy, 5 each: under the per-address limit),
 * sent by a child process (its own event loop) at `--connections` at once, as fast as the server
 * takes them. Every submission runs the real path: both rate-limit counters in the database, the
 * form by its token, the assignment rule (round-robin over a department, its row locked), the
 * lead, its activity and audit row.
 *
 * Baseline, same run and database: a bare Fastify route that stores each body with one INSERT.
 * Goals (issue 13): all 10,000 stored (counted in the table afterwards, and spread evenly over the
 * department), none refused, and within a minute (≥ 167 submissions/s), on PostgreSQL.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { buildApp } from '../../apps/server/src/app.ts';
import { testConfig } from '../../apps/server/src/config.ts';
import { generateOrganization } from '../generators/organization.ts';
import { generateTenant } from '../generators/tenant.ts';
import { openBenchDatabase } from '../lib/database.ts';
import { writeResults } from '../lib/results.ts';
import { address, login } from '../lib/session.ts';
import { fmt, ratio, summarise, table } from '../lib/stats.ts';

export const description =
  'Public web form: 10,000 submissions from 2,000 addresses, all stored, within a minute';

const GOALS = { seconds: 60 };

type Load = { url: string; total: number; perAddress: number; connections: number };
type LoadOut = { seconds: number; statuses: Record<string, number>; latencies: number[] };

/** The child: sends `total` submissions, `connections` at a time, each address `perAddress` times. */
async function sendLoad(load: Load): Promise<LoadOut> {
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= load.total) return;
      const a = Math.floor(i / load.perAddress);
      const ip = `10.${(a >> 16) & 255}.${(a >> 8) & 255}.${a & 255}`;
      const t = performance.now();
      const res = await fetch(load.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({
          name: `访客公司 ${i}`,
          contactName: '访客',
          mobile: `139${String(i).padStart(8, '0')}`,
          remark: '想了解产品价格',
        }),
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: load.connections }, worker));
  return { seconds: (performance.now() - started) / 1000, statuses, latencies };
}

function runChild(load: Load): Promise<LoadOut> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, GUANXI_FORMS_LOAD: JSON.stringify(load) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let out: LoadOut | undefined;
    child.on('message', (m) => {
      out = m as LoadOut;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      out && code === 0 ? resolve(out) : reject(new Error(`load child exited ${code}`)),
    );
  });
}

if (process.env.GUANXI_FORMS_LOAD) {
  sendLoad(JSON.parse(process.env.GUANXI_FORMS_LOAD) as Load).then(
    (out) => process.send!(out, () => process.exit(0)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      submissions: { type: 'string', default: '10000' },
      addresses: { type: 'string', default: '2000' },
      connections: { type: 'string', default: '16' },
      people: { type: 'string', default: '20' },
    },
  });
  const n = (v: string, name: string) => {
    const x = Number(v);
    if (!Number.isInteger(x) || x < 1) throw new Error(`--${name} must be a positive integer`);
    return x;
  };
  const submissions = n(values.submissions, 'submissions');
  const addresses = n(values.addresses, 'addresses');
  return {
    submissions,
    perAddress: Math.ceil(submissions / addresses),
    connections: n(values.connections, 'connections'),
    people: n(values.people, 'people'),
  };
}

export async function run(args: string[]): Promise<void> {
  const opts = options(args);
  const bench = await openBenchDatabase({ poolSize: 20 });
  const servers: { close(): Promise<unknown> }[] = [];
  try {
    console.log(`backend: ${bench.backend}`);
    const { db } = bench.database;
    const tenant = await generateTenant(db);
    const org = await generateOrganization(db, tenant, { departments: 2, users: opts.people * 2 });
    // the department with the most people takes the form's leads
    const sizes = new Map<string, number>();
    for (const u of org.users) sizes.set(u.departmentId, (sizes.get(u.departmentId) ?? 0) + 1);
    const [departmentId, people] = [...sizes].sort((a, b) => b[1] - a[1])[0];

    // the app behind a proxy on the loopback: the visitor's address is the X-Forwarded-For one
    const config = testConfig({ logLevel: 'silent', webDist: '/nonexistent', trustProxy: ['127.0.0.1'] });
    const app = await buildApp({ db, config });
    servers.push(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = address(app);
    const session = await login(url, 'admin', tenant.password, 'bench');
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ id: string; token: string }>;
    };
    await post('/leads/rules', { name: '官网', departmentId });
    const form = await post('/leads/forms', { name: '官网表单', title: '预约演示', perMinute: 100_000 });

    // the baseline: one INSERT per body, same database handle
    await bench.raw(`CREATE TABLE bench_form_bare (id serial PRIMARY KEY, body jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    const bare = Fastify();
    servers.push(bare);
    bare.post('/bare', async (req, reply) => {
      await bench.raw('INSERT INTO bench_form_bare (body) VALUES ($1)', [JSON.stringify(req.body)]);
      return reply.status(202).send();
    });
    await bare.listen({ host: '127.0.0.1', port: 0 });

    const load = (target: string): Load => ({
      url: target,
      total: opts.submissions,
      perAddress: opts.perAddress,
      connections: opts.connections,
    });
    const bareOut = await runChild(load(`${address(bare)}/bare`));
    const formOut = await runChild(load(`${url}/api/v1/public/forms/${form.token}`));

    const [{ n: stored }] = await bench.raw<{ n: number }>(
      'SELECT count(*)::int AS n FROM leads WHERE form_id = $1',
      [form.id],
    );
    const spread = await bench.raw<{ n: number }>(
      `SELECT count(*)::int AS n FROM leads WHERE form_id = $1 GROUP BY owner_id ORDER BY n`,
      [form.id],
    );
    const [{ n: bareStored }] = await bench.raw<{ n: number }>(
      'SELECT count(*)::int AS n FROM bench_form_bare',
    );
    const s = summarise(formOut.latencies, formOut.seconds);
    const b = summarise(bareOut.latencies, bareOut.seconds);
    console.log(
      table(
        ['', 'sent', 'stored', 'statuses', 'seconds', 'per s', 'p50 ms', 'p95 ms'],
        [
          [
            'bare INSERT route',
            String(opts.submissions),
            String(bareStored),
            JSON.stringify(bareOut.statuses),
            bareOut.seconds.toFixed(1),
            fmt.rate(b.perSec),
            fmt.ms(b.p50),
            fmt.ms(b.p95),
          ],
          [
            'POST /public/forms/:token',
            String(opts.submissions),
            String(stored),
            JSON.stringify(formOut.statuses),
            formOut.seconds.toFixed(1),
            fmt.rate(s.perSec),
            fmt.ms(s.p50),
            fmt.ms(s.p95),
          ],
        ],
      ),
    );
    const perOwner = spread.map((r) => r.n);
    console.log(
      `rule: ${people} people in the department; leads each: ${perOwner[0]}–${perOwner.at(-1)} (round-robin)`,
    );
    const ok = stored === opts.submissions && formOut.seconds <= GOALS.seconds && !formOut.statuses['429'];
    console.log(
      `form vs bare: ${ratio(s.perSec, b.perSec).toFixed(2)}× the throughput; goal: all ${opts.submissions} stored within ${GOALS.seconds} s — ${ok ? 'met' : 'NOT met'}`,
    );
    const file = writeResults('forms', {
      backend: bench.backend,
      options: opts,
      bare: { ...b, seconds: bareOut.seconds, statuses: bareOut.statuses, stored: bareStored },
      form: { ...s, seconds: formOut.seconds, statuses: formOut.statuses, stored, perOwner },
      goalMet: ok,
    });
    console.log(`results: ${file}`);
  } finally {
    for (const srv of servers.reverse()) await srv.close();
    await bench.dispose();
  }
}
