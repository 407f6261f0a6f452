import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { inDays } from '../../test/contract-factories.ts';
import { type DealsFixture, dealsFixture } from './opportunity-report-fixture.ts';

// 销售预测: the open deals expected to close in the period, by month — weighted (each deal rounded
// half up to the cent) and best case, equal to the raw GROUP BY, scopes disjoint, drill exact.

let x: DealsFixture;
const soon = inDays(10);
const later = inDays(45);
const range = `range=custom&from=${inDays(0)}&to=${inDays(90)}`;
let soonOfA: string[] = [];

const get = async (agent: Agent, url: string, status = 200) => {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
type Row = Record<string, string | number | null>;

beforeAll(async () => {
  x = await dealsFixture('reports:forecast');
  soonOfA = [
    (await x.deal(x.managerA, 2, '333.33', soon)).id, // 50 %: 166.665 → 166.67
    (await x.deal(x.managerA, 0, '1000.05', soon)).id, // 10 %: 100.005 → 100.01
  ];
  await x.deal(x.managerA, 3, '2000.00', later);
  await x.deal(x.managerB, 4, '500.00', later);
  await x.deal(x.managerB, 4, '700.00', inDays(200)); // beyond the period
});
afterAll(() => x.t.close());

/** The raw GROUP BY: open deals of both branches by close month within the period. */
async function raw() {
  const rows = await x.t.database.db.execute(sql`SELECT to_char(expected_close_date, 'YYYY-MM') AS m,
      sum(round(expected_amount * probability / 100, 2))::text AS weighted, sum(expected_amount)::text AS amount
    FROM opportunities WHERE tenant_id = ${x.t.tenant.id} AND deleted_at IS NULL
      AND status IN ('unassigned', 'developing') AND department_id IN (${x.branchA}, ${x.branchB})
      AND expected_close_date BETWEEN ${inDays(0)}::date AND ${inDays(90)}::date
    GROUP BY 1`);
  return new Map((rows.rows as { m: string; weighted: string; amount: string }[]).map((r) => [r.m, r]));
}

describe('销售预测', () => {
  it('weighted and best case per close month equal the raw GROUP BY, months in order', async () => {
    const s = await get(x.supervisor, `/api/v1/reports/forecast?${range}`);
    const expected = await raw();
    const months = s.rows.map((r: Row) => r.cell);
    expect(months).toEqual([...expected.keys()].sort());
    for (const r of s.rows as Row[])
      expect(r).toMatchObject({
        weighted: expected.get(String(r.cell))?.weighted,
        amount: expected.get(String(r.cell))?.amount,
      });
    expect(s.totals.amount).toBe('3833.38');
    expect(s.chart.measures).toEqual(['weighted', 'amount']);
  });

  it('rounds each deal half up to the cent before summing', async () => {
    const a = await get(x.managerA, `/api/v1/reports/forecast?${range}&groupBy=month`);
    const row = a.rows.find((r: Row) => r.cell === soon.slice(0, 7));
    expect(row.weighted).toBe(soon.slice(0, 7) === later.slice(0, 7) ? '1666.68' : '266.68');
  });

  it('sibling managers see disjoint figures adding up to their supervisor’s, by owner too', async () => {
    const a = await get(x.managerA, `/api/v1/reports/forecast?${range}&groupBy=department`);
    const b = await get(x.managerB, `/api/v1/reports/forecast?${range}&groupBy=department`);
    const s = await get(x.supervisor, `/api/v1/reports/forecast?${range}&groupBy=department`);
    expect(a.rows.map((r: Row) => r.cell)).toEqual([x.branchA]);
    expect(b.rows.map((r: Row) => r.cell)).toEqual([x.branchB]);
    expect(a.totals).toMatchObject({ amount: '3333.38', weighted: '1666.68', deals: 3 });
    expect(b.totals).toMatchObject({ amount: '500.00', weighted: '450.00', deals: 1 });
    expect(s.totals).toMatchObject({ amount: '3833.38', weighted: '2116.68', deals: 4 });
    const owners = await get(x.supervisor, `/api/v1/reports/forecast?${range}&groupBy=owner`);
    expect(owners.rows).toHaveLength(2);
    expect(typeof owners.rows[0].owner).toBe('string');
  });

  it('a month drills to exactly its deals, each with what it adds', async () => {
    const page = await get(x.managerA, `/api/v1/reports/forecast/drill?${range}&cell=${soon.slice(0, 7)}`);
    const ids = page.data.map((r: { id: string }) => r.id);
    for (const id of soonOfA) expect(ids).toContain(id);
    const sum = page.data.reduce(
      (n: number, r: { values: { weighted: string } }) => n + Number(r.values.weighted),
      0,
    );
    const report = await get(x.managerA, `/api/v1/reports/forecast?${range}`);
    expect(sum.toFixed(2)).toBe(report.rows.find((r: Row) => r.cell === soon.slice(0, 7)).weighted);
    expect(page.total).toBe(report.rows.find((r: Row) => r.cell === soon.slice(0, 7)).deals);
  });

  it('refuses a bad dimension or filter; without the report or the opportunities view it is 404', async () => {
    expect(JSON.stringify(await get(x.supervisor, '/api/v1/reports/forecast?groupBy=colour', 400))).toContain(
      'groupBy',
    );
    expect(JSON.stringify(await get(x.supervisor, '/api/v1/reports/forecast?departmentId=1', 400))).toContain(
      'departmentId',
    );
    await get(x.noReport, '/api/v1/reports/forecast', 404);
    await get(x.noView, '/api/v1/reports/forecast', 404);
  });

  it('the XLSX holds the same totals', async () => {
    const res = await x.supervisor.get(`/api/v1/reports/forecast/export?format=xlsx&${range}`);
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values = Array.from(book.worksheets[0].getSheetValues(), (r) =>
      Array.isArray(r) ? r.slice(1) : [],
    );
    const header = values.find((r) => r[0] === '月份') as unknown[];
    const total = values.find((r) => r[0] === '合计') as unknown[];
    expect(total[header.indexOf('加权金额')]).toBe(2116.68);
    expect(total[header.indexOf('最佳情况')]).toBe(3833.38);
  });
});
