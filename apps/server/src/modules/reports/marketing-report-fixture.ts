import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { unique } from '../../test/factories.ts';
import { planBody } from '../../test/marketing-plan-body.ts';
import type { TestContext } from '../../test/test-app.ts';
import { twoBranchOrg } from './report-test-helpers.ts';

/**
 * What the tests of 营销计划达成 and 费用分析 share: a region with two branches, a planner per
 * branch (department scope), their supervisor (department and children, who reviews), one without
 * the report and one without marketing-plans:view; and the plans and campaigns below.
 *
 * A: plan 1 with 500.00 of expense lines (approved), two goals (visits 8, amount 20000) reported as
 *    6 and 25000 (attainment 100) with 300.00 spent, submitted; plan 2 with no expenses, unreviewed;
 *    a campaign with a 2000.00 budget and 1000.00 of expense lines.
 * B: plan 3, approved, visits 5 reported as 4 (attainment 80), submitted; a campaign with 500.00 of
 *    expense lines and no budget.
 */
export async function marketingReportFixture(t: TestContext, code: string) {
  const report = `reports:${code}`;
  const scopes = (s: string) => ({ 'marketing-plans': s, campaigns: s, 'check-ins': s });
  const { managerA, managerB, ...org } = await twoBranchOrg(t, {
    work: [
      'marketing-plans:view',
      'marketing-plans:create',
      'marketing-plans:edit',
      'campaigns:view',
      'campaigns:create',
      'check-ins:view',
    ],
    report,
    scopes,
    blind: { permissions: ['campaigns:view', report], scopes: scopes('department') },
    supervisorExtra: ['marketing-plans:review'],
    supervises: true,
  });
  const f = { ...org, plannerA: managerA, plannerB: managerB };
  const admin = f.admin;

  const year = new Date().getFullYear();
  const plan = async (agent: Agent, over: Record<string, unknown>) => {
    const res = await agent.post('/api/v1/marketing-plans', planBody(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number; reviewStatus: string };
  };
  const approve = async (p: { id: string; version: number }) => {
    const res = await f.supervisor.post(`/api/v1/marketing-plans/${p.id}/review`, {
      decision: 'approve',
      version: p.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; version: number };
  };
  const feedback = async (
    agent: Agent,
    p: { id: string; version: number },
    results: unknown[],
    actualExpenses: string | null,
  ) => {
    const saved = await agent.put(`/api/v1/marketing-plans/${p.id}/feedback`, {
      results,
      actualExpenses,
      version: p.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const done = await agent.post(`/api/v1/marketing-plans/${p.id}/feedback/submit`, {
      version: saved.json().version,
    });
    expect(done.statusCode, done.body).toBe(200);
  };
  const dates = { startDate: `${year}-01-05`, endDate: `${year}-01-20` };

  // plan 1: with expenses it goes to the approval engine (tested in marketing-plans); approved here
  const p1 = await plan(f.plannerA, {
    ...dates,
    goals: [
      { kind: 'visits', target: 8 },
      { kind: 'amount', target: '20000' },
    ],
    expenses: [{ item: '物料', amount: '500.00' }],
  });
  const approved = await t.database.db.execute(
    sql`UPDATE marketing_plans SET review_status = 'approved', version = version + 1 WHERE id = ${p1.id} RETURNING version`,
  );
  await feedback(
    f.plannerA,
    { id: p1.id, version: Number((approved.rows[0] as { version: number }).version) },
    [
      { kind: 'visits', actual: 6 },
      { kind: 'amount', actual: '25000' },
    ],
    '300.00',
  );
  const p2 = await plan(f.plannerA, { ...dates, expenses: [] });
  const p3 = await plan(f.plannerB, { ...dates, goals: [{ kind: 'visits', target: 5 }], expenses: [] });
  await feedback(f.plannerB, await approve(p3), [{ kind: 'visits', actual: 4 }], null);

  const channel = (await admin.get('/api/v1/dictionaries/campaign-channel/items')).json().data[0].id;
  const campaign = async (agent: Agent, budget: string | null, amounts: string[]) => {
    const res = await agent.post('/api/v1/campaigns', {
      name: unique('活动'),
      channel,
      ...dates,
      ...(budget ? { budget } : {}),
      expenses: amounts.map((amount) => ({ item: '场地', amount })),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const campaignA = await campaign(f.plannerA, '2000.00', ['600.00', '400.00']);
  const campaignB = await campaign(f.plannerB, null, ['500.00']);
  return { ...f, year, plans: { a1: p1.id, a2: p2.id, b: p3.id }, campaignA, campaignB, channel };
}
