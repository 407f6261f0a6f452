import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createCheckInAs, postCheckIn } from '../check-ins/test-helpers.ts';
import { authz, planBody } from './authz.ts';
import { sendReviewDigests } from './service.ts';

let t: TestContext;
let admin: Agent;
/** 门店 planner (executor) in `store`, under `branch`; `branchBoss` reviews the branch's subtree. */
let planner: Agent;
let plannerUser: { id: string; name: string; username: string };
let branchBoss: Agent;
let branchBossUser: { id: string };
let colleague: Agent;
let outsider: Agent;
let storeId: string;

const planning = [
  'marketing-plans:view',
  'marketing-plans:create',
  'marketing-plans:edit',
  'marketing-plans:delete',
  'check-ins:view',
  'check-ins:create',
  'customers:view',
  'customers:create',
];

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const branch = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const store = await makeDepartment(admin, branch.id);
  const elsewhere = await makeDepartment(admin, t.tenant.rootDepartmentId);
  storeId = store.id;
  const executor = await makeRole(admin, planning, {
    'marketing-plans': 'own',
    customers: 'own',
    'check-ins': 'own',
  });
  const reviewer = await makeRole(admin, [...planning, 'marketing-plans:review'], {
    'marketing-plans': 'department_and_children',
    customers: 'department_and_children',
    'check-ins': 'department_and_children',
  });
  branchBossUser = await makeUser(admin, { departmentId: branch.id, roleIds: [reviewer.id] });
  plannerUser = (await makeUser(admin, {
    departmentId: store.id,
    roleIds: [executor.id],
    supervisorId: branchBossUser.id,
  })) as typeof plannerUser;
  const colleagueUser = await makeUser(admin, { departmentId: store.id, roleIds: [reviewer.id] });
  const outsiderUser = await makeUser(admin, { departmentId: elsewhere.id, roleIds: [reviewer.id] });
  planner = await t.login(plannerUser.username);
  branchBoss = await t.login((branchBossUser as unknown as { username: string }).username);
  colleague = await t.login((colleagueUser as unknown as { username: string }).username);
  outsider = await t.login((outsiderUser as unknown as { username: string }).username);
});
afterAll(() => t.close());

type Plan = { id: string; version: number; [k: string]: unknown };

async function plan(agent: Agent, over: Record<string, unknown> = {}) {
  const res = await agent.post('/api/v1/marketing-plans', planBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Plan;
}

async function approve(p: Plan, by = branchBoss) {
  const res = await by.post(`/api/v1/marketing-plans/${p.id}/review`, {
    decision: 'approve',
    version: p.version,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Plan;
}

const notificationsOf = async (agent: Agent) =>
  (await agent.get('/api/v1/notifications?pageSize=100')).json().data as { kind: string; link: string }[];

describe('marketing plans: planning', () => {
  it('numbers a plan JH…, resolves the sub-type by code, name or id under its type, and sums the budget exactly', async () => {
    const byCode = await plan(planner, {
      type: 'promotion',
      subType: 'ground-promotion',
      goals: [
        { kind: 'leads', target: 60 },
        { kind: 'amount', target: '50000.5' },
      ],
    });
    expect(byCode).toMatchObject({
      type: 'promotion',
      subTypeName: '地面推广',
      reviewStatus: 'unreviewed',
      budget: '0.00',
      ownerId: plannerUser.id,
      departmentId: storeId,
      feedbackStatus: 'none',
      execution: null,
      goals: [
        { kind: 'leads', target: '60' },
        { kind: 'amount', target: '50000.50' },
      ],
    });
    expect(byCode.number).toMatch(/^JH\d{8}-\d{4}$/);
    const byName = await plan(planner, { type: 'visit', subType: '潜在客户开发' });
    expect(byName.subTypeName).toBe('潜在客户开发');
    const byId = await plan(planner, { type: 'visit', subType: byName.subType });
    expect(byId.subType).toBe(byName.subType);
    // a sub-type of the other type is not one of this type
    const wrong = await planner.post(
      '/api/v1/marketing-plans',
      planBody({ type: 'visit', subType: 'ground-promotion' }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details[0].path).toBe('subType');
  });

  it('refuses bad input with the field: dates, goals, money, region, customers out of sight', async () => {
    const bad = async (over: Record<string, unknown>, path: string) => {
      const res = await planner.post('/api/v1/marketing-plans', planBody(over));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
    };
    await bad({ startDate: '2026-12-10', endDate: '2026-12-01' }, 'endDate');
    await bad({ startDate: '2026-01-01', endDate: '2027-06-01' }, 'endDate');
    await bad({ goals: [{ kind: 'visits', target: 2.5 }] }, 'goals.0');
    await bad(
      {
        goals: [
          { kind: 'visits', target: 2 },
          { kind: 'visits', target: 3 },
        ],
      },
      'goals.1.kind',
    );
    await bad({ expenses: [{ item: '物料', amount: '10.123' }] }, 'expenses.0.amount');
    await bad({ expenses: [{ item: '物料', amount: '-5' }] }, 'expenses.0.amount');
    await bad({ regionCode: '999999' }, 'regionCode');
    const theirs = await makeCustomer(outsider);
    await bad({ customerIds: [theirs.id] }, 'customerIds.0');
  });

  it('keeps target customers the planner sees', async () => {
    const mine = await makeCustomer(planner);
    const p = await plan(planner, { customerIds: [mine.id, mine.id] });
    expect(p.customers).toEqual([{ id: mine.id, name: mine.name }]);
  });
});

describe('marketing plans: review', () => {
  it('waits in the 未审核 queue of reviewers whose scope holds it — never the planner’s own, never outside the department line', async () => {
    const p = await plan(planner);
    const queue = async (agent: Agent) =>
      ((await agent.get('/api/v1/marketing-plans?queue=unreviewed&pageSize=100')).json().data as Plan[]).map(
        (x) => x.id,
      );
    expect(await queue(branchBoss)).toContain(p.id);
    expect(await queue(colleague)).toContain(p.id);
    expect(await queue(planner)).not.toContain(p.id);
    expect(await queue(outsider)).not.toContain(p.id);
    expect((await outsider.get(`/api/v1/marketing-plans/${p.id}`)).statusCode).toBe(404);
    const outside = await outsider.post(`/api/v1/marketing-plans/${p.id}/review`, {
      decision: 'approve',
      version: p.version,
    });
    expect(outside.statusCode).toBe(404);
    // the reviewers in scope heard of it
    expect(
      (await notificationsOf(branchBoss)).some(
        (n) => n.kind === 'marketing-plan.review' && n.link.includes(p.id),
      ),
    ).toBe(true);
    expect((await notificationsOf(outsider)).some((n) => n.link?.includes(p.id))).toBe(false);
  });

  it('nobody reviews their own plan; a rejection needs a comment; a stale or second decision is a 409', async () => {
    const own = await plan(branchBoss);
    const self = await branchBoss.post(`/api/v1/marketing-plans/${own.id}/review`, {
      decision: 'approve',
      version: own.version,
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('OWN_SUBMISSION');

    const p = await plan(planner);
    const noComment = await branchBoss.post(`/api/v1/marketing-plans/${p.id}/review`, {
      decision: 'reject',
      version: p.version,
    });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().details[0].path).toBe('comment');
    const stale = await branchBoss.post(`/api/v1/marketing-plans/${p.id}/review`, {
      decision: 'approve',
      version: p.version - 1,
    });
    expect(stale.statusCode).toBe(409);
    const approved = await approve(p);
    expect(approved).toMatchObject({
      reviewStatus: 'approved',
      reviewedBy: branchBossUser.id,
      execution: 'running',
    });
    const again = await colleague.post(`/api/v1/marketing-plans/${p.id}/review`, {
      decision: 'reject',
      comment: '不行',
      version: approved.version,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CONFLICT');
    expect(
      (await notificationsOf(planner)).some(
        (n) => n.kind === 'marketing-plan.decided' && n.link.includes(p.id),
      ),
    ).toBe(true);
  });

  it('two reviewers deciding at once: one decision, one 409', async () => {
    const p = await plan(planner);
    const answers = await Promise.all([
      branchBoss.post(`/api/v1/marketing-plans/${p.id}/review`, { decision: 'approve', version: p.version }),
      colleague.post(`/api/v1/marketing-plans/${p.id}/review`, {
        decision: 'reject',
        comment: '预算不清',
        version: p.version,
      }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
  });

  it('an approved plan cannot be changed or deleted; a rejected one is edited back into review', async () => {
    const p = await plan(planner);
    const approved = await approve(p);
    const edit = await planner.patch(`/api/v1/marketing-plans/${p.id}`, {
      title: '改',
      version: approved.version,
    });
    expect(edit.json().code).toBe('PLAN_NOT_EDITABLE');
    const del = await planner.delete(`/api/v1/marketing-plans/${p.id}?version=${approved.version}`);
    expect(del.json().code).toBe('PLAN_NOT_EDITABLE');

    const q = await plan(planner);
    const rejected = (
      await branchBoss.post(`/api/v1/marketing-plans/${q.id}/review`, {
        decision: 'reject',
        comment: '请补充目标客户',
        version: q.version,
      })
    ).json() as Plan;
    expect(rejected).toMatchObject({ reviewStatus: 'rejected', reviewComment: '请补充目标客户' });
    const fixed = await planner.patch(`/api/v1/marketing-plans/${q.id}`, {
      title: '补充后的计划',
      version: rejected.version,
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({
      reviewStatus: 'unreviewed',
      title: '补充后的计划',
      reviewComment: null,
    });
  });
});

describe('marketing plans: execution and feedback', () => {
  it('活动签到 only against an approved plan, listed on it', async () => {
    const p = await plan(planner);
    const early = await postCheckIn(planner, {
      type: 'activity',
      lat: 31.23,
      lng: 121.47,
      accuracy: 10,
      planId: p.id,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('PLAN_NOT_APPROVED');
    const unknown = await postCheckIn(planner, {
      type: 'activity',
      planId: '0190a0a0-0000-7000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    await approve(p);
    const checkIn = await createCheckInAs(planner, { type: 'activity', planId: p.id });
    expect((await planner.get(`/api/v1/check-ins/${checkIn.id}`)).json().planId).toBe(p.id);
    const listed = (await branchBoss.get(`/api/v1/check-ins?planId=${p.id}`)).json().data as { id: string }[];
    expect(listed.map((c) => c.id)).toEqual([checkIn.id]);
    expect((await planner.get(`/api/v1/marketing-plans/${p.id}`)).json().checkInCount).toBe(1);
  });

  it('feedback: the executor’s, of an approved plan, with attainment; locked once submitted (409 FEEDBACK_LOCKED)', async () => {
    const p = await plan(planner, {
      goals: [
        { kind: 'visits', target: 8 },
        { kind: 'amount', target: '20000' },
      ],
    });
    const early = await planner.put(`/api/v1/marketing-plans/${p.id}/feedback`, {
      results: [],
      version: p.version,
    });
    expect(early.json().code).toBe('PLAN_NOT_APPROVED');
    const approved = await approve(p);
    const notMine = await branchBoss.put(`/api/v1/marketing-plans/${p.id}/feedback`, {
      results: [],
      version: approved.version,
    });
    expect(notMine.statusCode).toBe(403);
    const noDraft = await planner.post(`/api/v1/marketing-plans/${p.id}/feedback/submit`, {
      version: approved.version,
    });
    expect(noDraft.statusCode).toBe(400);

    const saved = await planner.put(`/api/v1/marketing-plans/${p.id}/feedback`, {
      results: [
        { kind: 'visits', actual: 6 },
        { kind: 'amount', actual: '25000.10' },
      ],
      actualExpenses: '0.1',
      notes: '完成',
      version: approved.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      feedbackStatus: 'draft',
      actualExpenses: '0.10',
      results: [
        { kind: 'visits', target: '8', actual: '6', attainment: 75 },
        { kind: 'amount', target: '20000.00', actual: '25000.10', attainment: 125 },
      ],
      attainment: 100,
      canFeedback: true,
    });
    const stale = await planner.put(`/api/v1/marketing-plans/${p.id}/feedback`, {
      results: [],
      version: approved.version,
    });
    expect(stale.json().code).toBe('CONFLICT');

    const submitted = await planner.post(`/api/v1/marketing-plans/${p.id}/feedback/submit`, {
      version: saved.json().version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({
      feedbackStatus: 'submitted',
      execution: 'completed',
      canFeedback: false,
    });
    const version = submitted.json().version;
    for (const res of [
      await planner.put(`/api/v1/marketing-plans/${p.id}/feedback`, { results: [], version }),
      await planner.post(`/api/v1/marketing-plans/${p.id}/feedback/submit`, { version }),
      await postCheckIn(planner, { type: 'activity', planId: p.id }),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('FEEDBACK_LOCKED');
    }
    // the executor's supervisor hears of it
    expect(
      (await notificationsOf(branchBoss)).some(
        (n) => n.kind === 'marketing-plan.feedback' && n.link.includes(p.id),
      ),
    ).toBe(true);
  });
});

describe('marketing plans: summaries and digest', () => {
  it("sums a supervisor's subtree by department, person and type; outsiders see none of it", async () => {
    const from = '2030-01-01';
    const inRange = { startDate: '2030-01-05', endDate: '2030-01-06' };
    const a = await plan(planner, { ...inRange, expenses: [] });
    await plan(planner, { ...inRange, type: 'promotion', subType: '5km' });
    const approved = await approve(a);
    const saved = await planner.put(`/api/v1/marketing-plans/${a.id}/feedback`, {
      results: [{ kind: 'visits', actual: 10 }],
      actualExpenses: '12.30',
      version: approved.version,
    });
    await planner.post(`/api/v1/marketing-plans/${a.id}/feedback/submit`, { version: saved.json().version });

    const summary = async (agent: Agent, groupBy: string) =>
      (
        await agent.get(`/api/v1/marketing-plans/summary?from=${from}&to=2030-01-31&groupBy=${groupBy}`)
      ).json();
    const byDept = await summary(branchBoss, 'department');
    expect(byDept.total).toMatchObject({ plans: 2, actualExpenses: '12.30', attainment: 200 });
    expect(byDept.total.byStatus).toMatchObject({ approved: 1, unreviewed: 1 });
    expect(byDept.total.byExecution.completed).toBe(1);
    expect(byDept.data).toEqual([expect.objectContaining({ key: storeId, plans: 2 })]);
    const byUser = await summary(branchBoss, 'user');
    expect(byUser.data[0]).toMatchObject({ key: plannerUser.id, name: plannerUser.name });
    const byType = await summary(branchBoss, 'type');
    expect(byType.data.map((r: { key: string; plans: number }) => [r.key, r.plans]).sort()).toEqual([
      ['promotion', 1],
      ['visit', 1],
    ]);
    expect((await summary(outsider, 'department')).total.plans).toBe(0);
    // the drill-down: the list filtered by the row's key
    const drill = await branchBoss.get(
      `/api/v1/marketing-plans?departmentId=${storeId}&from=${from}&to=2030-01-31`,
    );
    expect(drill.json().total).toBe(2);
  });

  it('the daily digest tells each reviewer how many plans wait, once a day', async () => {
    await plan(planner);
    const first = await sendReviewDigests(t.database.db);
    expect(first).toBeGreaterThan(0);
    expect(await sendReviewDigests(t.database.db)).toBe(0);
    expect((await notificationsOf(branchBoss)).some((n) => n.kind === 'marketing-plan.digest')).toBe(true);
    expect((await notificationsOf(outsider)).some((n) => n.kind === 'marketing-plan.digest')).toBe(false);
  });
});

describeAuthz(authz);
