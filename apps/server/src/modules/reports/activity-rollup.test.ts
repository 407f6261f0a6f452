import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../platform/dates.ts';
import type { Agent } from '../../test/agent.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createCheckInAs } from '../check-ins/test-helpers.ts';
import { refreshCustomerRollups } from '../customers/rollup-service.ts';
import { refreshFollowUpRollups } from '../follow-ups/rollup-service.ts';
import { getJson } from './report-test-helpers.ts';

// 活动量 reads the whole months' follow-ups and new customers from their monthly rollups once
// refreshed (not live, as of the refresh), check-ins as live, the edges live: the same figures as live,
// sibling departments disjoint and adding up to their supervisor; a follow-up moved to another
// month leaves its old month at the next refresh.

const URL = '/api/v1/reports/activity';
let t: TestContext;
let managerA: Agent;
let managerB: Agent;
let supervisor: Agent;
let branchA: string;
let branchB: string;
let moving: { id: string; version: number };

const m = (back: number) => {
  const today = todayIn('Asia/Shanghai');
  return new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - back, 1))
    .toISOString()
    .slice(0, 7);
};
/** m(2) from the rollup; the 20th of m(3) … the 10th of m(1) live. */
const edgy = () => `range=custom&from=${m(3)}-15&to=${m(1)}-10`;
const at = (month: number, day: string) => `${m(month)}-${day}T12:00:00+08:00`;

beforeAll(async () => {
  t = await createTestContext();
  const admin = await t.admin();
  const region = (await makeDepartment(admin, t.tenant.rootDepartmentId)).id;
  branchA = (await makeDepartment(admin, region)).id;
  branchB = (await makeDepartment(admin, region)).id;
  const work = [
    'follow-ups:view',
    'follow-ups:create',
    'follow-ups:edit',
    'check-ins:view',
    'check-ins:create',
  ];
  const scopes = (scope: string) => ({ 'follow-ups': scope, 'check-ins': scope, customers: scope });
  const perms = [...work, 'customers:view', 'customers:create', 'reports:activity'];
  const manager = await makeRole(admin, perms, scopes('department'));
  const overseer = await makeRole(admin, perms, scopes('department_and_children'));
  const login = async (departmentId: string, roleId: string) =>
    t.login((await makeUser(admin, { departmentId, roleIds: [roleId] })).username);
  managerA = await login(branchA, manager.id);
  managerB = await login(branchB, manager.id);
  supervisor = await login(region, overseer.id);
  const type = (await admin.get('/api/v1/dictionaries/follow-up-type/items')).json().data[0].id;
  const followUp = async (agent: Agent, customerId: string, occurredAt: string) => {
    const res = await agent.post('/api/v1/follow-ups', {
      type,
      customerId,
      content: unique('沟通'),
      occurredAt,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number };
  };
  const customerA = (await makeCustomer(managerA)).id;
  const customerB = (await makeCustomer(managerB)).id;
  moving = await followUp(managerA, customerA, at(2, '03'));
  await followUp(managerA, customerA, at(2, '28'));
  await followUp(managerA, customerA, at(3, '20')); // an edge: live
  await followUp(managerB, customerB, at(2, '15'));
  await followUp(managerB, customerB, at(1, '05')); // an edge: live
  await followUp(managerB, customerB, at(1, '20')); // after the period
  // a visit in m(2) and the customers entered in m(2) (live parts of the rollup's months)
  const visit = await createCheckInAs(managerA, { type: 'visit-in', customerId: customerA });
  await t.database.db.execute(
    sql`UPDATE check_ins SET captured_at = ${at(2, '10')}::timestamptz WHERE id = ${visit.id}`,
  );
  await t.database.db.execute(
    sql`UPDATE customers SET created_at = ${at(2, '02')}::timestamptz WHERE id IN (${customerA}, ${customerB})`,
  );
});
afterAll(() => t.close());

type Answer = {
  rows: Record<string, unknown>[];
  totals: Record<string, unknown>;
  freshness: { live: boolean };
};
const read = async (agent: Agent, by: string) =>
  (await getJson(agent, `${URL}?${edgy()}&groupBy=${by}`)) as Answer;

describe('活动量 over the follow-ups’ monthly rollup', () => {
  it('after a refresh: the same figures as live, not live; siblings disjoint, adding up to their supervisor', async () => {
    const live = new Map<string, Answer>();
    for (const [name, agent] of [
      ['A', managerA],
      ['B', managerB],
      ['S', supervisor],
    ] as const)
      for (const by of ['user', 'department', 'month']) {
        const x = await read(agent, by);
        expect(x.freshness.live).toBe(true);
        live.set(`${name}:${by}`, x);
      }
    expect(live.get('S:department')?.totals).toMatchObject({
      followUps: 5,
      visits: 1,
      checkIns: 1,
      customers: 2,
    });
    expect(await refreshFollowUpRollups(t.database.db, t.tenant.id)).toBe(3);
    // the new customers' rollup too: the report is as of the older of the two refreshes
    await refreshCustomerRollups(t.database.db, t.tenant.id);
    for (const [name, agent] of [
      ['A', managerA],
      ['B', managerB],
      ['S', supervisor],
    ] as const)
      for (const by of ['user', 'department', 'month']) {
        const x = await read(agent, by);
        expect(x.freshness.live).toBe(false);
        expect(x.rows).toEqual(live.get(`${name}:${by}`)?.rows);
        expect(x.totals).toEqual(live.get(`${name}:${by}`)?.totals);
      }
    const a = await read(managerA, 'department');
    const b = await read(managerB, 'department');
    const s = await read(supervisor, 'department');
    expect(a.rows.map((r) => r.cell)).toEqual([branchA]);
    expect(b.rows.map((r) => r.cell)).toEqual([branchB]);
    expect(Number(a.totals.followUps) + Number(b.totals.followUps)).toBe(s.totals.followUps);
    expect(a.totals).toMatchObject({ followUps: 3, visits: 1, customers: 1 });
    // the kind filter is not in the rollup: live
    const kind = await getJson(supervisor, `${URL}?${edgy()}&kind=follow-up`);
    expect(kind.freshness.live).toBe(true);
    expect(kind.totals.followUps).toBe(5);
  });

  it('a follow-up moved out of a rollup month leaves it at the next refresh', async () => {
    // what was written an hour ago is in the rollup; then one follow-up moves
    await t.database.db.execute(
      sql`UPDATE follow_ups SET updated_at = updated_at - interval '1 hour' WHERE tenant_id = ${t.tenant.id}`,
    );
    await refreshFollowUpRollups(t.database.db, t.tenant.id);
    const res = await managerA.patch(`/api/v1/follow-ups/${moving.id}`, {
      version: moving.version,
      occurredAt: at(1, '25'),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await read(supervisor, 'user')).totals.followUps).toBe(5); // as of the last refresh
    // the month it left and the month it entered
    expect(await refreshFollowUpRollups(t.database.db, t.tenant.id)).toBe(2);
    const after = await read(supervisor, 'department');
    expect(after.freshness.live).toBe(false);
    expect(after.totals.followUps).toBe(4);
    const [{ n }] = (
      await t.database.db.execute(sql`SELECT count(*)::int AS n FROM follow_ups f JOIN users u ON u.id = f.user_id
        WHERE f.tenant_id = ${t.tenant.id} AND f.deleted_at IS NULL AND u.department_id IN (${branchA}, ${branchB})
          AND f.occurred_at >= ${`${m(3)}-15T00:00:00+08:00`}::timestamptz
          AND f.occurred_at < ${`${m(1)}-11T00:00:00+08:00`}::timestamptz`)
    ).rows as { n: number }[];
    expect(after.totals.followUps).toBe(n);
  });
});
