import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../platform/dates.ts';
import type { Agent } from '../../test/agent.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { refreshCustomerRollups } from '../customers/rollup-service.ts';
import { refreshFollowUpRollups } from '../follow-ups/rollup-service.ts';
import { getJson, type ReportRow } from './report-test-helpers.ts';

// 客户构成 reads whole months from the customers' monthly rollup once refreshed, for 全部 and
// department scopes (a department scope's shared customers added live): every grouping the same
// as live and as a raw GROUP BY, all time and a year with live edges; 本人 reads live; after
// writes a refresh aggregates the touched months only and matches again. 活动量's new customers
// come from the same rollup.

const URL = '/api/v1/reports/customer-composition';
const GROUPINGS = [
  'level',
  'industry',
  'source',
  'province',
  'city',
  'district',
  'credit',
  'satisfaction',
  'owner',
  'department',
];
let t: TestContext;
let admin: Agent;
let managerA: Agent;
let managerB: Agent;
let supervisor: Agent;
let ownA: Agent;
let region: string;
let branchA: string;
let branchB: string;
const ids: Record<string, string> = {};
const customer: Record<string, { id: string; version: number }> = {};

const m = (back: number) => {
  const today = todayIn('Asia/Shanghai');
  return new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - back, 1))
    .toISOString()
    .slice(0, 7);
};
const at = (month: number, day: string) => `${m(month)}-${day}T12:00:00+08:00`;
/** A year: m(12) … m(2) from the rollup, m(13) from the 15th and m(1) to the 10th live. */
const YEAR = { from: `${m(13)}-15`, to: `${m(1)}-10` };
const PERIODS = ['range=all', `range=custom&from=${YEAR.from}&to=${YEAR.to}`];

async function regionItem(name: string, parentId: string | null) {
  const rows = await t.database.db.execute(sql`SELECT id::text FROM dictionary_items
    WHERE tenant_id = ${t.tenant.id} AND type = 'region' AND name = ${name}
      AND parent_id IS NOT DISTINCT FROM ${parentId}::uuid`);
  return (rows.rows[0] as { id: string }).id;
}
const items = async (type: string) =>
  ((await admin.get(`/api/v1/dictionaries/${type}/items`)).json().data as { id: string }[]).map((x) => x.id);

/** A customer entered by `agent`, created at `when` (its updated_at now: written now). */
async function enter(name: string, agent: Agent, when: string, values: Record<string, unknown> = {}) {
  const made = await makeCustomer(agent, values);
  await t.database.db.execute(
    sql`UPDATE customers SET created_at = ${when}::timestamptz WHERE id = ${made.id}`,
  );
  customer[name] = { id: made.id, version: made.version };
  return made.id as string;
}

/** Deletes a customer at its current version. */
async function remove(name: string) {
  const [{ version }] = (
    await t.database.db.execute(sql`SELECT version FROM customers WHERE id = ${customer[name].id}`)
  ).rows as { version: number }[];
  const res = await admin.delete(`/api/v1/customers/${customer[name].id}?version=${version}`);
  expect(res.statusCode, res.body).toBeLessThan(300);
}

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  region = (await makeDepartment(admin, t.tenant.rootDepartmentId)).id;
  branchA = (await makeDepartment(admin, region)).id;
  branchB = (await makeDepartment(admin, region)).id;
  const perms = [
    'customers:view',
    'customers:create',
    'customers:edit',
    'follow-ups:view',
    'reports:customer-composition',
    'reports:activity',
  ];
  const scopes = (scope: string) => ({ customers: scope, 'follow-ups': scope, 'check-ins': scope });
  const manager = await makeRole(admin, perms, scopes('department'));
  const overseer = await makeRole(admin, perms, scopes('department_and_children'));
  const own = await makeRole(admin, perms, scopes('own'));
  const login = async (name: string, departmentId: string, roleId: string) => {
    const u = await makeUser(admin, { departmentId, roleIds: [roleId] });
    ids[name] = u.id;
    return t.login(u.username);
  };
  managerA = await login('managerA', branchA, manager.id);
  managerB = await login('managerB', branchB, manager.id);
  supervisor = await login('supervisor', region, overseer.id);
  ownA = await login('ownA', branchA, own.id);

  const [l1, l2] = await items('customer-level');
  const [i1] = await items('industry');
  const guangdong = await regionItem('广东省', null);
  const shenzhen = await regionItem('深圳市', guangdong);
  const nanshan = await regionItem('南山区', shenzhen);
  const guangzhou = await regionItem('广州市', guangdong);
  const beijing = await regionItem('北京市', null);
  ids.l1 = l1;
  ids.l2 = l2;
  await enter('a1', managerA, at(2, '10'), { levelId: l1, industryId: i1, regionId: nanshan, credit: 4 });
  await enter('a2', managerA, at(5, '03'), { levelId: l2, regionId: guangzhou, satisfaction: 3 });
  await enter('a3', managerA, at(14, '20'), { levelId: l1 });
  await enter('a4', managerA, at(13, '20'), { levelId: l2, regionId: nanshan }); // the year's first edge
  await enter('b1', managerB, at(2, '28'), { levelId: l2, industryId: i1, regionId: beijing });
  await enter('b2', managerB, at(3, '14'), { levelId: l1, regionId: shenzhen });
  await enter('b3', managerB, at(1, '05'), { levelId: l1 }); // the year's last edge
  await enter('root', admin, at(2, '02'), { levelId: l2 });
  await enter('own', ownA, at(4, '04'), { levelId: l1 });
  await enter('gone', managerA, at(2, '11'), { levelId: l1 });
  await enter('now', managerA, new Date().toISOString(), { levelId: l2 }); // this month: live
  await remove('gone');
  // b2 is shared with managerA (not in branch A: added live), a1 too (in branch A: counted once)
  for (const name of ['b2', 'a1']) {
    const res = await admin.post(`/api/v1/customers/${customer[name].id}/share`, {
      userIds: [ids.managerA],
      access: 'read',
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
  }
});
afterAll(() => t.close());

type Answer = { rows: ReportRow[]; totals: ReportRow; freshness: { live: boolean; asOf: string } };
const read = async (agent: Agent, query: string) =>
  (await getJson(agent, `${URL}?${query}&top=500`)) as Answer;
const counts = (a: Answer) => Object.fromEntries(a.rows.map((r) => [String(r.cell), Number(r.customers)]));

/** The raw GROUP BY: active customers per `column` of those matching `where`, in the period. */
async function raw(column: string, where: SQL, period: string) {
  const within =
    period === 'range=all'
      ? sql`TRUE`
      : sql`c.created_at >= ${`${YEAR.from}T00:00:00+08:00`}::timestamptz
          AND c.created_at < (${YEAR.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;
  const rows =
    await t.database.db.execute(sql`SELECT c.${sql.identifier(column)}::text AS k, count(*)::int AS n
    FROM customers c WHERE c.tenant_id = ${t.tenant.id} AND c.deleted_at IS NULL AND c.state = 'active'
      AND ${where} AND ${within} GROUP BY 1`);
  return Object.fromEntries((rows.rows as { k: string | null; n: number }[]).map((r) => [String(r.k), r.n]));
}
const sharedWith = (user: string, department: string) =>
  sql`c.id IN (SELECT s.customer_id FROM customer_shares s WHERE s.user_id = ${ids[user]} OR s.department_id = ${department})`;
/** Who sees what, as raw SQL: 全部, branch A's manager (with a share), the region's supervisor. */
const scopes = () =>
  [
    [admin, sql`TRUE`],
    [managerA, sql`(c.department_id = ${branchA} OR ${sharedWith('managerA', branchA)})`],
    [
      supervisor,
      sql`(c.department_id IN (${region}, ${branchA}, ${branchB}) OR ${sharedWith('supervisor', region)})`,
    ],
  ] as const;

async function expectRaw(fresh: boolean) {
  for (const [agent, where] of scopes())
    for (const period of PERIODS)
      for (const [by, column] of [
        ['level', 'level_id'],
        ['department', 'department_id'],
        ['owner', 'owner_id'],
      ]) {
        const x = await read(agent, `${period}&groupBy=${by}`);
        expect(x.freshness.live, `${period} ${by}`).toBe(!fresh);
        expect(counts(x), `${period} ${by}`).toEqual(await raw(column, where, period));
      }
}

describe('客户构成 over the customers’ monthly rollup', () => {
  it('after a refresh: every grouping as live and as a raw GROUP BY, all time and a year with live edges', async () => {
    const agents = { admin, managerA, managerB, supervisor };
    const live = new Map<string, Answer>();
    for (const [name, agent] of Object.entries(agents))
      for (const period of PERIODS)
        for (const by of GROUPINGS) {
          const x = await read(agent, `${period}&groupBy=${by}`);
          expect(x.freshness.live).toBe(true);
          live.set(`${name} ${period} ${by}`, x);
        }
    // the shared customer outside branch A counts for its manager, the one inside once
    expect(live.get('managerA range=all level')?.totals.customers).toBe(7);
    expect(await refreshCustomerRollups(t.database.db, t.tenant.id)).toBe(8);
    for (const [name, agent] of Object.entries(agents))
      for (const period of PERIODS)
        for (const by of GROUPINGS) {
          const key = `${name} ${period} ${by}`;
          const x = await read(agent, `${period}&groupBy=${by}`);
          expect(x.freshness.live, key).toBe(false);
          expect(Number.isNaN(Date.parse(x.freshness.asOf)), key).toBe(false);
          expect(x.rows, key).toEqual(live.get(key)?.rows);
          expect(x.totals, key).toEqual(live.get(key)?.totals);
        }
    await expectRaw(true);
    // a department filter is kept; a dictionary filter or a region's drill-down reads live
    expect((await read(supervisor, `range=all&departmentId=${branchB}`)).freshness.live).toBe(false);
    const byLevel = await read(admin, `range=all&levelId=${ids.l1}&groupBy=department`);
    expect(byLevel.freshness.live).toBe(true);
  });

  it('a scope of persons (本人) reads live', async () => {
    const x = await read(ownA, 'range=all&groupBy=level');
    expect(x.freshness.live).toBe(true);
    expect(x.totals.customers).toBe(1);
  });

  it('after writes a refresh aggregates the touched months only and matches again', async () => {
    // what was written an hour ago is in the rollup
    await t.database.db.execute(
      sql`UPDATE customers SET updated_at = updated_at - interval '1 hour' WHERE tenant_id = ${t.tenant.id}`,
    );
    expect(await refreshCustomerRollups(t.database.db, t.tenant.id)).toBe(0);
    const before = (await read(admin, 'range=all&groupBy=level')).totals.customers;
    await enter('late', managerB, at(6, '05'), { levelId: ids.l2 }); // m(6)
    const edit = await managerA.patch(`/api/v1/customers/${customer.a2.id}`, {
      version: customer.a2.version,
      levelId: ids.l1,
    }); // m(5)
    expect(edit.statusCode, edit.body).toBe(200);
    const transfer = await admin.post(`/api/v1/customers/${customer.b1.id}/transfer`, {
      ownerId: ids.managerA,
    });
    expect(transfer.statusCode, transfer.body).toBeLessThan(300); // m(2), to branch A
    const pool = await admin.post('/api/v1/pools', {
      name: '公海',
      departmentIds: [],
      recycleNoFollowUpDays: null,
      recycleNoDealDays: null,
      remindDaysBefore: null,
      holdLimit: null,
      dailyClaimLimit: null,
      cooldownDays: null,
    });
    expect(pool.statusCode, pool.body).toBe(201);
    const release = await admin.post(`/api/v1/customers/${customer.a3.id}/release`, {
      reason: '无意向',
      poolId: pool.json().id,
    });
    expect(release.statusCode, release.body).toBeLessThan(300); // m(14), to the pool
    await remove('b2'); // m(3)
    // ownA moves to branch B and takes their customer along: m(4)
    const current = (await admin.get(`/api/v1/users/${ids.ownA}`)).json();
    const moved = await admin.patch(`/api/v1/users/${ids.ownA}`, {
      version: current.version,
      departmentId: branchB,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    // as of the last refresh until the next
    expect((await read(admin, 'range=all&groupBy=level')).totals.customers).toBe(before);
    expect(await refreshCustomerRollups(t.database.db, t.tenant.id)).toBe(6);
    await expectRaw(true);
  });

  it('活动量’s new customers come from the rollup: the same as live, as of its refresh', async () => {
    const q = `/api/v1/reports/activity?range=custom&from=${YEAR.from}&to=${YEAR.to}&groupBy=user`;
    await refreshFollowUpRollups(t.database.db, t.tenant.id);
    await refreshCustomerRollups(t.database.db, t.tenant.id);
    const rolled = new Map<Agent, ReportRow>();
    for (const agent of [admin, managerA, supervisor]) {
      const x = (await getJson(agent, q)) as Answer;
      expect(x.freshness.live).toBe(false);
      rolled.set(agent, x.totals);
    }
    // the same figures live (a kind filter is not in the rollup; customers only)
    for (const agent of [admin, managerA, supervisor]) {
      const x = (await getJson(agent, `${q}&kind=customer`)) as Answer;
      expect(x.freshness.live).toBe(true);
      expect(x.totals.customers).toBe(rolled.get(agent)?.customers);
    }
    expect(rolled.get(managerA)?.customers).toBe(4);
    await enter('unseen', managerA, at(4, '01'));
    expect(((await getJson(managerA, q)) as Answer).totals.customers).toBe(4);
    await refreshCustomerRollups(t.database.db, t.tenant.id);
    expect(((await getJson(managerA, q)) as Answer).totals.customers).toBe(5);
  });
});
