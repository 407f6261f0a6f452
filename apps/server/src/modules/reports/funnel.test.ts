import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { inDays } from '../../test/contract-factories.ts';
import { type DealsFixture, dealsFixture } from './opportunity-report-fixture.ts';

// 销售漏斗: the open deals of the scope by stage in board order — equal to the raw GROUP BY, sibling
// departments disjoint and adding up to their supervisor's, a stage drilling to exactly its deals.

let x: DealsFixture;
let dealsOfA: string[] = [];

const get = async (agent: Agent, url: string, status = 200) => {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
type Row = Record<string, string | number | null>;
const keyOf = (stage: { id: string; position: number }) =>
  `${String(stage.position).padStart(4, '0')}:${stage.id}`;

beforeAll(async () => {
  x = await dealsFixture('reports:funnel');
  dealsOfA = [
    (await x.deal(x.managerA, 0, '1000.00', inDays(30))).id,
    (await x.deal(x.managerA, 0, '1000.00', inDays(60))).id,
    (await x.deal(x.managerA, 2, '333.33', inDays(30))).id,
  ];
  await x.deal(x.managerB, 0, '2000.00', inDays(30));
  // a won deal is no longer in the funnel
  const won = await x.deal(x.managerA, 1, '9999.00', inDays(30));
  await x.t.database.db.execute(
    sql`UPDATE opportunities SET status = 'won', closed_at = now() WHERE id = ${won.id}`,
  );
});
afterAll(() => x.t.close());

/** The raw GROUP BY: open deals of the two branches per stage. */
async function raw() {
  const rows = await x.t.database.db.execute(sql`SELECT stage_id::text AS s, count(*)::int AS n,
      sum(expected_amount)::text AS amount, sum(round(expected_amount * probability / 100, 2))::text AS weighted
    FROM opportunities WHERE tenant_id = ${x.t.tenant.id} AND deleted_at IS NULL
      AND status IN ('unassigned', 'developing') AND department_id IN (${x.branchA}, ${x.branchB})
    GROUP BY 1`);
  return new Map(
    (rows.rows as { s: string; n: number; amount: string; weighted: string }[]).map((r) => [r.s, r]),
  );
}

describe('销售漏斗', () => {
  it('counts the open deals per stage in board order, named, like the raw GROUP BY', async () => {
    const s = await get(x.supervisor, '/api/v1/reports/funnel');
    const expected = await raw();
    expect(s.rows.map((r: Row) => r.cell)).toEqual([keyOf(x.stages[0]), keyOf(x.stages[2])]);
    expect(s.rows.map((r: Row) => r.stage)).toEqual([x.stages[0].name, x.stages[2].name]);
    for (const r of s.rows as Row[]) {
      const e = expected.get(String(r.cell).split(':')[1]);
      expect(r).toMatchObject({ deals: Number(e?.n), amount: e?.amount, weighted: e?.weighted });
    }
    expect(s.totals).toMatchObject({ deals: 4, amount: '4333.33' });
    expect(s.chart).toMatchObject({ type: 'funnel', measures: ['deals'] });
  });

  it('sibling managers see disjoint figures adding up to their supervisor’s', async () => {
    const a = await get(x.managerA, '/api/v1/reports/funnel?groupBy=department');
    const b = await get(x.managerB, '/api/v1/reports/funnel?groupBy=department');
    const s = await get(x.supervisor, '/api/v1/reports/funnel?groupBy=department');
    expect(a.rows.map((r: Row) => r.cell)).toEqual([x.branchA]);
    expect(b.rows.map((r: Row) => r.cell)).toEqual([x.branchB]);
    expect(a.totals).toMatchObject({ deals: 3, amount: '2333.33' });
    expect(b.totals).toMatchObject({ deals: 1, amount: '2000.00' });
    expect(s.totals.deals).toBe(a.totals.deals + b.totals.deals);
    expect(Number(s.totals.amount)).toBe(Number(a.totals.amount) + Number(b.totals.amount));
  });

  it('a stage drills to exactly its deals; a sibling sees none of them', async () => {
    const cell = encodeURIComponent(keyOf(x.stages[0]));
    const page = await get(x.managerA, `/api/v1/reports/funnel/drill?cell=${cell}`);
    expect(page.total).toBe(2);
    expect(page.data.map((r: { id: string }) => r.id).sort()).toEqual(dealsOfA.slice(0, 2).sort());
    expect(page.data[0].link).toMatch(/^\/opportunities\?id=/);
    const b = await get(x.managerB, `/api/v1/reports/funnel/drill?cell=${cell}`);
    expect(b.data.some((r: { id: string }) => dealsOfA.includes(r.id))).toBe(false);
  });

  it('refuses a bad dimension or filter on its field; without the report or the opportunities view it is 404', async () => {
    expect(JSON.stringify(await get(x.supervisor, '/api/v1/reports/funnel?groupBy=colour', 400))).toContain(
      'groupBy',
    );
    expect(JSON.stringify(await get(x.supervisor, '/api/v1/reports/funnel?ownerId=me', 400))).toContain(
      'ownerId',
    );
    await get(x.noReport, '/api/v1/reports/funnel', 404);
    await get(x.noView, '/api/v1/reports/funnel', 404);
  });

  it('the XLSX holds the same totals', async () => {
    const res = await x.supervisor.get('/api/v1/reports/funnel/export?format=xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values = Array.from(book.worksheets[0].getSheetValues(), (r) =>
      Array.isArray(r) ? r.slice(1) : [],
    );
    const header = values.find((r) => r[0] === '销售阶段') as unknown[];
    const total = values.find((r) => r[0] === '合计') as unknown[];
    expect(total[header.indexOf('机会数')]).toBe(4);
    expect(total[header.indexOf('预计金额')]).toBe(4333.33);
  });
});
