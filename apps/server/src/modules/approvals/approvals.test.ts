import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../../app.ts';
import type { Db } from '../../db/client.ts';
import { installModules } from '../../install-modules.ts';
import { defineModule } from '../../module-manifest.ts';
import { toPrincipal } from '../../platform/auth/hook.ts';
import { findUserPrincipal } from '../../platform/auth/principal-repository.ts';
import { callerForJob } from '../../platform/caller.ts';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import type { ApprovalOutcome } from './service.ts';
import { submitForApproval } from './submit-service.ts';

type DocType = 'payment' | 'contract' | 'quote';

/**
 * Test documents of types no module owns yet: the engine runs for real on the real database;
 * the "document module" here records what it was told and says who sees a document.
 */
const outcomes: { documentId: string; outcome: ApprovalOutcome; comment: string | null; inTx: boolean }[] =
  [];
const viewers = new Map<string, Set<string>>();
const testDocuments = (['payment', 'contract', 'quote'] as const).map((documentType) => ({
  documentType,
  onDecided: async (tx: Db, e: { documentId: string; outcome: ApprovalOutcome; comment: string | null }) => {
    // proves it runs inside the settling transaction: the approval's new status is visible to tx
    const rows = await tx.execute(
      sql`SELECT status FROM approvals WHERE document_id = ${e.documentId} ORDER BY created_at DESC LIMIT 1`,
    );
    outcomes.push({
      documentId: e.documentId,
      outcome: e.outcome,
      comment: e.comment,
      inTx: (rows.rows[0] as { status: string }).status === e.outcome,
    });
  },
  canSee: async (_db: Db, p: { userId: string }, documentId: string) =>
    viewers.get(documentId)?.has(p.userId) ?? false,
}));

let t: TestContext;
let admin: Agent;
type Person = { id: string; username: string; agent: Agent };
let deptA: string; // 大区
let deptB: string; // its 分公司
let deptSibling: string;
let roleX: string;
let roleTop: string;

async function person(departmentId: string, supervisorId?: string, roleIds: string[] = []): Promise<Person> {
  const u = await makeUser(admin, { departmentId, supervisorId, roleIds });
  return { id: u.id, username: u.username, agent: await t.login(u.username) };
}

async function submit(
  who: Person,
  documentType: DocType,
  extra: { amount?: string | null; departmentId?: string; documentId?: string } = {},
) {
  const row = await findUserPrincipal(t.database.db, t.tenant.id, who.id);
  const caller = callerForJob(toPrincipal(row!, 'job'));
  const documentId = extra.documentId ?? randomUUID();
  const res = await t.database.db.transaction((tx) =>
    submitForApproval(tx, caller, {
      documentType,
      documentId,
      title: unique('付款'),
      amount: extra.amount === undefined ? '100.00' : extra.amount,
      departmentId: extra.departmentId ?? caller.p.departmentId,
    }),
  );
  return { documentId, approvalId: res?.approvalId ?? null };
}

/** A flow that applies only to documents of a fresh department (each test its own). */
async function flowFor(
  departmentId: string,
  steps: unknown[],
  documentType: DocType = 'payment',
  extra = {},
) {
  const res = await admin.post('/api/v1/approval-flows', {
    name: unique('流程'),
    documentType,
    conditions: { departmentIds: [departmentId] },
    steps,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

const get = async (agent: Agent, id: string) => {
  const res = await agent.get(`/api/v1/approvals/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const act = (agent: Agent, id: string, action: string, comment?: string) =>
  agent.post(`/api/v1/approvals/${id}/${action}`, comment === undefined ? {} : { comment });
const box = async (agent: Agent, which: string) => {
  const res = await agent.get(`/api/v1/approvals?box=${which}&pageSize=100`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    data: { id: string; status: string; step: { index: number; approvers: { id: string }[] } }[];
  };
};
const notificationsOf = async (userId: string) =>
  (
    await t.database.db.execute(
      sql`SELECT kind, data, link FROM notifications WHERE user_id = ${userId} ORDER BY created_at`,
    )
  ).rows as { kind: string; data: Record<string, unknown>; link: string }[];

beforeAll(async () => {
  t = await createTestContext();
  installModules([...modules, defineModule({ name: 'approvals-test', approvalDocuments: testDocuments })]);
  admin = await t.admin();
  deptA = (await makeDepartment(admin, t.tenant.rootDepartmentId)).id;
  deptB = (await makeDepartment(admin, deptA)).id;
  deptSibling = (await makeDepartment(admin, deptA)).id;
  roleX = (await makeRole(admin, [])).id;
  roleTop = (await makeRole(admin, [])).id;
});
afterAll(() => t.close());

/** A fresh line: 大区 head (holds roleTop) → 经理 → 员工, in a fresh 分公司 under deptA. */
async function line() {
  const dept = (await makeDepartment(admin, deptA)).id;
  const head = await person(deptA, undefined, [roleTop]);
  const manager = await person(dept, head.id);
  const staff = await person(dept, manager.id);
  return { dept, head, manager, staff };
}

describe('approval flows', () => {
  it('creates, lists, versions and deletes a flow; refuses unknown roles, users and departments by path', async () => {
    const user = await person(deptA);
    const created = await flowFor(deptB, [{ kind: 'users', userIds: [user.id], mode: 'all' }]);
    expect(created.version).toBe(1);
    const one = (await admin.get(`/api/v1/approval-flows/${created.id}`)).json();
    expect(one.names[user.id]).toBeTruthy();
    expect(one.conditions).toEqual({ minAmount: null, maxAmount: null, departmentIds: [deptB] });
    const list = (await admin.get('/api/v1/approval-flows?documentType=payment&pageSize=100')).json();
    expect(list.data.map((f: { id: string }) => f.id)).toContain(created.id);

    const patched = await admin.patch(`/api/v1/approval-flows/${created.id}`, {
      version: 1,
      steps: [{ kind: 'supervisor', levels: 2 }],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ version: 2, steps: [{ kind: 'supervisor', levels: 2 }] });
    const stale = await admin.patch(`/api/v1/approval-flows/${created.id}`, { version: 1, name: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');

    const bad = [
      [{ steps: [{ kind: 'role', roleId: randomUUID() }] }, 'steps.0.roleId'],
      [{ steps: [{ kind: 'users', userIds: [randomUUID()], mode: 'any' }] }, 'steps.0.userIds.0'],
      [
        { steps: [{ kind: 'supervisor' }], conditions: { departmentIds: [randomUUID()] } },
        'conditions.departmentIds.0',
      ],
    ] as const;
    for (const [body, path] of bad) {
      const res = await admin.post('/api/v1/approval-flows', { name: 'x', documentType: 'payment', ...body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().details[0].path).toBe(path);
    }
    for (const body of [
      { name: 'x', documentType: 'nope', steps: [{ kind: 'supervisor' }] },
      { name: 'x', documentType: 'payment', steps: [] },
      { name: 'x', documentType: 'payment', steps: [{ kind: 'users', userIds: [], mode: 'all' }] },
      {
        name: 'x',
        documentType: 'payment',
        steps: [{ kind: 'supervisor' }],
        conditions: { minAmount: '1.234' },
      },
      {
        name: 'x',
        documentType: 'payment',
        steps: [{ kind: 'supervisor' }],
        conditions: { minAmount: '10', maxAmount: '9' },
      },
    ]) {
      const res = await admin.post('/api/v1/approval-flows', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }

    const del = await admin.request('DELETE', `/api/v1/approval-flows/${created.id}?version=2`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await admin.get(`/api/v1/approval-flows/${created.id}`)).statusCode).toBe(404);
  });

  it('chooses the flow by type, amount range and department (the most specific first); none → null', async () => {
    const { dept, staff } = await line();
    const small = await person(deptA);
    const big = await person(deptA);
    const general = await person(deptA);
    await flowFor(dept, [{ kind: 'users', userIds: [small.id], mode: 'any' }], 'contract', {
      conditions: { departmentIds: [deptA], maxAmount: '1000.00' },
    });
    await flowFor(dept, [{ kind: 'users', userIds: [big.id], mode: 'any' }], 'contract', {
      conditions: { departmentIds: [deptA], minAmount: '1000.01' },
    });
    await flowFor(dept, [{ kind: 'users', userIds: [general.id], mode: 'any' }], 'contract', {
      conditions: { departmentIds: [dept] },
    });
    const askedFor = async (amount: string | null, departmentId?: string) => {
      const { approvalId } = await submit(staff, 'contract', { amount, departmentId });
      return approvalId ? (await get(admin, approvalId)).steps[0].approvers[0].id : null;
    };
    // the staff's own department: its flow (no amount range) wins over the 大区's
    expect(await askedFor('5000.00')).toBe(general.id);
    // a sibling 分公司 under the 大区: by amount, bounds inclusive
    expect(await askedFor('1000.00', deptSibling)).toBe(small.id);
    expect(await askedFor('1000.01', deptSibling)).toBe(big.id);
    // no amount: a flow with an amount range does not apply
    expect(await askedFor(null, deptSibling)).toBeNull();
    // another department line entirely, and a type without flows
    const other = (await makeDepartment(admin, t.tenant.rootDepartmentId)).id;
    expect(await askedFor('10.00', other)).toBeNull();
    expect((await submit(staff, 'quote', { departmentId: other })).approvalId).toBeNull();
  });
});

describe('approvals', () => {
  it('supervisor chain n levels: each level in turn, notified when it is their turn; the submitter told the outcome', async () => {
    const { dept, head, manager, staff } = await line();
    await flowFor(dept, [{ kind: 'supervisor', levels: 2 }]);
    const { approvalId, documentId } = await submit(staff, 'payment');
    const a = await get(staff.agent, approvalId!);
    expect(a.steps.map((s: { approvers: { id: string }[] }) => s.approvers.map((p) => p.id))).toEqual([
      [manager.id],
      [head.id],
    ]);
    expect(a).toMatchObject({ status: 'pending', step: { index: 1, count: 2 }, can: { withdraw: true } });
    expect((await notificationsOf(manager.id)).map((n) => n.kind)).toEqual(['approval.pending']);
    expect(await notificationsOf(head.id)).toEqual([]);
    // the second level cannot act before its turn
    expect((await act(head.agent, approvalId!, 'approve')).statusCode).toBe(409);

    expect((await box(manager.agent, 'pending')).data.map((x) => x.id)).toContain(approvalId);
    const first = await act(manager.agent, approvalId!, 'approve', '同意');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      status: 'pending',
      step: { index: 2, approvers: [{ id: head.id }] },
    });
    expect((await box(manager.agent, 'pending')).data.map((x) => x.id)).not.toContain(approvalId);
    expect((await box(manager.agent, 'done')).data.map((x) => x.id)).toContain(approvalId);
    expect((await notificationsOf(head.id)).map((n) => n.link)).toEqual([`/approvals?id=${approvalId}`]);
    // once decided, withdrawing is too late
    expect((await act(staff.agent, approvalId!, 'withdraw')).statusCode).toBe(409);

    const last = await act(head.agent, approvalId!, 'approve');
    expect(last.json()).toMatchObject({ status: 'approved', myDecision: 'approved' });
    expect(outcomes.filter((o) => o.documentId === documentId)).toEqual([
      { documentId, outcome: 'approved', comment: null, inTx: true },
    ]);
    const told = await notificationsOf(staff.id);
    expect(told.map((n) => [n.kind, n.data.outcome])).toEqual([['approval.decided', 'approved']]);
    const mine = (await box(staff.agent, 'submitted')).data.find((x) => x.id === approvalId);
    expect(mine?.status).toBe('approved');
    // acting again after it moved on
    expect((await act(head.agent, approvalId!, 'approve')).json().code).toBe('CONFLICT');
  });

  it('supervisor chain up to a role: up to and including the first supervisor holding it', async () => {
    const { dept, head, manager, staff } = await line();
    const top = await person(deptA);
    await admin.patch(`/api/v1/users/${head.id}`, {
      supervisorId: top.id,
      version: (await admin.get(`/api/v1/users/${head.id}`)).json().version,
    });
    await flowFor(dept, [{ kind: 'supervisor', untilRoleId: roleTop }]);
    const { approvalId } = await submit(staff, 'payment');
    const a = await get(admin, approvalId!);
    expect(a.steps.map((s: { approvers: { id: string }[] }) => s.approvers[0].id)).toEqual([
      manager.id,
      head.id,
    ]);
  });

  it('role within the department line: the nearest department with a holder; never a sibling department', async () => {
    const dept = (await makeDepartment(admin, deptB)).id;
    const staff = await person(dept);
    const inA = await person(deptA, undefined, [roleX]);
    const inA2 = await person(deptA, undefined, [roleX]);
    await person(deptSibling, undefined, [roleX]);
    await flowFor(dept, [{ kind: 'role', roleId: roleX, mode: 'all' }]);
    const first = await submit(staff, 'payment');
    const a = await get(admin, first.approvalId!);
    expect(a.steps[0]).toMatchObject({ kind: 'role', mode: 'all', note: null });
    expect(a.steps[0].approvers.map((p: { id: string }) => p.id).sort()).toEqual([inA.id, inA2.id].sort());

    // a holder in the department itself is nearer
    const near = await person(dept, undefined, [roleX]);
    const second = await submit(staff, 'payment');
    expect(
      (await get(admin, second.approvalId!)).steps[0].approvers.map((p: { id: string }) => p.id),
    ).toEqual([near.id]);
    // …unless that holder is the submitter: the step passes one level up
    const third = await submit(near, 'payment');
    const b = await get(admin, third.approvalId!);
    expect(b.steps[0].note).toBe('self-skipped');
    expect(b.steps[0].approvers.map((p: { id: string }) => p.id).sort()).toEqual([inA.id, inA2.id].sort());
    expect(b.events.map((e: { action: string }) => e.action)).toEqual(['submitted', 'self-skipped']);
  });

  it('会签: every named person must approve; 或签 decided at once by two → one wins, the other 409', async () => {
    const { dept, staff } = await line();
    const [u1, u2] = [await person(deptA), await person(deptA)];
    const flow = await flowFor(dept, [{ kind: 'users', userIds: [u1.id, u2.id], mode: 'all' }]);
    const all = await submit(staff, 'payment');
    expect((await act(u1.agent, all.approvalId!, 'approve')).json()).toMatchObject({ status: 'pending' });
    expect((await act(u1.agent, all.approvalId!, 'approve')).statusCode).toBe(409);
    expect((await act(u2.agent, all.approvalId!, 'approve')).json()).toMatchObject({ status: 'approved' });

    await admin.patch(`/api/v1/approval-flows/${flow.id}`, {
      version: flow.version,
      steps: [{ kind: 'users', userIds: [u1.id, u2.id], mode: 'any' }],
    });
    const any = await submit(staff, 'payment');
    const answers = await Promise.all([
      act(u1.agent, any.approvalId!, 'approve'),
      act(u2.agent, any.approvalId!, 'reject', '预算超标'),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.statusCode === 409)!.json().code).toBe('CONFLICT');
    const a = await get(staff.agent, any.approvalId!);
    expect(['approved', 'rejected']).toContain(a.status);
    expect(a.steps[0].approvers.filter((p: { status: string }) => p.status === 'cancelled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.documentId === any.documentId)).toHaveLength(1);
  });

  it('nobody approves their own submission; a step with nobody to ask goes to the admins, in the history', async () => {
    const { dept, manager, staff } = await line();
    const u1 = await person(deptA);
    await flowFor(dept, [
      { kind: 'users', userIds: [staff.id], mode: 'all' },
      { kind: 'users', userIds: [staff.id, u1.id], mode: 'all' },
    ]);
    const { approvalId } = await submit(staff, 'payment');
    const a = await get(staff.agent, approvalId!);
    expect(
      a.steps.map((s: { note: string | null; approvers: { id: string }[] }) => [
        s.note,
        s.approvers.map((p) => p.id),
      ]),
    ).toEqual([
      ['self-skipped', [manager.id]],
      [null, [u1.id]],
    ]);
    // the submitter, though named, is never asked
    expect((await act(staff.agent, approvalId!, 'approve')).statusCode).toBe(404);

    // nobody above: no supervisor → the tenant's admins
    const solo = await person(deptA);
    const deptOfSolo = (await makeDepartment(admin, deptA)).id;
    await flowFor(deptOfSolo, [{ kind: 'supervisor', levels: 3 }]);
    const escalated = await submit(solo, 'payment', { departmentId: deptOfSolo });
    const e = await get(admin, escalated.approvalId!);
    expect(e.steps[0]).toMatchObject({
      kind: 'admins',
      note: 'no-approver',
      approvers: [{ id: t.tenant.adminId }],
    });
    expect(e.events.map((x: { action: string }) => x.action)).toEqual(['submitted', 'escalated']);
    expect((await box(admin, 'pending')).data.map((x) => x.id)).toContain(escalated.approvalId);
  });

  it('versions: changing a flow never changes approvals in flight', async () => {
    const { dept, manager, staff } = await line();
    const [u1, u2] = [await person(deptA), await person(deptA)];
    const flow = await flowFor(dept, [{ kind: 'users', userIds: [u1.id], mode: 'any' }]);
    const before = await submit(staff, 'payment');
    await admin.patch(`/api/v1/approval-flows/${flow.id}`, {
      version: flow.version,
      name: '新版',
      steps: [{ kind: 'users', userIds: [u2.id], mode: 'any' }, { kind: 'supervisor' }],
    });
    const after = await submit(staff, 'payment');
    const a = await get(admin, before.approvalId!);
    expect(a.flow.version).toBe(1);
    expect(a.step.count).toBe(1);
    expect((await act(u1.agent, before.approvalId!, 'approve')).json().status).toBe('approved');
    const b = await get(admin, after.approvalId!);
    expect(b).toMatchObject({
      flow: { version: 2, name: '新版' },
      step: { count: 2, approvers: [{ id: u2.id }] },
    });
    // switched off, and then deleted: no longer chosen; what started with it carries on
    const off = await admin.patch(`/api/v1/approval-flows/${flow.id}`, { version: 2, active: false });
    expect(off.json()).toMatchObject({ version: 3, active: false });
    expect((await submit(staff, 'payment')).approvalId).toBeNull();
    expect((await admin.request('DELETE', `/api/v1/approval-flows/${flow.id}?version=3`)).statusCode).toBe(
      200,
    );
    expect((await act(u2.agent, after.approvalId!, 'approve')).json()).toMatchObject({
      status: 'pending',
      step: { index: 2, approvers: [{ id: manager.id }] },
    });
  });

  it('reject and return need a comment (400); return lets the submitter submit again; not yours → 404', async () => {
    const { dept, manager, staff } = await line();
    const outsider = await person(deptA);
    await flowFor(dept, [{ kind: 'supervisor' }]);
    const first = await submit(staff, 'payment');
    for (const action of ['reject', 'return']) {
      for (const body of [{}, { comment: '' }, { comment: '   ' }]) {
        const res = await manager.agent.post(`/api/v1/approvals/${first.approvalId}/${action}`, body);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
    }
    // no body at all: refused as input, never a 500
    const bare = await manager.agent.request('POST', `/api/v1/approvals/${first.approvalId}/reject`);
    expect(bare.statusCode, bare.body).toBe(400);
    for (const action of ['approve', 'reject', 'return', 'withdraw'])
      expect((await act(outsider.agent, first.approvalId!, action, '看看')).statusCode).toBe(404);
    expect((await outsider.agent.get(`/api/v1/approvals/${first.approvalId}`)).statusCode).toBe(404);
    expect((await act(manager.agent, randomUUID(), 'approve')).statusCode).toBe(404);
    expect((await manager.agent.post('/api/v1/approvals/not-a-uuid/approve', {})).statusCode).toBe(400);

    // a document is in one approval at a time
    await expect(submit(staff, 'payment', { documentId: first.documentId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const returned = await act(manager.agent, first.approvalId!, 'return', '请补充发票');
    expect(returned.json()).toMatchObject({ status: 'returned', myDecision: 'returned' });
    expect(outcomes.find((o) => o.documentId === first.documentId)).toMatchObject({
      outcome: 'returned',
      comment: '请补充发票',
    });
    const again = await submit(staff, 'payment', { documentId: first.documentId });
    expect(again.approvalId).not.toBe(first.approvalId);
    const rejected = await act(manager.agent, again.approvalId!, 'reject', '不符合规定');
    expect(rejected.json().status).toBe('rejected');

    // the document's history: newest first, with comments; to whom the document is visible, or who took part
    viewers.set(first.documentId, new Set([outsider.id]));
    const url = `/api/v1/approvals/history?documentType=payment&documentId=${first.documentId}`;
    const history = (await outsider.agent.get(url)).json();
    expect(history.data.map((a: { status: string }) => a.status)).toEqual(['rejected', 'returned']);
    expect(
      history.data[1].events.map((e: { action: string; comment: string | null }) => [e.action, e.comment]),
    ).toEqual([
      ['submitted', null],
      ['returned', '请补充发票'],
    ]);
    expect((await outsider.agent.get(`/api/v1/approvals/${first.approvalId}`)).statusCode).toBe(200);
    expect((await staff.agent.get(url)).json().data).toHaveLength(2);
    const stranger = await person(deptA);
    expect((await stranger.agent.get(url)).statusCode).toBe(404);
    expect(
      (await stranger.agent.get(`/api/v1/approvals/history?documentType=payment&documentId=x`)).statusCode,
    ).toBe(400);
  });

  it('withdraw: the submitter, before the first decision; the approvers no longer see it pending', async () => {
    const { dept, manager, staff } = await line();
    await flowFor(dept, [{ kind: 'supervisor' }]);
    const { approvalId, documentId } = await submit(staff, 'payment');
    expect((await act(manager.agent, approvalId!, 'withdraw')).statusCode).toBe(404);
    const res = await act(staff.agent, approvalId!, 'withdraw');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', can: { approve: false, withdraw: false } });
    expect(outcomes.find((o) => o.documentId === documentId)?.outcome).toBe('withdrawn');
    expect((await box(manager.agent, 'pending')).data.map((x) => x.id)).not.toContain(approvalId);
    expect((await act(manager.agent, approvalId!, 'approve')).statusCode).toBe(409);
    expect((await act(staff.agent, approvalId!, 'withdraw')).statusCode).toBe(409);
  });

  it('a departure hands what the leaver was asked to whoever takes over, in the history; the heir is notified', async () => {
    const { dept, head, manager, staff } = await line();
    const heir = await person(deptA);
    await flowFor(dept, [{ kind: 'supervisor', levels: 2 }]);
    const { approvalId } = await submit(staff, 'payment');
    const res = await admin.post(`/api/v1/users/${manager.id}/departure`, { toUserId: heir.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().transferred.approvals).toBe(1);
    const a = await get(admin, approvalId!);
    expect(a.step.approvers.map((p: { id: string }) => p.id)).toEqual([heir.id]);
    expect(a.events.map((e: { action: string; actor: { id: string } }) => [e.action, e.actor.id])).toEqual([
      ['submitted', staff.id],
      ['handed-over', manager.id],
    ]);
    expect((await notificationsOf(heir.id)).map((n) => n.kind)).toEqual(['approval.pending']);
    const approved = await act(heir.agent, approvalId!, 'approve');
    expect(approved.json().step.approvers.map((p: { id: string }) => p.id)).toEqual([head.id]);
  });

  it('the boxes: list shape, filters, paging', async () => {
    const { dept, manager, staff } = await line();
    await flowFor(dept, [{ kind: 'supervisor' }]);
    for (let i = 0; i < 3; i++) await submit(staff, 'payment', { amount: '1234.50' });
    const page = (await manager.agent.get('/api/v1/approvals?box=pending&pageSize=2')).json();
    expect(page).toMatchObject({ total: 3, pageSize: 2, totalIsEstimate: false });
    expect(page.data[0]).toMatchObject({
      documentType: 'payment',
      amount: '1234.50',
      submitter: { id: staff.id },
      step: { index: 1, count: 1, approvers: [{ id: manager.id }] },
      status: 'pending',
      myDecision: null,
    });
    const next = (
      await manager.agent.get(`/api/v1/approvals?box=pending&pageSize=2&page=2&cursor=${page.nextCursor}`)
    ).json();
    expect(next.data).toHaveLength(1);
    expect((await staff.agent.get('/api/v1/approvals?box=submitted&status=approved')).json().data).toEqual(
      [],
    );
    // filters on the approval: type, status, a title search
    const filtered = (url: string) =>
      manager.agent.get(`/api/v1/approvals?${url}`).then((r) => r.json().total);
    expect(await filtered('box=pending&documentType=payment&q=付款')).toBe(3);
    expect(await filtered('box=pending&documentType=contract')).toBe(0);
    expect(await filtered('box=pending&status=pending')).toBe(3);
    expect(await filtered('box=done&q=付款')).toBe(0);
    expect((await staff.agent.get('/api/v1/approvals?box=nope')).statusCode).toBe(400);
    expect((await staff.agent.get('/api/v1/approvals?box=pending&sort=title')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/approvals?box=submitted')).statusCode).toBe(200);
  });
});

describeAuthz(authz);
