import { expect } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

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
  const admin = await t.admin();
  const region = (await makeDepartment(admin, t.tenant.rootDepartmentId)).id;
  const branchA = (await makeDepartment(admin, region)).id;
  const branchB = (await makeDepartment(admin, region)).id;
  const manager = await makeRole(admin, [...work, report], { opportunities: 'department' });
  const overseer = await makeRole(admin, [...work, report], { opportunities: 'department_and_children' });
  const plain = await makeRole(admin, work, { opportunities: 'department' });
  const blind = await makeRole(admin, [report, 'customers:view'], { customers: 'department' });
  const user = async (departmentId: string, roleId: string) =>
    t.login((await makeUser(admin, { departmentId, roleIds: [roleId] })).username);
  const stages = (await admin.get('/api/v1/opportunities/stages')).json().data;
  return {
    t,
    managerA: await user(branchA, manager.id),
    managerB: await user(branchB, manager.id),
    supervisor: await user(region, overseer.id),
    noReport: await user(branchA, plain.id),
    noView: await user(branchA, blind.id),
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
