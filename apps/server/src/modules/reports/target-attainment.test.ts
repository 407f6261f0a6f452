import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { inDays, makeContract, paymentMethod } from '../../test/contract-factories.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { makeProduct } from '../quotes/test-helpers.ts';

// 目标达成: targets of the scope against their actual — the same actual the targets page shows and
// the raw sum of the basis (orders) computes; sibling departments disjoint and adding up to their
// supervisor's; a cell drilling to exactly its targets.

let t: TestContext;
let admin: Agent;
let managerA: Agent;
let managerB: Agent;
let supervisor: Agent;
let noReport: Agent;
let noView: Agent;
let branchA: string;
let branchB: string;
let userA: string;
let userB: string;
let targetOfBranchA: string;
/** This month in the tenant's zone (Asia/Shanghai). */
const MONTH = `${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)}-01`;
const range = `range=custom&from=${MONTH}&to=${MONTH.slice(0, 8)}28`;

const selling = [
  'orders:view',
  'orders:create',
  'customers:view',
  'customers:create',
  'inventory:view',
  'opportunities:view',
  'opportunities:create',
  'contracts:view',
  'contracts:create',
  'contracts:edit',
  'receivables:view',
  'receivables:create',
];

const get = async (agent: Agent, url: string, status = 200) => {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
type Row = Record<string, string | number | null>;
const byCell = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.cell, r]));

async function target(body: Record<string, unknown>) {
  const res = await admin.post('/api/v1/targets', { period: 'month', start: MONTH, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const region = (await makeDepartment(admin, t.tenant.rootDepartmentId)).id;
  branchA = (await makeDepartment(admin, region)).id;
  branchB = (await makeDepartment(admin, region)).id;
  const perms = [...selling, 'targets:view', 'reports:target-attainment'];
  const manager = await makeRole(admin, perms, {
    targets: 'department',
    orders: 'own',
    customers: 'own',
    opportunities: 'own',
    contracts: 'own',
    receivables: 'own',
  });
  const overseer = await makeRole(admin, perms, { targets: 'department_and_children', orders: 'own' });
  const plain = await makeRole(admin, ['targets:view'], { targets: 'department' });
  const blind = await makeRole(admin, ['reports:target-attainment', 'customers:view'], {
    customers: 'department',
  });
  const a = await makeUser(admin, { departmentId: branchA, roleIds: [manager.id] });
  const b = await makeUser(admin, { departmentId: branchB, roleIds: [manager.id] });
  userA = a.id;
  userB = b.id;
  managerA = await t.login(a.username);
  managerB = await t.login(b.username);
  const user = async (departmentId: string, roleId: string) =>
    t.login((await makeUser(admin, { departmentId, roleIds: [roleId] })).username);
  supervisor = await user(region, overseer.id);
  noReport = await user(branchA, plain.id);
  noView = await user(branchA, blind.id);

  targetOfBranchA = await target({ departmentId: branchA, amount: '2000.00' });
  await target({ departmentId: branchB, amount: '1000.00' });
  await target({ userId: userA, amount: '1000.00' });
  await target({ userId: userB, amount: '600.00' });

  const product = await makeProduct(admin, { listPrice: '100.00' });
  const order = async (agent: Agent, quantity: string) => {
    const customerId = (await makeCustomer(agent)).id;
    const res = await agent.post('/api/v1/orders', {
      customerId,
      lines: [{ productId: product.id, quantity }],
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  await order(managerA, '3.5');
  await order(managerB, '3');
});
afterAll(() => t.close());

/** The raw sum of the basis (orders, not cancelled) per owner in this month of the tenant's zone. */
async function rawOrders(owner: string) {
  const rows = await t.database.db.execute(sql`SELECT coalesce(sum(total), 0)::text AS amount FROM orders
    WHERE tenant_id = ${t.tenant.id} AND deleted_at IS NULL AND status <> 'cancelled' AND owner_id = ${owner}
      AND ordered_at >= (${MONTH}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
      AND ordered_at < ((${MONTH}::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  return (rows.rows[0] as { amount: string }).amount;
}

describe('目标达成', () => {
  it('a person’s actual is the targets page’s and the raw sum of their orders; attainment derived', async () => {
    const s = await get(
      supervisor,
      `/api/v1/reports/target-attainment?${range}&groupBy=person&subject=person`,
    );
    const page = await get(supervisor, `/api/v1/targets/attainment?period=month&start=${MONTH}`);
    const actualOn = (id: string) => page.users.find((u: { id: string }) => u.id === id)?.actual;
    const rows = byCell(s.rows);
    expect(rows[userA]).toMatchObject({ target: '1000.00', actual: '350.00', attainment: 35 });
    expect(rows[userB]).toMatchObject({ target: '600.00', actual: '300.00', attainment: 50 });
    for (const u of [userA, userB]) {
      expect(Number(rows[u].actual)).toBe(Number(actualOn(u)));
      expect(Number(rows[u].actual)).toBe(Number(await rawOrders(u)));
    }
    expect(s.totals).toMatchObject({ target: '1600.00', actual: '650.00', attainment: 40.63 });
    expect(s.chart.measures).toEqual(['target', 'actual']);
  });

  it('a department’s actual is its subtree’s; sibling managers see disjoint figures adding up to their supervisor’s', async () => {
    const q = `${range}&groupBy=department&subject=department`;
    const a = await get(managerA, `/api/v1/reports/target-attainment?${q}`);
    const b = await get(managerB, `/api/v1/reports/target-attainment?${q}`);
    const s = await get(supervisor, `/api/v1/reports/target-attainment?${q}`);
    expect(a.rows.map((r: Row) => r.cell)).toEqual([branchA]);
    expect(b.rows.map((r: Row) => r.cell)).toEqual([branchB]);
    expect(a.totals).toMatchObject({ target: '2000.00', actual: '350.00', attainment: 17.5 });
    expect(b.totals).toMatchObject({ target: '1000.00', actual: '300.00', attainment: 30 });
    expect(s.totals).toMatchObject({ target: '3000.00', actual: '650.00' });
    const page = await get(supervisor, `/api/v1/targets/attainment?period=month&start=${MONTH}`);
    const onPage = page.departments.find((d: { id: string }) => d.id === branchA);
    expect(byCell(s.rows)[branchA].actual).toBe(onPage.actual);
    // by kind of subject: departments and people apart, never added together
    const kinds = await get(supervisor, `/api/v1/reports/target-attainment?${range}&groupBy=subject`);
    expect(kinds.rows.map((r: Row) => [r.cell, r.subject])).toEqual([
      ['department', '部门任务'],
      ['person', '个人任务'],
    ]);
  });

  it('a cell drills to exactly its targets; a sibling sees none of them', async () => {
    const q = `${range}&groupBy=department&subject=department&cell=${branchA}`;
    const page = await get(supervisor, `/api/v1/reports/target-attainment/drill?${q}`);
    expect(page.data.map((r: { id: string }) => r.id)).toEqual([targetOfBranchA]);
    expect(page.data[0].values).toMatchObject({ target: '2000.00', actual: '350.00' });
    expect((await get(managerB, `/api/v1/reports/target-attainment/drill?${q}`)).total).toBe(0);
  });

  it('a period outside the targets’ counts none of them', async () => {
    const s = await get(
      supervisor,
      '/api/v1/reports/target-attainment?range=custom&from=2001-01-01&to=2001-12-31',
    );
    expect(s.rows).toEqual([]);
    expect(s.totals).toMatchObject({ target: '0.00', actual: '0.00', attainment: null });
  });

  it('refuses a bad dimension or filter on its field; without the report or the targets view it is 404', async () => {
    const bad = async (q: string, field: string) =>
      expect(JSON.stringify(await get(supervisor, `/api/v1/reports/target-attainment?${q}`, 400))).toContain(
        field,
      );
    await bad('groupBy=colour', 'groupBy');
    await bad('subject=everyone', 'subject');
    await bad('targetPeriod=week', 'targetPeriod');
    await bad('userId=1', 'userId');
    await get(noReport, '/api/v1/reports/target-attainment', 404);
    await get(noView, '/api/v1/reports/target-attainment', 404);
  });

  it('counts what the tenant’s basis says: won deals or payments, like the targets page', async () => {
    const deal = await managerA.post('/api/v1/opportunities', {
      prospectName: '意向客户甲',
      title: '赢单机会',
      expectedAmount: '800.00',
      expectedCloseDate: inDays(10),
    });
    expect(deal.statusCode, deal.body).toBe(201);
    // won today (closing through its own flow is the opportunities module's test)
    await t.database.db.execute(
      sql`UPDATE opportunities SET status = 'won', closed_at = now() WHERE id = ${deal.json().id}`,
    );
    const k = await makeContract(managerA, { amount: '5000.00' }, { active: true });
    const paid = await managerA.post('/api/v1/payments', {
      contractId: k.id,
      amount: '120.00',
      paidAt: inDays(0),
      method: await paymentMethod(admin),
    });
    expect(paid.statusCode, paid.body).toBe(201);
    const q = `/api/v1/reports/target-attainment?${range}&groupBy=person&subject=person`;
    try {
      for (const [basis, expected] of [
        ['opportunities', '800.00'],
        ['payments', '120.00'],
      ]) {
        const settings = await get(admin, '/api/v1/targets/settings');
        const put = await admin.put('/api/v1/targets/settings', { basis, version: settings.version });
        expect(put.statusCode, put.body).toBe(200);
        const row = byCell((await get(supervisor, q)).rows)[userA];
        const page = await get(supervisor, `/api/v1/targets/attainment?period=month&start=${MONTH}`);
        expect(row.actual).toBe(expected);
        expect(Number(row.actual)).toBe(
          Number(page.users.find((u: { id: string }) => u.id === userA).actual),
        );
      }
    } finally {
      const settings = await get(admin, '/api/v1/targets/settings');
      await admin.put('/api/v1/targets/settings', { basis: 'orders', version: settings.version });
    }
  });

  it('the XLSX holds the same totals', async () => {
    const res = await supervisor.get(
      `/api/v1/reports/target-attainment/export?format=xlsx&${range}&groupBy=person&subject=person`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values = Array.from(book.worksheets[0].getSheetValues(), (r) =>
      Array.isArray(r) ? r.slice(1) : [],
    );
    const header = values.find((r) => r[0] === '人员') as unknown[];
    const total = values.find((r) => r[0] === '合计') as unknown[];
    expect(total[header.indexOf('目标金额')]).toBe(1600);
    expect(total[header.indexOf('实际完成')]).toBe(650);
  });
});
