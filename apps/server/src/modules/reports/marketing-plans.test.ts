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

// 营销计划达成: plans of the scope planned against done, attainment as the marketing-plans module
// keeps it — equal to the raw figures, siblings disjoint and adding up to their supervisor's, a
// drill-down listing exactly the plans counted, the XLSX holding the same totals.

const URL = '/api/v1/reports/marketing-plans';
let t: TestContext;
let f: Awaited<ReturnType<typeof marketingReportFixture>>;

beforeAll(async () => {
  t = await createTestContext();
  f = await marketingReportFixture(t, 'marketing-plans');
});
afterAll(() => t.close());

/** The raw figures of a department's plans this year: count, submitted, average kept attainment. */
async function raw(departmentId: string) {
  const rows = await t.database.db.execute(sql`SELECT count(*)::int AS plans,
      count(*) FILTER (WHERE feedback_status = 'submitted')::int AS completed,
      avg(attainment) FILTER (WHERE feedback_status = 'submitted')::float8 AS attainment,
      coalesce(sum(budget), 0)::text AS budget
    FROM marketing_plans WHERE tenant_id = ${t.tenant.id} AND deleted_at IS NULL AND department_id = ${departmentId}
      AND end_date >= ${`${f.year}-01-01`}::date AND start_date <= ${`${f.year}-12-31`}::date`);
  const r = rows.rows[0] as { plans: number; completed: number; attainment: number | null; budget: string };
  return {
    plans: r.plans,
    completed: r.completed,
    attainment: r.attainment,
    budget: Number(r.budget).toFixed(2),
  };
}

describe('营销计划达成 marketing-plan attainment', () => {
  it('sibling departments see disjoint figures adding up to their supervisor’s, each the raw figures', async () => {
    const [rawA, rawB] = [await raw(f.branchA), await raw(f.branchB)];
    const a = await getJson(f.plannerA, `${URL}?groupBy=department`);
    const b = await getJson(f.plannerB, `${URL}?groupBy=department`);
    const s = await getJson(f.supervisor, `${URL}?groupBy=department`);
    expect(a.rows.map((r: ReportRow) => r.cell)).toEqual([f.branchA]);
    expect(b.rows.map((r: ReportRow) => r.cell)).toEqual([f.branchB]);
    expect(a.totals).toMatchObject(rawA);
    expect(b.totals).toMatchObject(rawB);
    expect(a.totals).toMatchObject({
      plans: 2,
      goals: 3,
      completed: 1,
      attainment: 100,
      completionRate: 50,
      budget: '500.00',
      actual: '300.00',
      spentRate: 60,
    });
    expect(b.totals).toMatchObject({ plans: 1, completed: 1, attainment: 80 });
    expect(rowByCell(s.rows, f.branchA)).toMatchObject(rawA);
    expect(rowByCell(s.rows, f.branchB)).toMatchObject(rawB);
    // the average over the plans rated, not over the departments' averages
    expect(s.totals).toMatchObject({ plans: 3, completed: 2, attainment: 90, budget: '500.00' });
    expect(s.columns.map((c: { key: string }) => c.key)).not.toContain('attainmentSum');
  });

  it('by status and execution, named; a status filter keeps those plans', async () => {
    const s = await getJson(f.supervisor, `${URL}?groupBy=status`);
    expect(rowByCell(s.rows, 'approved')).toMatchObject({ status: '已通过', plans: 2 });
    expect(rowByCell(s.rows, 'unreviewed')).toMatchObject({ status: '未审核', plans: 1 });
    const e = await getJson(f.supervisor, `${URL}?groupBy=execution`);
    expect(rowByCell(e.rows, 'completed')).toMatchObject({ plans: 2, attainment: 90 });
    const unreviewed = await getJson(f.supervisor, `${URL}?groupBy=owner&status=unreviewed`);
    expect(unreviewed.totals).toMatchObject({ plans: 1, completed: 0 });
    expect(unreviewed.totals.attainment).toBeNull();
    const last = await getJson(
      f.supervisor,
      `${URL}?range=custom&from=${f.year - 1}-01-01&to=${f.year - 1}-12-31`,
    );
    expect(last.totals.plans).toBe(0);
  });

  it('a drill-down lists exactly the plans of the cell', async () => {
    const page = await getJson(f.supervisor, `${URL}/drill?groupBy=department&cell=${f.branchA}`);
    expect(page.total).toBe(2);
    expect(page.data.map((r: { id: string }) => r.id).sort()).toEqual([f.plans.a1, f.plans.a2].sort());
    expect(page.data[0].title).toMatch(/^JH/);
    expect((await getJson(f.plannerB, `${URL}/drill?groupBy=department&cell=${f.branchA}`)).total).toBe(0);
  });

  it('refuses a bad dimension or filter on its field; 404 without the report or marketing-plans:view', async () => {
    await refusesOn(f.supervisor, `${URL}?groupBy=colour`, 'groupBy');
    await refusesOn(f.supervisor, `${URL}?status=done`, 'status');
    await refusesOn(f.supervisor, `${URL}?execution=late`, 'execution');
    await refusesOn(f.supervisor, `${URL}?ownerId=nope`, 'ownerId');
    await getJson(f.noReport, URL, 404);
    await getJson(f.noView, URL, 404);
    await getJson(f.noView, `${URL}/drill?cell=${f.branchA}`, 404);
  });

  it('the XLSX holds the same totals', async () => {
    const values = await exportedRows(f.supervisor, `${URL}/export?format=xlsx&groupBy=department`);
    expect(exportedTotal(values, '部门', '计划数')).toBe(3);
    expect(exportedTotal(values, '部门', '已完成')).toBe(2);
    expect(exportedTotal(values, '部门', '达成率')).toBe(90);
  });
});
