/**
 * Scenario `approvals`: 我的待办 of a busy approver — `--pending` (default 1,000) approvals waiting
 * for one person among `--others` (default 20,000) waiting for other people, all submitted
 * through the engine itself (`submitForApproval`: flow choice, steps resolved, tasks, history,
 * notifications, audit). Then, one request after the other:
 *
 *  - `GET /approvals?box=pending` page 1, and 下一页 by its cursor;
 *  - `GET /approvals?box=done` of the same approver after deciding 200 of them;
 *
 * each beside the statements the request sent, replayed raw from Node (the database's share).
 * Goal (issue 13): 我的待办 p95 ≤ 15 ms on PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildApp } from '../../apps/server/src/app.ts';
import { testConfig } from '../../apps/server/src/config.ts';
import { submitForApproval } from '../../apps/server/src/modules/approvals/submit-service.ts';
import { toPrincipal } from '../../apps/server/src/platform/auth/hook.ts';
import { findUserPrincipal } from '../../apps/server/src/platform/auth/principal-repository.ts';
import { callerForJob } from '../../apps/server/src/platform/caller.ts';
import { generateOrganization } from '../generators/organization.ts';
import { generateTenant } from '../generators/tenant.ts';
import { type BenchDatabase, openBenchDatabase } from '../lib/database.ts';
import { measureReads } from '../lib/reads.ts';
import { writeResults } from '../lib/results.ts';
import { address, get, login, type Session } from '../lib/session.ts';
import { fmt, ratio, table } from '../lib/stats.ts';

export const description =
  '我的待办 of an approver with 1,000 pending approvals among others’ (--others, default 20,000)';

const GOALS = { pendingP95Ms: { postgres: 15, pglite: 30 } };

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      pending: { type: 'string', default: '1000' },
      others: { type: 'string', default: '20000' },
      approvers: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '3' },
    },
  });
  const n = (v: string, name: string, min = 1) => {
    const x = Number(v);
    if (!Number.isInteger(x) || x < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
    return x;
  };
  return {
    pending: n(values.pending, 'pending', 250),
    others: n(values.others, 'others', 0),
    approvers: n(values.approvers, 'approvers', 2),
    seconds: Math.min(n(values.seconds, 'seconds'), 30),
  };
}

const log = (msg: string) => console.log(`  ${msg}`);

/** One request after the other, and the statements it sent replayed raw. */
const measure = (
  bench: BenchDatabase,
  label: string,
  url: string,
  s: Session,
  seconds: number,
  plans: { title: string; plan: string }[],
  goalMs: number,
) => measureReads(bench, label, [url], s, plans, goalMs, { ms: seconds * 1000, rawMs: seconds * 1000 });

export async function run(args: string[]): Promise<void> {
  const opts = options(args);
  const bench = await openBenchDatabase();
  const servers: { close(): Promise<unknown> }[] = [];
  try {
    const backend = bench.database.kind;
    console.log(`backend: ${bench.backend}`);
    const { db } = bench.database;
    const tenant = await generateTenant(db);
    const tenantId = tenant.tenant.id;
    const org = await generateOrganization(db, tenant, { departments: 20, users: opts.approvers + 20 });
    const [approverDept, othersDept] = org.departments.slice(1, 3).map((d) => d.id);
    const people = org.users.slice(0, opts.approvers).map((u) => u.id);
    const submitters = org.users.slice(opts.approvers).map((u) => u.id);

    const config = testConfig({ logLevel: 'silent', webDist: '/nonexistent' });
    const app = await buildApp({ db, config });
    servers.push(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = address(app);
    const admin = await login(url, 'admin', tenant.password, 'bench');
    const post = async (path: string, body: unknown, s = admin) => {
      const res = await fetch(`${url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
        body: JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ id: string }>;
    };
    // the admin is the busy approver; the others' approvals go round the other approvers (或签 of one)
    await post('/approval-flows', {
      name: '付款审批',
      documentType: 'payment',
      conditions: { departmentIds: [approverDept] },
      steps: [{ kind: 'users', userIds: [tenant.adminId], mode: 'any' }, { kind: 'supervisor' }],
    });
    const otherFlows = [];
    for (const person of people)
      otherFlows.push(
        await post('/approval-flows', {
          name: `付款审批 ${person.slice(-4)}`,
          documentType: 'contract',
          conditions: {
            departmentIds: [othersDept],
            minAmount: String(otherFlows.length * 1000),
            maxAmount: String(otherFlows.length * 1000 + 999),
          },
          steps: [{ kind: 'users', userIds: [person], mode: 'any' }],
        }),
      );

    const callers = await Promise.all(
      submitters.map(async (id) =>
        callerForJob(toPrincipal((await findUserPrincipal(db, tenantId, id))!, 'job')),
      ),
    );
    const t = performance.now();
    const submitMany = async (count: number, doc: (i: number) => Parameters<typeof submitForApproval>[2]) => {
      for (let i = 0; i < count; i += 100)
        await db.transaction(async (tx) => {
          for (let j = i; j < Math.min(count, i + 100); j++)
            await submitForApproval(tx, callers[j % callers.length], doc(j));
        });
    };
    await submitMany(opts.pending, (i) => ({
      documentType: 'payment',
      documentId: randomUUID(),
      title: `付款申请 ${i}`,
      amount: `${1000 + i}.50`,
      departmentId: approverDept,
    }));
    await submitMany(opts.others, (i) => ({
      documentType: 'contract',
      documentId: randomUUID(),
      title: `合同审批 ${i}`,
      amount: String((i % people.length) * 1000 + 1),
      departmentId: othersDept,
    }));
    log(
      `${opts.pending + opts.others} approvals submitted in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    await bench.raw('ANALYZE');

    const goal = GOALS.pendingP95Ms[backend];
    const plans: { title: string; plan: string }[] = [];
    const box = (b: string, extra = '') => `${url}/api/v1/approvals?box=${b}&pageSize=20${extra}`;
    const first = await measure(bench, '我的待办 page 1', box('pending'), admin, opts.seconds, plans, goal);
    const page1 = (await (await get(box('pending'), { cookie: admin.cookie })).json()) as {
      total: number;
      nextCursor?: string;
      data: { id: string }[];
    };
    if (page1.total !== opts.pending)
      throw new Error(`我的待办 total ${page1.total}, expected ${opts.pending}`);
    const next = await measure(
      bench,
      '我的待办 下一页',
      box('pending', `&page=2&cursor=${page1.nextCursor}`),
      admin,
      opts.seconds,
      plans,
      goal,
    );
    // decide 200 (they move to the next step's supervisor), then 我已处理
    const decided = (
      await bench.raw<{ approval_id: string }>(
        `SELECT approval_id FROM approval_tasks WHERE tenant_id = $1 AND approver_id = $2 AND status = 'pending' LIMIT 200`,
        [tenantId, tenant.adminId],
      )
    ).map((r) => r.approval_id);
    for (const id of decided) await post(`/approvals/${id}/approve`, {});
    // as autovacuum would: the statistics of the tasks as they are now (200 decided since the last)
    await bench.raw('ANALYZE approval_tasks');
    const done = await measure(bench, '我已处理 page 1', box('done'), admin, opts.seconds, plans, goal);

    const results = [first, next, done];
    console.log(
      table(
        ['', 'p50 ms', 'p95 ms', 'raw p95 ms', 'app / raw', 'statements', 'rows'],
        results.map((r) => [
          r.label,
          fmt.ms(r.serial.p50),
          fmt.ms(r.serial.p95),
          fmt.ms(r.raw.p95),
          `${ratio(r.serial.p95, r.raw.p95).toFixed(1)}×`,
          String(r.statements),
          String(r.rows),
        ]),
      ),
    );
    const met = first.serial.p95 <= goal && next.serial.p95 <= goal;
    console.log(`goal: 我的待办 p95 ≤ ${goal} ms on ${backend} — ${met ? 'met' : 'NOT met'}`);
    for (const p of plans) console.log(`\n${p.title}\n${p.plan}`);
    const file = writeResults('approvals', {
      backend: bench.backend,
      options: opts,
      results,
      goalMs: goal,
      met,
    });
    console.log(`results: ${file}`);
  } finally {
    for (const s of servers.reverse()) await s.close();
    await bench.dispose();
  }
}
