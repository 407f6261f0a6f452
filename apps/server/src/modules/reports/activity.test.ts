import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeCustomer, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createCheckInAs } from '../check-ins/test-helpers.ts';
import {
  exportedRows,
  exportedTotal,
  getJson,
  type ReportRow,
  refusesOn,
  rowByCell,
  twoBranchOrg,
} from './report-test-helpers.ts';

// 活动量: follow-ups, visits, check-ins and new customers per person and department, each part
// within its module's scope — equal to the raw GROUP BY, disjoint between sibling departments,
// drillable to exactly the records counted.

let t: TestContext;
let admin: Agent;
let managerA: Agent;
let managerB: Agent;
let supervisor: Agent;
let noReport: Agent;
let noFollowUps: Agent;
let userA: string;
let branchA: string;
let branchB: string;
const recordsOfA: string[] = [];

const SHANGHAI = { lat: 31.2304, lng: 121.4737 };
const work = [
  'follow-ups:view',
  'follow-ups:create',
  'check-ins:view',
  'check-ins:create',
  'customers:view',
  'customers:create',
];
const scopes = (scope: string) => ({ 'follow-ups': scope, 'check-ins': scope, customers: scope });

beforeAll(async () => {
  t = await createTestContext();
  let org: { managerA: string };
  ({
    admin,
    branchA,
    branchB,
    managerA,
    managerB,
    supervisor,
    noReport,
    noView: noFollowUps,
    ids: org,
  } = await twoBranchOrg(t, {
    work,
    report: 'reports:activity',
    scopes,
    blind: { permissions: ['customers:view', 'reports:activity'], scopes: scopes('department') },
  }));
  userA = org.managerA;

  const type = (await admin.get('/api/v1/dictionaries/follow-up-type/items')).json().data[0].id;
  const followUp = async (agent: Agent, customerId: string) => {
    const res = await agent.post('/api/v1/follow-ups', { type, customerId, content: unique('沟通') });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  // A: a customer, two follow-ups, a visit and an attendance check-in; B: one of each but the visit
  const customerA = (await makeCustomer(managerA, SHANGHAI)).id;
  recordsOfA.push(
    customerA,
    await followUp(managerA, customerA),
    await followUp(managerA, customerA),
    (await createCheckInAs(managerA, { type: 'visit-in', customerId: customerA })).id,
    (await createCheckInAs(managerA)).id,
  );
  const customerB = (await makeCustomer(managerB, SHANGHAI)).id;
  await followUp(managerB, customerB);
  await createCheckInAs(managerB);
});
afterAll(() => t.close());

/** The raw GROUP BY per department this month (the tenant's zone), each table on its own. */
async function rawByDepartment(departments: string[]) {
  const month = sql`date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'`;
  const list = sql`${`{${departments.join(',')}}`}::uuid[]`;
  const rows = await t.database.db.execute(sql`
    SELECT d::text, sum(fu)::int AS fu, sum(ci)::int AS ci, sum(v)::int AS v, sum(cu)::int AS cu FROM (
      SELECT u.department_id AS d, 1 AS fu, 0 AS ci, 0 AS v, 0 AS cu FROM follow_ups x JOIN users u ON u.id = x.user_id
        WHERE x.tenant_id = ${t.tenant.id} AND x.deleted_at IS NULL AND x.occurred_at >= ${month}
      UNION ALL SELECT x.department_id, 0, 1, (x.type = 'visit-in')::int, 0 FROM check_ins x
        WHERE x.tenant_id = ${t.tenant.id} AND x.captured_at >= ${month}
      UNION ALL SELECT u.department_id, 0, 0, 0, 1 FROM customers x JOIN users u ON u.id = x.created_by
        WHERE x.tenant_id = ${t.tenant.id} AND x.deleted_at IS NULL AND x.state = 'active' AND x.created_at >= ${month}
    ) r WHERE d = ANY(${list}) GROUP BY d`);
  return new Map(
    (rows.rows as { d: string; fu: number; ci: number; v: number; cu: number }[]).map((r) => [
      r.d,
      { followUps: r.fu, checkIns: r.ci, visits: r.v, customers: r.cu },
    ]),
  );
}

describe('活动量 activity', () => {
  it('sibling departments see disjoint numbers summing to their supervisor’s, each equal to the raw GROUP BY', async () => {
    const raw = await rawByDepartment([branchA, branchB]);
    const a = await getJson(managerA, '/api/v1/reports/activity?groupBy=department');
    const b = await getJson(managerB, '/api/v1/reports/activity?groupBy=department');
    const s = await getJson(supervisor, '/api/v1/reports/activity?groupBy=department');
    expect(a.rows.map((r: ReportRow) => r.cell)).toEqual([branchA]);
    expect(b.rows.map((r: ReportRow) => r.cell)).toEqual([branchB]);
    expect(a.rows[0]).toMatchObject({ followUps: 2, visits: 1, checkIns: 2, customers: 1 });
    expect(a.rows[0]).toMatchObject(raw.get(branchA) ?? {});
    expect(b.rows[0]).toMatchObject({ followUps: 1, visits: 0, checkIns: 1, customers: 1 });
    expect(b.rows[0]).toMatchObject(raw.get(branchB) ?? {});
    expect(rowByCell(s.rows, branchA)).toMatchObject(raw.get(branchA) ?? {});
    expect(rowByCell(s.rows, branchB)).toMatchObject(raw.get(branchB) ?? {});
    expect(s.totals).toMatchObject({ followUps: 3, visits: 1, checkIns: 3, customers: 2 });
    expect(s.freshness.live).toBe(true);
  });

  it('per person and per month, named; the kind filter keeps one part', async () => {
    const s = await getJson(supervisor, '/api/v1/reports/activity?groupBy=user');
    const a = rowByCell(s.rows, userA);
    expect(a).toMatchObject({ followUps: 2, checkIns: 2 });
    expect(a?.user).toMatch(/^测试/);
    const months = await getJson(managerA, '/api/v1/reports/activity?groupBy=month&range=thisYear');
    expect(months.totals).toMatchObject({ followUps: 2, visits: 1, checkIns: 2, customers: 1 });
    const onlyCheckIns = await getJson(managerA, '/api/v1/reports/activity?groupBy=user&kind=check-in');
    expect(onlyCheckIns.totals).toMatchObject({ followUps: 0, checkIns: 2, customers: 0 });
  });

  it('the period counts by each record’s own date: a follow-up moved to last year leaves this month', async () => {
    await t.database.db.execute(
      sql`UPDATE follow_ups SET occurred_at = occurred_at - interval '1 year' WHERE id = ${recordsOfA[1]}`,
    );
    try {
      const a = await getJson(managerA, '/api/v1/reports/activity?groupBy=department&compare=lastYear');
      expect(a.rows[0]).toMatchObject({ followUps: 1, followUpsCompare: 1 });
    } finally {
      await t.database.db.execute(
        sql`UPDATE follow_ups SET occurred_at = occurred_at + interval '1 year' WHERE id = ${recordsOfA[1]}`,
      );
    }
  });

  it('a drill-down lists exactly the records of the cell, of every kind, saying what each is', async () => {
    const page = await getJson(
      supervisor,
      `/api/v1/reports/activity/drill?groupBy=department&cell=${branchA}&pageSize=100`,
    );
    expect(page.total).toBe(5);
    expect(page.data.map((r: { id: string }) => r.id).sort()).toEqual([...recordsOfA].sort());
    const titles = page.data.map((r: { title: string }) => r.title.split(' · ')[0]).sort();
    expect(titles).toEqual(['新增客户', '签到', '签到', '跟进', '跟进'].sort());
    const visits = page.data.filter((r: { values: { visits: number } }) => r.values.visits === 1);
    expect(visits).toHaveLength(1);
    // B's manager has nothing of A's department in scope
    const none = await getJson(managerB, `/api/v1/reports/activity/drill?groupBy=department&cell=${branchA}`);
    expect(none.total).toBe(0);
  });

  it('refuses a bad dimension or filter on its field; 404 without the report or follow-ups:view', async () => {
    await refusesOn(supervisor, '/api/v1/reports/activity?groupBy=colour', 'groupBy');
    await refusesOn(supervisor, '/api/v1/reports/activity?kind=call', 'kind');
    await refusesOn(supervisor, '/api/v1/reports/activity?userId=nope', 'userId');
    await refusesOn(supervisor, '/api/v1/reports/activity?departmentId=nope', 'departmentId');
    await getJson(noReport, '/api/v1/reports/activity', 404);
    await getJson(noFollowUps, '/api/v1/reports/activity', 404);
    await getJson(noFollowUps, `/api/v1/reports/activity/drill?cell=${userA}`, 404);
  });

  it('the XLSX holds the same totals', async () => {
    const values = await exportedRows(
      supervisor,
      '/api/v1/reports/activity/export?format=xlsx&groupBy=department',
    );
    expect(exportedTotal(values, '部门', '跟进')).toBe(3);
    expect(exportedTotal(values, '部门', '签到')).toBe(3);
    expect(exportedTotal(values, '部门', '新增客户')).toBe(2);
  });
});
