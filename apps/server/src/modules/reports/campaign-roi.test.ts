import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import {
  exportedRows,
  exportedTotal,
  getJson,
  type ReportRow,
  refusesOn,
  rowByCell,
  twoBranchOrg,
} from './report-test-helpers.ts';

// 活动投入产出: per campaign its cost, leads and won amount as the campaigns ROI page counts them,
// equal to the raw sums over the same scope, siblings disjoint and adding up to their supervisor's,
// ROI % derived, a drill-down listing exactly the campaigns counted.

let t: TestContext;
let admin: Agent;
let managerA: Agent;
let managerB: Agent;
let supervisor: Agent;
let noReport: Agent;
let noView: Agent;
let branchA: string;
let branchB: string;
let campaignA: string;
let campaignB: string;
let lastYears: string;

const URL = '/api/v1/reports/campaign-roi';
const year = new Date().getFullYear();
const perms = ['campaigns:view', 'campaigns:create', 'campaigns:edit'];

beforeAll(async () => {
  t = await createTestContext();
  ({ admin, branchA, branchB, managerA, managerB, supervisor, noReport, noView } = await twoBranchOrg(t, {
    work: perms,
    report: 'reports:campaign-roi',
    scopes: (scope) => ({ campaigns: scope }),
    blind: { permissions: ['reports:campaign-roi', 'customers:view'], scopes: {} },
  }));

  const channel = (await admin.get('/api/v1/dictionaries/campaign-channel/items')).json().data[0].id;
  const campaign = async (agent: Agent, startDate: string, amounts: string[]) => {
    const res = await agent.post('/api/v1/campaigns', {
      name: unique('活动'),
      channel,
      startDate,
      endDate: startDate,
      expenses: amounts.map((amount) => ({ item: '场地', amount })),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const lead = async (campaignId: string, won?: string) => {
    const created = await admin.post('/api/v1/leads', { name: unique('线索客户'), campaignId });
    expect(created.statusCode, created.body).toBe(201);
    if (!won) return;
    const res = await admin.post(`/api/v1/leads/${created.json().id}/convert`, {
      contact: null,
      opportunity: { title: unique('机会'), expectedAmount: won, expectedCloseDate: `${year}-12-31` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().opportunityId as string;
    const o = (await admin.get(`/api/v1/opportunities/${id}`)).json();
    const win = await admin.post(`/api/v1/opportunities/${id}/win`, { version: o.version });
    expect(win.statusCode, win.body).toBe(200);
  };
  campaignA = await campaign(managerA, `${year}-01-02`, ['600.00', '400.00']);
  await lead(campaignA, '3000.00');
  await lead(campaignA);
  campaignB = await campaign(managerB, `${year}-01-03`, ['500.00']);
  await lead(campaignB);
  // outside the period: a campaign of A last year
  lastYears = await campaign(managerA, `${year - 1}-06-01`, ['99.00']);
});
afterAll(() => t.close());

/** The raw figures per department: this year's campaigns' expense lines, leads and won amounts. */
async function raw(departmentId: string) {
  const rows = await t.database.db.execute(sql`
    WITH m AS (SELECT id FROM campaigns WHERE tenant_id = ${t.tenant.id} AND deleted_at IS NULL
      AND department_id = ${departmentId} AND end_date >= ${`${year}-01-01`}::date AND start_date <= ${`${year}-12-31`}::date)
    SELECT (SELECT coalesce(sum(amount), 0)::text FROM campaign_expenses WHERE campaign_id IN (SELECT id FROM m)) AS cost,
      (SELECT count(*)::int FROM leads WHERE deleted_at IS NULL AND campaign_id IN (SELECT id FROM m)) AS leads,
      (SELECT coalesce(sum(expected_amount), 0)::text FROM opportunities WHERE deleted_at IS NULL AND status = 'won'
        AND campaign_id IN (SELECT id FROM m)) AS won`);
  const r = rows.rows[0] as { cost: string; leads: number; won: string };
  return { cost: Number(r.cost).toFixed(2), leads: Number(r.leads), wonAmount: Number(r.won).toFixed(2) };
}

describe('活动投入产出 campaign ROI', () => {
  it('sibling managers see disjoint figures adding up to their supervisor’s, each the raw sums', async () => {
    const [rawA, rawB] = [await raw(branchA), await raw(branchB)];
    const a = await getJson(managerA, `${URL}?groupBy=department`);
    const b = await getJson(managerB, `${URL}?groupBy=department`);
    const s = await getJson(supervisor, `${URL}?groupBy=department`);
    expect(a.rows.map((r: ReportRow) => r.cell)).toEqual([branchA]);
    expect(b.rows.map((r: ReportRow) => r.cell)).toEqual([branchB]);
    expect(a.totals).toMatchObject(rawA);
    expect(b.totals).toMatchObject(rawB);
    expect(a.totals).toMatchObject({
      cost: '1000.00',
      leads: 2,
      customers: 1,
      wonAmount: '3000.00',
      roi: 200,
    });
    expect(b.totals).toMatchObject({ cost: '500.00', leads: 1, wonAmount: '0.00', roi: -100 });
    expect(rowByCell(s.rows, branchA)).toMatchObject(rawA);
    expect(rowByCell(s.rows, branchB)).toMatchObject(rawB);
    expect(s.totals).toMatchObject({
      cost: '1500.00',
      leads: 3,
      wonAmount: '3000.00',
      campaigns: 2,
      roi: 100,
    });
    expect(s.totals.costPerLead).toBe('500.00');
  });

  it('per campaign, named; the same figures as the campaigns ROI page', async () => {
    const s = await getJson(supervisor, URL);
    const a = rowByCell(s.rows, campaignA);
    expect(a?.campaign).toMatch(/活动/);
    const page = (await supervisor.get(`/api/v1/campaigns/roi?from=${year}-01-01&to=${year}-12-31`)).json();
    const fromPage = page.campaigns.find((r: { id: string }) => r.id === campaignA);
    expect(a).toMatchObject({ cost: fromPage.cost, leads: fromPage.leads, wonAmount: fromPage.wonAmount });
    expect(rowByCell(s.rows, campaignB)).toMatchObject({ roi: -100, costPerLead: '500.00' });
    const all = await getJson(managerA, `${URL}?range=all&groupBy=month`);
    expect(all.rows.map((r: ReportRow) => r.cell)).toEqual([`${year - 1}-06`, `${year}-01`]);
  });

  it('a drill-down lists exactly the campaigns of the cell', async () => {
    const page = await getJson(supervisor, `${URL}/drill?groupBy=department&cell=${branchA}`);
    expect(page.total).toBe(1);
    expect(page.data[0]).toMatchObject({ id: campaignA, values: { cost: '1000.00', leads: 2 } });
    const all = await getJson(managerA, `${URL}/drill?groupBy=department&range=all&cell=${branchA}`);
    expect(all.data.map((r: { id: string }) => r.id).sort()).toEqual([campaignA, lastYears].sort());
    expect((await getJson(managerB, `${URL}/drill?groupBy=department&cell=${branchA}`)).total).toBe(0);
  });

  it('refuses a bad dimension or filter on its field; 404 without the report or campaigns:view', async () => {
    await refusesOn(supervisor, `${URL}?groupBy=colour`, 'groupBy');
    await refusesOn(supervisor, `${URL}?channelId=nope`, 'channelId');
    await refusesOn(supervisor, `${URL}?ownerId=nope`, 'ownerId');
    await getJson(noReport, URL, 404);
    await getJson(noView, URL, 404);
    await getJson(noView, `${URL}/drill?cell=${campaignA}`, 404);
  });

  it('the XLSX holds the same totals', async () => {
    const values = await exportedRows(supervisor, `${URL}/export?format=xlsx&groupBy=department`);
    expect(exportedTotal(values, '部门', '投入')).toBe(1500);
    expect(exportedTotal(values, '部门', '赢单金额')).toBe(3000);
    expect(exportedTotal(values, '部门', '线索')).toBe(3);
  });
});
