import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { marketingReportFixture } from './marketing-report-fixture.ts';
import {
  exportedRows,
  exportedTotal,
  getJson,
  type ReportRow,
  refusesOn,
  rowByCell,
} from './report-test-helpers.ts';

// 费用分析: budget against actual of marketing plans and campaigns, each in its own scope — equal
// to the raw sums, siblings disjoint and adding up to their supervisor's, a drill-down listing
// exactly the plans and campaigns counted, the XLSX holding the same totals.

const URL = '/api/v1/reports/expenses';
let t: TestContext;
let f: Awaited<ReturnType<typeof marketingReportFixture>>;

beforeAll(async () => {
  t = await createTestContext();
  f = await marketingReportFixture(t, 'expenses');
});
afterAll(() => t.close());

/** The raw sums of a department this year: plans' budgets and submitted actuals, campaigns' budgets and lines. */
async function raw(departmentId: string) {
  const overlap = sql`end_date >= ${`${f.year}-01-01`}::date AND start_date <= ${`${f.year}-12-31`}::date`;
  const rows = await t.database.db.execute(sql`SELECT
      (SELECT coalesce(sum(budget), 0) FROM marketing_plans WHERE tenant_id = ${t.tenant.id} AND deleted_at IS NULL
        AND department_id = ${departmentId} AND ${overlap})
      + (SELECT coalesce(sum(budget), 0) FROM campaigns WHERE tenant_id = ${t.tenant.id} AND deleted_at IS NULL
        AND department_id = ${departmentId} AND ${overlap}) AS budget,
      (SELECT coalesce(sum(actual_expenses), 0) FROM marketing_plans WHERE tenant_id = ${t.tenant.id}
        AND deleted_at IS NULL AND feedback_status = 'submitted' AND department_id = ${departmentId} AND ${overlap})
      + (SELECT coalesce(sum(x.amount), 0) FROM campaign_expenses x JOIN campaigns m ON m.id = x.campaign_id
        WHERE m.tenant_id = ${t.tenant.id} AND m.deleted_at IS NULL AND m.department_id = ${departmentId}
          AND m.end_date >= ${`${f.year}-01-01`}::date
          AND m.start_date <= ${`${f.year}-12-31`}::date) AS actual`);
  const r = rows.rows[0] as { budget: string; actual: string };
  return { budget: Number(r.budget).toFixed(2), actual: Number(r.actual).toFixed(2) };
}

describe('费用分析 expenses', () => {
  it('sibling departments see disjoint sums adding up to their supervisor’s, each the raw sums', async () => {
    const [rawA, rawB] = [await raw(f.branchA), await raw(f.branchB)];
    const a = await getJson(f.plannerA, `${URL}?groupBy=department`);
    const b = await getJson(f.plannerB, `${URL}?groupBy=department`);
    const s = await getJson(f.supervisor, `${URL}?groupBy=department`);
    expect(a.rows.map((r: ReportRow) => r.cell)).toEqual([f.branchA]);
    expect(b.rows.map((r: ReportRow) => r.cell)).toEqual([f.branchB]);
    expect(a.totals).toMatchObject(rawA);
    expect(b.totals).toMatchObject(rawB);
    // A: plan 500 budget / 300 spent, campaign 2000 budget / 1000 spent
    expect(a.totals).toMatchObject({ budget: '2500.00', actual: '1300.00', actualRate: 52 });
    expect(b.totals).toMatchObject({ budget: '0.00', actual: '500.00' });
    expect(b.totals.actualRate).toBeNull();
    expect(rowByCell(s.rows, f.branchA)).toMatchObject(rawA);
    expect(rowByCell(s.rows, f.branchB)).toMatchObject(rawB);
    expect(s.totals).toMatchObject({ budget: '2500.00', actual: '1800.00', actualRate: 72 });
  });

  it('by source and by type (plan sub-type, campaign channel), named; the source filter keeps one', async () => {
    const k = await getJson(f.supervisor, `${URL}?groupBy=kind`);
    expect(rowByCell(k.rows, 'plan')).toMatchObject({ kind: '营销计划', budget: '500.00', actual: '300.00' });
    expect(rowByCell(k.rows, 'campaign')).toMatchObject({
      kind: '市场活动',
      budget: '2000.00',
      actual: '1500.00',
    });
    const types = await getJson(f.supervisor, `${URL}?groupBy=type`);
    expect(rowByCell(types.rows, f.channel)).toMatchObject({ budget: '2000.00', actual: '1500.00' });
    expect(rowByCell(types.rows, f.channel)?.type).not.toBe(f.channel);
    const months = await getJson(f.supervisor, `${URL}?groupBy=month`);
    expect(months.rows.map((r: ReportRow) => r.cell)).toEqual([`${f.year}-01`]);
    const plans = await getJson(f.supervisor, `${URL}?groupBy=department&kind=plan`);
    expect(plans.totals).toMatchObject({ budget: '500.00', actual: '300.00' });
  });

  it('a drill-down lists exactly the plans and campaigns of the cell, adding up to it', async () => {
    const page = await getJson(f.supervisor, `${URL}/drill?groupBy=department&cell=${f.branchA}`);
    expect(page.total).toBe(3);
    expect(page.data.map((r: { id: string }) => r.id).sort()).toEqual(
      [f.plans.a1, f.plans.a2, f.campaignA].sort(),
    );
    const sum = (k: string) =>
      page.data.reduce((n: number, r: { values: Record<string, string> }) => n + Number(r.values[k]), 0);
    expect(sum('budget')).toBe(2500);
    expect(sum('actual')).toBe(1300);
    expect(page.data.map((r: { title: string }) => r.title.split(' · ')[0]).sort()).toEqual(
      ['市场活动', '营销计划', '营销计划'].sort(),
    );
    expect((await getJson(f.plannerB, `${URL}/drill?groupBy=department&cell=${f.branchA}`)).total).toBe(0);
  });

  it('refuses a bad dimension or filter on its field; 404 without the report or marketing-plans:view', async () => {
    await refusesOn(f.supervisor, `${URL}?groupBy=colour`, 'groupBy');
    await refusesOn(f.supervisor, `${URL}?kind=travel`, 'kind');
    await refusesOn(f.supervisor, `${URL}?departmentId=nope`, 'departmentId');
    await getJson(f.noReport, URL, 404);
    await getJson(f.noView, URL, 404);
    await getJson(f.noView, `${URL}/drill?cell=${f.branchA}`, 404);
  });

  it('the XLSX holds the same totals', async () => {
    const values = await exportedRows(f.supervisor, `${URL}/export?format=xlsx&groupBy=department`);
    expect(exportedTotal(values, '部门', '预算')).toBe(2500);
    expect(exportedTotal(values, '部门', '实际费用')).toBe(1800);
  });
});
