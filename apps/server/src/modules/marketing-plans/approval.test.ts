import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { postCheckIn } from '../check-ins/test-helpers.ts';
import { planBody } from './authz.ts';

/**
 * A plan with expenses goes through the approval engine: the branch's two-level flow (the
 * planner's supervisor, then the region's director by role) decides it, not a reviewer.
 */
let t: TestContext;
let admin: Agent;
let planner: Agent;
let supervisor: Agent;
let director: Agent;
let elsewherePlanner: Agent;

const planning = [
  'marketing-plans:view',
  'marketing-plans:create',
  'marketing-plans:edit',
  'check-ins:view',
  'check-ins:create',
];

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const region = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const branch = await makeDepartment(admin, region.id);
  const elsewhere = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const executor = await makeRole(admin, planning, { 'marketing-plans': 'own', 'check-ins': 'own' });
  const reviewer = await makeRole(admin, [...planning, 'marketing-plans:review'], {
    'marketing-plans': 'department_and_children',
    'check-ins': 'department_and_children',
  });
  const directorRole = await makeRole(admin, [...planning, 'marketing-plans:review'], {
    'marketing-plans': 'department_and_children',
    'check-ins': 'department_and_children',
  });
  const directorUser = await makeUser(admin, { departmentId: region.id, roleIds: [directorRole.id] });
  const supervisorUser = await makeUser(admin, {
    departmentId: branch.id,
    roleIds: [reviewer.id],
    supervisorId: directorUser.id,
  });
  const plannerUser = await makeUser(admin, {
    departmentId: branch.id,
    roleIds: [executor.id],
    supervisorId: supervisorUser.id,
  });
  const otherUser = await makeUser(admin, { departmentId: elsewhere.id, roleIds: [executor.id] });
  const login = (u: unknown) => t.login((u as { username: string }).username);
  [planner, supervisor, director, elsewherePlanner] = await Promise.all(
    [plannerUser, supervisorUser, directorUser, otherUser].map(login),
  );
  const flow = await admin.post('/api/v1/approval-flows', {
    name: '营销费用两级审批',
    documentType: 'marketing-plan',
    conditions: { minAmount: '0.01', departmentIds: [region.id] },
    steps: [{ kind: 'supervisor' }, { kind: 'role', roleId: directorRole.id }],
  });
  expect(flow.statusCode, flow.body).toBe(201);
});
afterAll(() => t.close());

type Plan = { id: string; version: number; approvalId: string | null; [k: string]: unknown };

const withExpenses = (over: Record<string, unknown> = {}) =>
  planBody({
    type: 'promotion',
    subType: 'ground-promotion',
    expenses: [
      { item: '物料印刷', amount: '1200.00' },
      { item: '场地费', amount: '1799.9' },
      { item: '礼品', amount: '0.1' },
    ],
    ...over,
  });

async function submitted(agent = planner) {
  const res = await agent.post('/api/v1/marketing-plans', withExpenses());
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Plan;
}

const get = async (id: string) => (await planner.get(`/api/v1/marketing-plans/${id}`)).json() as Plan;
const decide = (agent: Agent, approvalId: string, action: string, comment?: string) =>
  agent.post(`/api/v1/approvals/${approvalId}/${action}`, comment ? { comment } : {});

describe('marketing plans through the approval engine', () => {
  it('a plan with ¥3,000 of expenses is in approval: not reviewable, not editable, not executable', async () => {
    const p = await submitted();
    expect(p).toMatchObject({ reviewStatus: 'in-approval', budget: '3000.00' });
    expect(p.approvalId).toBeTruthy();
    const queue = (await supervisor.get('/api/v1/marketing-plans?queue=unreviewed&pageSize=100')).json()
      .data as Plan[];
    expect(queue.map((x) => x.id)).not.toContain(p.id);
    const review = await supervisor.post(`/api/v1/marketing-plans/${p.id}/review`, {
      decision: 'approve',
      version: p.version,
    });
    expect(review.json().code).toBe('CONFLICT');
    const edit = await planner.patch(`/api/v1/marketing-plans/${p.id}`, { title: '改', version: p.version });
    expect(edit.json().code).toBe('PLAN_NOT_EDITABLE');
    const checkIn = await postCheckIn(planner, { type: 'activity', planId: p.id });
    expect(checkIn.json().code).toBe('PLAN_NOT_APPROVED');
  });

  it('the supervisor, then the director decide; the planner cannot approve their own; then it is approved and executable', async () => {
    const p = await submitted();
    expect((await decide(planner, p.approvalId!, 'approve')).statusCode).toBe(404);
    const pending = (await supervisor.get('/api/v1/approvals?box=pending&pageSize=100')).json().data as {
      documentId: string;
    }[];
    expect(pending.map((a) => a.documentId)).toContain(p.id);
    // the director's turn has not come (a later step's approver: 409, the step is someone else's)
    expect((await decide(director, p.approvalId!, 'approve')).statusCode).toBe(409);
    expect((await decide(supervisor, p.approvalId!, 'approve', '同意')).statusCode).toBe(200);
    expect((await get(p.id)).reviewStatus).toBe('in-approval');
    expect((await decide(director, p.approvalId!, 'approve', '批准')).statusCode).toBe(200);
    const approved = await get(p.id);
    expect(approved).toMatchObject({ reviewStatus: 'approved', execution: 'running', reviewComment: '批准' });
    expect(
      (await postCheckIn(planner, { type: 'activity', lat: 31.2, lng: 121.4, accuracy: 9, planId: p.id }))
        .statusCode,
    ).toBe(201);
    const notices = (await planner.get('/api/v1/notifications?pageSize=100')).json().data as {
      link: string | null;
    }[];
    expect(notices.some((n) => n.link?.includes(p.id))).toBe(true);
    const history = await planner.get(
      `/api/v1/approvals/history?documentType=marketing-plan&documentId=${p.id}`,
    );
    expect(history.statusCode, history.body).toBe(200);
  });

  it('rejected (with its comment) or returned, the planner edits it and it goes through the flow again', async () => {
    const p = await submitted();
    expect((await decide(supervisor, p.approvalId!, 'reject')).statusCode).toBe(400);
    expect((await decide(supervisor, p.approvalId!, 'reject', '预算过高')).statusCode).toBe(200);
    const rejected = await get(p.id);
    expect(rejected).toMatchObject({ reviewStatus: 'rejected', reviewComment: '预算过高' });
    const resubmitted = await planner.patch(`/api/v1/marketing-plans/${p.id}`, {
      expenses: [{ item: '物料印刷', amount: '800' }],
      version: rejected.version,
    });
    expect(resubmitted.json()).toMatchObject({ reviewStatus: 'in-approval', budget: '800.00' });
    const again = resubmitted.json() as Plan;
    expect(again.approvalId).not.toBe(p.approvalId);

    expect((await decide(supervisor, again.approvalId!, 'return', '请补充场地照片')).statusCode).toBe(200);
    expect(await get(p.id)).toMatchObject({ reviewStatus: 'returned', reviewComment: '请补充场地照片' });
  });

  it('with expenses but no flow for its department, it waits for a plain review', async () => {
    const p = await submitted(elsewherePlanner);
    expect(p).toMatchObject({ reviewStatus: 'unreviewed', approvalId: null });
  });
});
