import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../platform/dates.ts';
import type { Agent } from '../../test/agent.ts';
import { makeContract, paymentMethod } from '../../test/contract-factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { refreshReceivableRollups } from '../receivables/rollup-service.ts';
import { getJson, type ReportRow, twoBranchOrg } from './report-test-helpers.ts';

// 回款分析 reads whole months by month, owner and department from the receivables' monthly rollup
// once refreshed (freshness not live, as of the refresh): its figures equal the live ones and an
// independent raw GROUP BY, for the whole tenant and a department; a payment against a plan of an
// old month, a new plan there and a plan moved to another month show after the next refresh.

const URL = '/api/v1/reports/receivables';
const ZONE = 'Asia/Shanghai';
let t: TestContext;
let admin: Agent;
let managerA: Agent;
let managerB: Agent;
let supervisor: Agent;
let branchA: string;
let method: string;
let contractA: string;
let contractB: string;
const plansOfA: string[] = [];

// months before the current one in the tenant's zone: m(3) is three months ago ('YYYY-MM')
const m = (back: number) => {
  const today = todayIn(ZONE);
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - back, 1));
  return d.toISOString().slice(0, 7);
};
const lastDayOf = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** The period that reads m(3)…m(2) from the rollup and its edges in m(4) and m(1) live. */
const edgy = { from: `${m(4)}-15`, to: `${m(1)}-10` };
/** Whole months only: all from the rollup. */
const whole = { from: `${m(4)}-01`, to: lastDayOf(m(1)) };
const periods = [edgy, whole];
const query = (p: { from: string; to: string }, by: string) =>
  `${URL}?range=custom&from=${p.from}&to=${p.to}&groupBy=${by}`;

async function plan(agent: Agent, contractId: string, amount: string, dueDate: string) {
  const res = await agent.post('/api/v1/payment-plans', { contractId, amount, dueDate });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}
async function pay(agent: Agent, contractId: string, amount: string, paidAt: string, planId?: string) {
  const res = await agent.post('/api/v1/payments', { contractId, amount, paidAt, method, planId });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  t = await createTestContext();
  ({ admin, branchA, managerA, managerB, supervisor } = await twoBranchOrg(t, {
    work: [
      'contracts:view',
      'contracts:create',
      'contracts:edit',
      'customers:view',
      'customers:create',
      'receivables:view',
      'receivables:create',
      'receivables:edit',
    ],
    report: 'reports:receivables',
    scopes: (s) => ({ contracts: s, customers: s, receivables: s }),
    blind: { permissions: ['reports:receivables', 'customers:view'], scopes: { customers: 'department' } },
  }));
  method = await paymentMethod(admin);
  contractA = (await makeContract(managerA, { amount: '100000.00' }, { active: true })).id;
  contractB = (await makeContract(managerB, { amount: '100000.00' }, { active: true })).id;
  // plans due across the months, some paid (in full, in part), some not
  for (const [month, day, amount] of [
    [4, '10', '1000.00'], // before the edgy period
    [4, '20', '2000.00'], // an edge: live
    [3, '01', '3000.00'], // the first day of a whole month
    [3, lastDayOf(m(3)).slice(8), '4000.00'], // its last day
    [2, '15', '5000.00'],
    [1, '05', '6000.00'], // an edge: live
    [1, '25', '7000.00'], // after the edgy period
    [0, '01', '8000.00'], // this month: never from the rollup
  ] as const) {
    plansOfA.push((await plan(managerA, contractA, amount, `${m(month)}-${day}`)).id);
    await plan(managerB, contractB, amount, `${m(month)}-${day}`);
  }
  await pay(managerA, contractA, '500.00', `${m(3)}-05`, plansOfA[2]); // part of 3000 due in m(3)
  await pay(managerA, contractA, '4000.00', `${m(2)}-20`, plansOfA[3]); // all of 4000 due in m(3)
  await pay(managerB, contractB, '2500.00', `${m(4)}-25`);
  await pay(managerB, contractB, '700.00', `${m(1)}-03`);
});
afterAll(() => t.close());

const keys = {
  month: (c: string) => sql`to_char(${sql.raw(c)}, 'YYYY-MM')`,
  owner: () => sql`owner_id::text`,
  department: () => sql`department_id::text`,
} as const;

/** The raw GROUP BY over the plans and counted payments of `departments` (all: null) dated from `from` to `to`. */
async function raw(by: keyof typeof keys, p: { from: string; to: string }, departments: string[] | null) {
  const mine = departments ? sql`department_id = ANY(${`{${departments.join(',')}}`}::uuid[])` : sql`TRUE`;
  const today = sql`(now() AT TIME ZONE ${ZONE})::date`;
  const rows = await t.database.db.execute(sql`SELECT k, sum(planned)::text AS planned,
      sum(received)::text AS received, sum(overdue)::text AS overdue FROM (
      SELECT ${keys[by]('due_date')} AS k, amount AS planned, 0::numeric(18, 2) AS received,
          CASE WHEN paid < amount AND due_date < ${today} THEN amount - paid ELSE 0::numeric(18, 2) END AS overdue
        FROM payment_plans WHERE tenant_id = ${t.tenant.id} AND deleted_at IS NULL AND ${mine}
          AND due_date >= ${p.from}::date AND due_date <= ${p.to}::date
      UNION ALL
      SELECT ${keys[by]('paid_at')}, 0::numeric(18, 2), amount, 0::numeric(18, 2)
        FROM payments WHERE tenant_id = ${t.tenant.id} AND status = 'counted' AND ${mine}
          AND paid_at >= ${p.from}::date AND paid_at <= ${p.to}::date) x
    GROUP BY k`);
  return Object.fromEntries(
    (rows.rows as { k: string; planned: string; received: string; overdue: string }[]).map((r) => [
      r.k,
      { planned: r.planned, received: r.received, overdue: r.overdue },
    ]),
  );
}

const figures = (rows: ReportRow[]) =>
  Object.fromEntries(
    rows.map((r) => [r.cell, { planned: r.planned, received: r.received, overdue: r.overdue }]),
  );

/** Every reader, grouping and period: the report's answer against the raw GROUP BY of the reader's departments. */
async function expectRaw(live: boolean) {
  const readers = [
    [admin, null],
    [managerA, [branchA]],
  ] as const;
  const answers: Record<string, unknown> = {};
  for (const [agent, departments] of readers)
    for (const p of periods)
      for (const by of ['month', 'owner', 'department'] as const) {
        const x = await getJson(agent, query(p, by));
        expect(x.freshness.live).toBe(live);
        expect(figures(x.rows)).toEqual(await raw(by, p, departments ? [...departments] : null));
        answers[`${departments}|${p.from}|${by}`] = figures(x.rows);
      }
  return answers;
}

describe('回款分析 over the receivables’ monthly rollup', () => {
  it('reads live until refreshed, then the same figures from the rollup (not live, as of the refresh)', async () => {
    const live = await expectRaw(true);
    const before = new Date();
    expect(await refreshReceivableRollups(t.database.db, t.tenant.id)).toBeGreaterThanOrEqual(5);
    const rolled = await expectRaw(false);
    expect(rolled).toEqual(live);
    const x = await getJson(supervisor, query(whole, 'month'));
    expect(x.freshness.live).toBe(false);
    expect(new Date(x.freshness.asOf).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    // the sibling department apart from A's; ageing and customer stay live
    const b = await getJson(managerB, query(whole, 'month'));
    expect(b.freshness.live).toBe(false);
    expect(b.totals).toMatchObject({ planned: '28000.00', received: '3200.00' });
    for (const by of ['ageing', 'customer'])
      expect((await getJson(supervisor, query(whole, by))).freshness.live).toBe(true);
    // overdue in a whole month: the unpaid remainders (3000 − 500 and 4000 paid in full, per manager)
    const months = figures((await getJson(managerA, query(whole, 'month'))).rows);
    expect(months[m(3)]).toEqual({ planned: '7000.00', received: '500.00', overdue: '2500.00' });
  });

  it('a payment against an old plan, a new plan in an old month and a moved plan show after the next refresh', async () => {
    // what was written an hour ago is in the rollup
    for (const table of ['payment_plans', 'payments'])
      await t.database.db.execute(
        sql`UPDATE ${sql.identifier(table)} SET updated_at = updated_at - interval '1 hour' WHERE tenant_id = ${t.tenant.id}`,
      );
    await refreshReceivableRollups(t.database.db, t.tenant.id);
    const stale = await getJson(managerA, query(whole, 'month'));
    await pay(managerA, contractA, '1000.00', todayIn(ZONE), plansOfA[4]); // into 5000 due in m(2), paid today
    await plan(managerA, contractA, '900.00', `${m(3)}-12`);
    const moving = plansOfA[6]; // 7000 due in m(1) → m(2)
    const peek = await getJson(managerA, `/api/v1/payment-plans/${moving}`);
    const res = await managerA.patch(`/api/v1/payment-plans/${moving}`, {
      dueDate: `${m(2)}-16`,
      version: peek.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await getJson(managerA, query(whole, 'month'))).totals).toEqual(stale.totals);
    // m(3) (new plan), m(2) (paid plan, moved in), m(1) (moved out), this month (the payment)
    expect(await refreshReceivableRollups(t.database.db, t.tenant.id)).toBe(4);
    await expectRaw(false);
    const months = figures((await getJson(managerA, query(whole, 'month'))).rows);
    expect(months[m(2)]).toEqual({ planned: '12000.00', received: '4000.00', overdue: '11000.00' });
    expect(months[m(1)]).toMatchObject({ planned: '6000.00' });
  });
});
