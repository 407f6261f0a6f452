import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { inDays, makeContract, paymentMethod } from '../../test/contract-factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { twoBranchOrg } from './report-test-helpers.ts';

// 回款分析: planned against received of the receivables scope, the overdue remainder by ageing —
// each figure equal to the raw GROUP BY over the same rows, sibling departments disjoint and adding
// up to their supervisor's, a drill-down listing exactly the plans and payments counted.

let t: TestContext;
let admin: Agent;
let managerA: Agent;
let managerB: Agent;
let supervisor: Agent;
let noReport: Agent;
let noView: Agent;
let branchA: string;
let branchB: string;
let customerA: string;
const idsOfA: string[] = [];

const selling = [
  'contracts:view',
  'contracts:create',
  'contracts:edit',
  'customers:view',
  'customers:create',
  'receivables:view',
  'receivables:create',
  'receivables:edit',
];
const scopes = (s: string) => ({ contracts: s, customers: s, receivables: s });

const get = async (agent: Agent, url: string, status = 200) => {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
type Row = Record<string, string | number | null>;
const byCell = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.cell, r]));

async function plan(agent: Agent, contractId: string, amount: string, dueDate: string) {
  const res = await agent.post('/api/v1/payment-plans', { contractId, amount, dueDate });
  expect(res.statusCode, res.body).toBe(201);
  return `plan:${res.json().id}`;
}
async function pay(agent: Agent, contractId: string, amount: string, method: string) {
  const res = await agent.post('/api/v1/payments', { contractId, amount, paidAt: inDays(0), method });
  expect(res.statusCode, res.body).toBe(201);
  return `payment:${res.json().id}`;
}

beforeAll(async () => {
  t = await createTestContext();
  ({ admin, branchA, branchB, managerA, managerB, supervisor, noReport, noView } = await twoBranchOrg(t, {
    work: selling,
    report: 'reports:receivables',
    scopes,
    blind: { permissions: ['reports:receivables', 'customers:view'], scopes: { customers: 'department' } },
  }));
  const method = await paymentMethod(admin);

  const kA = await makeContract(managerA, { amount: '10000.00' }, { active: true });
  customerA = kA.customerId;
  idsOfA.push(
    await plan(managerA, kA.id, '3000.00', inDays(-45)),
    await plan(managerA, kA.id, '2000.00', inDays(-5)),
    await plan(managerA, kA.id, '5000.00', inDays(20)),
    await pay(managerA, kA.id, '1000.00', method),
  );
  const kB = await makeContract(managerB, { amount: '8000.00' }, { active: true });
  await plan(managerB, kB.id, '4000.00', inDays(-100));
  await pay(managerB, kB.id, '500.00', method);
});
afterAll(() => t.close());

/** The raw figures per department: plans, counted payments, and the unpaid remainder past due. */
async function raw(departmentId: string) {
  const rows = await t.database.db.execute(sql`SELECT
      (SELECT coalesce(sum(amount), 0)::text FROM payment_plans WHERE tenant_id = ${t.tenant.id}
        AND deleted_at IS NULL AND department_id = ${departmentId}) AS planned,
      (SELECT coalesce(sum(amount - paid), 0)::text FROM payment_plans WHERE tenant_id = ${t.tenant.id}
        AND deleted_at IS NULL AND department_id = ${departmentId} AND paid < amount
        AND due_date < (now() AT TIME ZONE 'Asia/Shanghai')::date) AS overdue,
      (SELECT coalesce(sum(amount), 0)::text FROM payments WHERE tenant_id = ${t.tenant.id}
        AND status = 'counted' AND department_id = ${departmentId}) AS received`);
  return rows.rows[0] as { planned: string; overdue: string; received: string };
}

describe('回款分析', () => {
  it('sibling managers see disjoint figures adding up to their supervisor’s, each the raw GROUP BY', async () => {
    const [rawA, rawB] = [await raw(branchA), await raw(branchB)];
    const a = await get(managerA, '/api/v1/reports/receivables?groupBy=department&range=all');
    const b = await get(managerB, '/api/v1/reports/receivables?groupBy=department&range=all');
    const s = await get(supervisor, '/api/v1/reports/receivables?groupBy=department&range=all');
    expect(a.rows.map((r: Row) => r.cell)).toEqual([branchA]);
    expect(b.rows.map((r: Row) => r.cell)).toEqual([branchB]);
    expect(a.totals).toMatchObject({ planned: rawA.planned, received: rawA.received, overdue: rawA.overdue });
    expect(b.totals).toMatchObject({ planned: rawB.planned, received: rawB.received, overdue: rawB.overdue });
    expect(a.totals).toMatchObject({ planned: '10000.00', received: '1000.00', receivedRate: 10 });
    expect(b.totals).toMatchObject({ planned: '4000.00', received: '500.00', overdue: '3500.00' });
    expect(s.totals).toMatchObject({ planned: '14000.00', received: '1500.00' });
    expect(Number(s.totals.overdue)).toBe(Number(rawA.overdue) + Number(rawB.overdue));
    expect(byCell(s.rows)[branchA]).toMatchObject({ planned: '10000.00', received: '1000.00' });
    expect(s.chart.measures).toEqual(['planned', 'received']);
  });

  it('ages the overdue remainder in buckets, named in the reader’s language', async () => {
    const s = await get(supervisor, '/api/v1/reports/receivables?groupBy=ageing&range=all');
    const rows = byCell(s.rows);
    // the 2,000 due 5 days ago and the 4,000 due 100 days ago are unpaid; the payment of A went somewhere in A
    expect(rows['4']).toMatchObject({ ageing: '逾期 90 天以上', planned: '4000.00', overdue: '3500.00' });
    expect(rows['0']).toMatchObject({ ageing: '未逾期', planned: '5000.00', overdue: '0.00' });
    expect(rows.__none__).toMatchObject({ ageing: '未设置', planned: '0.00', received: '1500.00' });
    const overdueA = Number(rows['1']?.overdue ?? 0) + Number(rows['2']?.overdue ?? 0);
    expect(overdueA).toBe(Number((await raw(branchA)).overdue));
    // keys in order: not overdue first, then ever older, payments last
    expect(s.rows.map((r: Row) => r.cell)).toEqual(['0', '1', '2', '4', '__none__']);
    const en = await get(
      supervisor.with({ 'accept-language': 'en-US' }),
      '/api/v1/reports/receivables?groupBy=ageing&range=all',
    );
    expect(JSON.stringify(en.rows)).toContain('Over 90 days overdue');
  });

  it('a drill-down lists exactly the plans and payments of the cell, adding up to it', async () => {
    const page = await get(
      supervisor,
      `/api/v1/reports/receivables/drill?groupBy=department&range=all&cell=${branchA}&pageSize=50`,
    );
    expect(page.total).toBe(4);
    expect(page.data.map((r: { id: string }) => r.id).sort()).toEqual([...idsOfA].sort());
    const sum = (k: string) =>
      page.data.reduce((n: number, r: { values: Record<string, string> }) => n + Number(r.values[k]), 0);
    expect(sum('planned')).toBe(10000);
    expect(sum('received')).toBe(1000);
    const payment = page.data.find((r: { id: string }) => r.id.startsWith('payment:'));
    expect(payment.link).toBe(`/receivables?payment=${payment.id.slice(8)}`);
    expect(
      (await get(managerB, `/api/v1/reports/receivables/drill?range=all&groupBy=department&cell=${branchA}`))
        .total,
    ).toBe(0);
  });

  it('groups by customer with their names, and by month in order', async () => {
    const c = await get(managerA, '/api/v1/reports/receivables?groupBy=customer&range=all');
    expect(c.rows).toHaveLength(1);
    expect(c.rows[0].cell).toBe(customerA);
    expect(c.rows[0].customer).not.toBe(customerA);
    const m = await get(managerA, '/api/v1/reports/receivables?groupBy=month&range=all');
    const months = m.rows.map((r: Row) => r.cell);
    expect(months).toEqual([...months].sort());
    expect(m.totals.planned).toBe('10000.00');
  });

  it('a period counts the plans due and the payments made in it', async () => {
    const from = inDays(-50);
    const to = inDays(-1);
    const a = await get(
      managerA,
      `/api/v1/reports/receivables?groupBy=owner&range=custom&from=${from}&to=${to}`,
    );
    expect(a.totals).toMatchObject({ planned: '5000.00', received: '0.00' });
    const filtered = await get(
      supervisor,
      `/api/v1/reports/receivables?groupBy=owner&range=all&customerId=${customerA}`,
    );
    expect(filtered.totals.planned).toBe('10000.00');
    // offered as a search among customers (not a box for an id)
    const entry = (await get(supervisor, '/api/v1/reports')).data.find(
      (x: { code: string }) => x.code === 'receivables',
    );
    expect(entry.filters.find((x: { key: string }) => x.key === 'customerId').type).toBe('customer');
  });

  it('refuses a bad dimension or filter on its field; without the report or the receivables view it is 404', async () => {
    expect(
      JSON.stringify(await get(supervisor, '/api/v1/reports/receivables?groupBy=colour', 400)),
    ).toContain('groupBy');
    expect(JSON.stringify(await get(supervisor, '/api/v1/reports/receivables?customerId=x', 400))).toContain(
      'customerId',
    );
    await get(noReport, '/api/v1/reports/receivables', 404);
    await get(noView, '/api/v1/reports/receivables', 404);
    await get(noView, `/api/v1/reports/receivables/drill?cell=${branchA}&groupBy=department`, 404);
  });

  it('the XLSX holds the same totals', async () => {
    const res = await supervisor.get(
      '/api/v1/reports/receivables/export?format=xlsx&groupBy=department&range=all',
    );
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values = Array.from(book.worksheets[0].getSheetValues(), (r) =>
      Array.isArray(r) ? r.slice(1) : [],
    );
    const header = values.find((r) => r[0] === '部门') as unknown[];
    const total = values.find((r) => r[0] === '合计') as unknown[];
    expect(total[header.indexOf('计划回款')]).toBe(14000);
    expect(total[header.indexOf('实际回款')]).toBe(1500);
  });
});
