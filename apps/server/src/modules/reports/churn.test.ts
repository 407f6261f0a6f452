import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeCustomer } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { twoBranchOrg } from './report-test-helpers.ts';

// 流失分析: the figures equal the raw GROUP BY over the churn records of the same scope and period,
// sibling managers' numbers are disjoint and add up to their supervisor's, a drill-down lists
// exactly the records counted, and the XLSX holds the same totals.

let t: TestContext;
let admin: Agent;
let managerA: Agent;
let managerB: Agent;
let supervisor: Agent;
let noReport: Agent;
let noChurn: Agent;
let managerAId: string;
let managerBId: string;
let branchA: string;
let branchB: string;
let reasons: string[];
/** Churn record ids by customer role: A's lost, recovered and open ones, last year's, B's lost one. */
const rec: Record<'aLost' | 'aRecovered' | 'aOpen' | 'aOld' | 'bLost', string> = {
  aLost: '',
  aRecovered: '',
  aOpen: '',
  aOld: '',
  bLost: '',
};

type Row = Record<string, string | number | null>;

const get = async (agent: Agent, url: string, status = 200) => {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

/** A customer of the owner who has not ordered for two years: the churn job warns it. */
async function silentCustomer(ownerId: string) {
  const c = (await makeCustomer(admin, { ownerId })) as { id: string };
  await t.database.db.execute(sql`UPDATE customers SET owned_since = now() - interval '2 years',
    created_at = now() - interval '2 years', last_order_at = NULL WHERE id = ${c.id}`);
  return c.id;
}

const recordOf = async (customerId: string) =>
  (
    (
      await t.database.db.execute(
        sql`SELECT id::text FROM churn_records WHERE tenant_id = ${t.tenant.id} AND customer_id = ${customerId}`,
      )
    ).rows[0] as { id: string }
  ).id;

/** What became of a record (moved in SQL: the workflow itself is the churn module's tests). */
const settle = (id: string, status: string, risk: number, reasonId: string | null) =>
  t.database.db.execute(
    sql`UPDATE churn_records SET status = ${status}, risk = ${risk}, reason_id = ${reasonId} WHERE id = ${id}`,
  );

beforeAll(async () => {
  t = await createTestContext();
  const working = ['churn:view', 'customers:view'];
  let org: { managerA: string; managerB: string };
  ({
    admin,
    branchA,
    branchB,
    managerA,
    managerB,
    supervisor,
    noReport,
    noView: noChurn,
    ids: org,
  } = await twoBranchOrg(t, {
    work: working,
    report: 'reports:churn',
    scopes: (scope) => ({ churn: scope, customers: scope }),
    blind: { permissions: ['reports:churn'], scopes: {} },
  }));
  [managerAId, managerBId] = [org.managerA, org.managerB];
  reasons = (
    (await admin.get('/api/v1/dictionaries/churn-reason/items')).json().data as { id: string }[]
  ).map((r) => r.id);

  const customers = {
    aLost: await silentCustomer(managerAId),
    aRecovered: await silentCustomer(managerAId),
    aOpen: await silentCustomer(managerAId),
    aOld: await silentCustomer(managerAId),
    bLost: await silentCustomer(managerBId),
  };
  const run = await admin.post('/api/v1/churn/run', {});
  expect(run.statusCode, run.body).toBe(200);
  for (const k of Object.keys(customers) as (keyof typeof customers)[]) rec[k] = await recordOf(customers[k]);
  await settle(rec.aLost, 'confirmed', 85, reasons[0]);
  await settle(rec.aRecovered, 'recovered', 30, reasons[1]);
  await settle(rec.aOpen, 'warning', 10, null);
  await settle(rec.aOld, 'confirmed', 90, reasons[0]);
  await settle(rec.bLost, 'confirmed', 50, reasons[0]);
  // raised last year: outside this year's period
  await t.database.db.execute(
    sql`UPDATE churn_records SET created_at = created_at - interval '1 year' WHERE id = ${rec.aOld}`,
  );
});
afterAll(() => t.close());

/** The raw GROUP BY over churn_records: raised this year (tenant zone), per department. */
async function rawByDepartment() {
  const rows = await t.database.db.execute(sql`SELECT department_id::text AS d, count(*)::int AS records,
      count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
      count(*) FILTER (WHERE status = 'recovered')::int AS recovered
    FROM churn_records WHERE tenant_id = ${t.tenant.id}
      AND created_at >= date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
    GROUP BY 1`);
  return new Map(
    (rows.rows as { d: string; records: number; confirmed: number; recovered: number }[]).map((r) => [
      r.d,
      { records: r.records, confirmed: r.confirmed, recovered: r.recovered },
    ]),
  );
}

describe('流失分析', () => {
  it('sibling managers see disjoint figures adding up to their supervisor’s, each the raw GROUP BY', async () => {
    const raw = await rawByDepartment();
    const a = await get(managerA, '/api/v1/reports/churn?groupBy=department');
    const b = await get(managerB, '/api/v1/reports/churn?groupBy=department');
    const s = await get(supervisor, '/api/v1/reports/churn?groupBy=department');
    expect(a.rows.map((r: Row) => r.cell)).toEqual([branchA]);
    expect(b.rows.map((r: Row) => r.cell)).toEqual([branchB]);
    expect(a.rows[0]).toMatchObject(raw.get(branchA)!);
    expect(b.rows[0]).toMatchObject(raw.get(branchB)!);
    expect(a.totals).toEqual({ records: 3, confirmed: 1, recovered: 1, recoveryRate: 50 });
    expect(b.totals).toEqual({ records: 1, confirmed: 1, recovered: 0, recoveryRate: 0 });
    for (const [cell, figures] of raw)
      expect(s.rows.find((r: Row) => r.cell === cell)).toMatchObject(figures);
    // the rate of the whole is recovered of all decided, not the mean of the groups' rates
    expect(s.totals).toEqual({ records: 4, confirmed: 2, recovered: 1, recoveryRate: 33.33 });
    expect(s.chart).toMatchObject({ type: 'bar', measures: ['records', 'confirmed', 'recovered'] });
  });

  it('by manager, status and risk band: statuses along their path, bands low to high, in the reader’s language', async () => {
    const m = await get(supervisor, '/api/v1/reports/churn?groupBy=manager');
    expect(Object.fromEntries(m.rows.map((r: Row) => [r.cell, r.records]))).toEqual({
      [managerAId]: 3,
      [managerBId]: 1,
    });
    expect(m.rows[0].manager).toMatch(/^测试/);
    const st = await get(supervisor, '/api/v1/reports/churn?groupBy=status');
    expect(st.rows.map((r: Row) => [r.cell, r.status, r.records])).toEqual([
      ['1-warning', '预警中', 1],
      ['3-confirmed', '已流失', 2],
      ['4-recovered', '已挽回', 1],
    ]);
    const en = await get(
      supervisor.with({ 'accept-language': 'en-US' }),
      '/api/v1/reports/churn?groupBy=status',
    );
    expect(en.rows.map((r: Row) => r.status)).toEqual(['Warning', 'Lost', 'Recovered']);
    const risk = await get(supervisor, '/api/v1/reports/churn?groupBy=risk');
    expect(risk.rows.map((r: Row) => [r.cell, r.records])).toEqual([
      ['0-19', 1],
      ['20-39', 1],
      ['40-59', 1],
      ['80-100', 1],
    ]);
    const all = await get(supervisor, '/api/v1/reports/churn?groupBy=reason&range=all');
    expect(all.rows.find((r: Row) => r.cell === reasons[0])).toMatchObject({ records: 3, confirmed: 3 });
    expect(all.rows.find((r: Row) => r.cell === '__none__')).toMatchObject({
      records: 1,
      recoveryRate: null,
    });
  });

  it('a drill-down lists exactly the records of the cell, adding up to it', async () => {
    const page = await get(supervisor, `/api/v1/reports/churn/drill?groupBy=reason&cell=${reasons[0]}`);
    expect(page.total).toBe(2);
    expect(page.data.map((r: { id: string }) => r.id).sort()).toEqual([rec.aLost, rec.bLost].sort());
    expect(
      page.data.reduce((n: number, r: { values: { confirmed: number } }) => n + r.values.confirmed, 0),
    ).toBe(2);
    expect(page.data[0].title).toBeTruthy();
    const byStatus = await get(supervisor, '/api/v1/reports/churn/drill?groupBy=status&cell=4-recovered');
    expect(byStatus.data.map((r: { id: string }) => r.id)).toEqual([rec.aRecovered]);
    // manager B cannot open A's records through a cell
    expect(
      (await get(managerB, `/api/v1/reports/churn/drill?groupBy=manager&cell=${managerAId}`)).total,
    ).toBe(0);
  });

  it('refuses a bad grouping or filter on its field; a good filter narrows', async () => {
    const bad = async (q: string, field: string) => {
      const body = await get(supervisor, `/api/v1/reports/churn?${q}`, 400);
      expect(JSON.stringify(body)).toContain(field);
    };
    await bad('groupBy=colour', 'groupBy');
    await bad('reasonId=nope', 'reasonId');
    await bad('ownerId=1', 'ownerId');
    const mine = await get(supervisor, `/api/v1/reports/churn?groupBy=status&ownerId=${managerBId}`);
    expect(mine.totals.records).toBe(1);
  });

  it('is not there without churn:view or without reports:churn', async () => {
    await get(noReport, '/api/v1/reports/churn', 404);
    await get(noChurn, '/api/v1/reports/churn', 404);
    await get(noChurn, '/api/v1/reports/churn/drill?groupBy=status&cell=1-warning', 404);
  });

  it('the XLSX holds the same totals', async () => {
    const res = await supervisor.get('/api/v1/reports/churn/export?format=xlsx&groupBy=department');
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values = Array.from(book.worksheets[0].getSheetValues(), (r) =>
      Array.isArray(r) ? r.slice(1) : [],
    );
    const header = values.find((r) => r[0] === '部门') as unknown[];
    const total = values.find((r) => r[0] === '合计') as unknown[];
    expect(total[header.indexOf('预警数')]).toBe(4);
    expect(total[header.indexOf('已挽回')]).toBe(1);
    expect(total[header.indexOf('挽回率 %')]).toBe(33.33);
  });
});
