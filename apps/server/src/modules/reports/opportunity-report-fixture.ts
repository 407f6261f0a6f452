import { expect } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { twoBranchOrg } from './report-test-helpers.ts';

/**
 * The deals 销售漏斗 and 销售预测 are tested over: two sibling departments under a region, a
 * department manager in each, their supervisor over both, a user without the report and one with
 * the report but no opportunities:view.
 */
export type DealsFixture = {
  t: TestContext;
  managerA: Agent;
  managerB: Agent;
  supervisor: Agent;
  noReport: Agent;
  noView: Agent;
  branchA: string;
  branchB: string;
  stages: { id: string; name: string; position: number }[];
  deal: (
    agent: Agent,
    stage: number,
    expectedAmount: string,
    expectedCloseDate: string,
  ) => Promise<{ id: string; status: string }>;
};

const work = ['opportunities:view', 'opportunities:create', 'opportunities:edit'];

export async function dealsFixture(report: string): Promise<DealsFixture> {
  const t = await createTestContext();
  const { admin, branchA, branchB, ...users } = await twoBranchOrg(t, {
    work,
    report,
    scopes: (scope) => ({ opportunities: scope }),
    blind: { permissions: [report, 'customers:view'], scopes: { customers: 'department' } },
  });
  const stages = (await admin.get('/api/v1/opportunities/stages')).json().data;
  return {
    t,
    ...users,
    branchA,
    branchB,
    stages,
    deal: async (agent, stage, expectedAmount, expectedCloseDate) => {
      const res = await agent.post('/api/v1/opportunities', {
        prospectName: `意向客户${Math.random().toString(36).slice(2, 8)}`,
        title: `机会${Math.random().toString(36).slice(2, 8)}`,
        expectedAmount,
        expectedCloseDate,
        stageId: stages[stage].id,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },
  };
}
