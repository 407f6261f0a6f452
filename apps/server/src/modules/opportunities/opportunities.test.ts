import { toCents } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz, opportunityBody } from './authz.ts';
import { salesFacts, wonAmountByCampaign } from './published.ts';
import { notifyStalled } from './stalled-service.ts';

describeAuthz(authz);

let t: TestContext;
let admin: Agent;
/** 周 supervises `team` (department scope, 指派); 刘 and 黄 are account managers in it (own scope). */
let boss: Agent;
let manager: Agent;
let managerUser: { id: string; name: string };
let peer: Agent;
let outsider: Agent;
let outsiderUser: { id: string };
let teamId: string;
let lostReason: string;
let source: string;

const work = [
  'opportunities:view',
  'opportunities:create',
  'opportunities:edit',
  'customers:view',
  'customers:create',
  'contacts:view',
  'contacts:create',
];

type Opp = { id: string; version: number; [k: string]: unknown };

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const team = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const elsewhere = await makeDepartment(admin, t.tenant.rootDepartmentId);
  teamId = team.id;
  const supervisor = await makeRole(
    admin,
    [...work, 'opportunities:assign', 'opportunities:delete', 'opportunities:export'],
    { opportunities: 'department', customers: 'department' },
  );
  const am = await makeRole(admin, work, { opportunities: 'own', customers: 'own' });
  const bossUser = await makeUser(admin, { departmentId: team.id, roleIds: [supervisor.id] });
  managerUser = await makeUser(admin, { departmentId: team.id, roleIds: [am.id], supervisorId: bossUser.id });
  const peerUser = await makeUser(admin, { departmentId: team.id, roleIds: [am.id] });
  outsiderUser = await makeUser(admin, { departmentId: elsewhere.id, roleIds: [supervisor.id] });
  boss = await t.login(bossUser.username);
  manager = await t.login((managerUser as unknown as { username: string }).username);
  peer = await t.login(peerUser.username);
  outsider = await t.login((outsiderUser as unknown as { username: string }).username);
  lostReason = (await items('lost-reason'))[0].id;
  source = (await items('customer-source'))[0].id;
});
afterAll(() => t.close());

async function items(type: string) {
  const body = (await admin.get(`/api/v1/dictionaries/${type}/items`)).json();
  return (Array.isArray(body) ? body : body.data) as { id: string }[];
}

async function create(agent: Agent, over: Record<string, unknown> = {}) {
  const res = await agent.post('/api/v1/opportunities', opportunityBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Opp;
}

async function assign(o: Opp, userId = managerUser.id, by = boss) {
  const res = await by.post(`/api/v1/opportunities/${o.id}/assign`, { userId, version: o.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Opp;
}

async function stages() {
  return (await boss.get('/api/v1/opportunities/stages')).json().data as {
    id: string;
    name: string;
    position: number;
    probability: string;
    stalledDays: number;
    version: number;
  }[];
}

describe('stages', () => {
  it('every tenant starts with five stages in order, each with its probability and stalled days', async () => {
    const list = await stages();
    expect(list.map((s) => [s.name, s.position, s.probability])).toEqual([
      ['初步接洽', 1, '10.00'],
      ['需求确认', 2, '30.00'],
      ['方案报价', 3, '50.00'],
      ['谈判审核', 4, '70.00'],
      ['赢单前', 5, '90.00'],
    ]);
    expect(list.every((s) => s.stalledDays > 0)).toBe(true);
  });

  it('holders of opportunities:assign add, move, change and delete stages; names are unique; in use is refused', async () => {
    const name = unique('阶段');
    const added = await boss.post('/api/v1/opportunities/stages', {
      name,
      probability: '20',
      stalledDays: 7,
      position: 2,
    });
    expect(added.statusCode, added.body).toBe(201);
    const after = added.json().data as { id: string; name: string; position: number; version: number }[];
    expect(after.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6]);
    const mine = after.find((s) => s.name === name)!;
    expect(mine.position).toBe(2);
    expect(
      (await boss.post('/api/v1/opportunities/stages', { name, probability: '1', stalledDays: 1 })).json()
        .code,
    ).toBe('NAME_TAKEN');
    expect(
      (
        await manager.post('/api/v1/opportunities/stages', {
          name: unique(),
          probability: '1',
          stalledDays: 1,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await boss.post('/api/v1/opportunities/stages', {
          name: unique(),
          probability: '101',
          stalledDays: 1,
        })
      ).statusCode,
    ).toBe(400);
    const moved = await boss.patch(`/api/v1/opportunities/stages/${mine.id}`, {
      version: mine.version,
      position: 6,
      stalledDays: 9,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const last = (
      moved.json().data as { id: string; position: number; stalledDays: number; version: number }[]
    ).at(-1)!;
    expect(last).toMatchObject({ id: mine.id, position: 6, stalledDays: 9 });
    const stale = await boss.patch(`/api/v1/opportunities/stages/${mine.id}`, {
      version: mine.version,
      name: unique(),
    });
    expect(stale.json().code).toBe('CONFLICT');
    // an open deal in it: not deleted
    const o = await create(boss, { stageId: mine.id });
    const inUse = await boss.delete(`/api/v1/opportunities/stages/${mine.id}?version=${last.version}`);
    expect(inUse.json().code).toBe('STAGE_IN_USE');
    expect((await boss.delete(`/api/v1/opportunities/${o.id}?version=${o.version}`)).statusCode).toBe(200);
    const gone = await boss.delete(`/api/v1/opportunities/stages/${mine.id}?version=${last.version}`);
    expect(gone.statusCode, gone.body).toBe(200);
    expect((await stages()).map((s) => s.position)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('opportunities', () => {
  it('are created for a prospect or a customer, unassigned, in the first stage with its probability; money is exact', async () => {
    const o = await create(boss, { expectedAmount: '1234.5' });
    expect(o).toMatchObject({
      status: 'unassigned',
      expectedAmount: '1234.50',
      probability: '10.00',
      weightedAmount: '123.45',
      stageName: '初步接洽',
      customerId: null,
      assigneeId: null,
    });
    const customer = await makeCustomer(boss);
    const forCustomer = await create(boss, {
      prospectName: undefined,
      customerId: customer.id,
      probability: '33.33',
      source,
    });
    expect(forCustomer).toMatchObject({
      customerId: customer.id,
      customerName: customer.name,
      probability: '33.33',
    });
  });

  it('refuses bad input with 400 and the field: amount ≤ 0 or with 3 decimals, both or neither of customer and prospect', async () => {
    for (const expectedAmount of ['0', '-5', '1.234', 'abc', '0.00'])
      expect((await boss.post('/api/v1/opportunities', opportunityBody({ expectedAmount }))).statusCode).toBe(
        400,
      );
    const customer = await makeCustomer(boss);
    const both = await boss.post('/api/v1/opportunities', opportunityBody({ customerId: customer.id }));
    expect(both.statusCode).toBe(400);
    const neither = await boss.post('/api/v1/opportunities', opportunityBody({ prospectName: undefined }));
    expect(neither.statusCode).toBe(400);
    const badDate = await boss.post(
      '/api/v1/opportunities',
      opportunityBody({ expectedCloseDate: '2026-13-45x' }),
    );
    expect(badDate.statusCode).toBe(400);
    // a customer the caller does not see, a contact of another customer, a source from another dictionary
    const hidden = await makeCustomer(outsider);
    const res = await boss.post(
      '/api/v1/opportunities',
      opportunityBody({ prospectName: undefined, customerId: hidden.id }),
    );
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'customerId' }] });
    const other = await makeCustomer(boss);
    const contact = (
      await boss.post('/api/v1/contacts', { customerId: other.id, name: unique('联系人') })
    ).json();
    const wrongContact = await boss.post(
      '/api/v1/opportunities',
      opportunityBody({ prospectName: undefined, customerId: customer.id, contactId: contact.id }),
    );
    expect(wrongContact.json()).toMatchObject({ details: [{ path: 'contactId' }] });
    const wrongSource = await boss.post('/api/v1/opportunities', opportunityBody({ source: lostReason }));
    expect(wrongSource.json().code).toBe('DICTIONARY_ITEM_MISMATCH');
    const noProduct = await boss.post('/api/v1/opportunities', opportunityBody({ productId: lostReason }));
    expect(noProduct.json()).toMatchObject({ details: [{ path: 'productId' }] });
  });

  it('指派: the supervisor assigns within scope; the assignee owns it, works it and is told; others do not see it', async () => {
    const o = await create(boss);
    // the creator's while unassigned: the peer (own scope) does not see it
    expect((await peer.get(`/api/v1/opportunities/${o.id}`)).statusCode).toBe(404);
    expect(
      (
        await manager.post(`/api/v1/opportunities/${o.id}/assign`, {
          userId: managerUser.id,
          version: o.version,
        })
      ).statusCode,
    ).toBe(403);
    const wrong = await boss.post(`/api/v1/opportunities/${o.id}/assign`, {
      userId: outsiderUser.id,
      version: o.version,
    });
    expect(wrong.json()).toMatchObject({ code: 'OWNER_INVALID', details: [{ path: 'userId' }] });
    const a = await assign(o);
    expect(a).toMatchObject({ status: 'developing', assigneeId: managerUser.id, ownerId: managerUser.id });
    const stale = await boss.post(`/api/v1/opportunities/${o.id}/assign`, {
      userId: managerUser.id,
      version: o.version,
    });
    expect(stale.json().code).toBe('CONFLICT');
    expect((await manager.get(`/api/v1/opportunities/${o.id}`)).statusCode).toBe(200);
    expect((await peer.get(`/api/v1/opportunities/${o.id}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/opportunities/${o.id}`)).statusCode).toBe(404);
    const bell = (await manager.get('/api/v1/notifications')).json().data as { kind: string; link: string }[];
    expect(bell.some((n) => n.kind === 'opportunity.assigned' && n.link.includes(o.id))).toBe(true);
    const audit = await t.database.db.execute(
      sql`SELECT action FROM audit_logs WHERE entity = 'opportunities' AND entity_id = ${o.id} ORDER BY id`,
    );
    expect((audit.rows as { action: string }[]).map((r) => r.action)).toEqual(['create', 'assign']);
  });

  it('PATCH edits the same record with version; every stage move is kept with the new stage’s probability', async () => {
    const list = await stages();
    const o = await assign(await create(boss));
    const moved = await manager.patch(`/api/v1/opportunities/${o.id}`, {
      version: o.version,
      stageId: list[2].id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      id: o.id,
      stageId: list[2].id,
      probability: '50.00',
      version: o.version + 1,
    });
    const stale = await manager.patch(`/api/v1/opportunities/${o.id}`, { version: o.version, title: 'x' });
    expect(stale.json().code).toBe('CONFLICT');
    const v = moved.json().version as number;
    const again = await manager.patch(`/api/v1/opportunities/${o.id}`, {
      version: v,
      stageId: list[3].id,
      probability: '65',
      expectedAmount: '99.99',
    });
    expect(again.json()).toMatchObject({
      probability: '65.00',
      expectedAmount: '99.99',
      weightedAmount: '64.99',
    });
    const history = (await manager.get(`/api/v1/opportunities/${o.id}/stage-history`)).json().data as {
      kind: string;
      fromStageName: string | null;
      toStageName: string | null;
    }[];
    expect(history.map((h) => [h.kind, h.fromStageName, h.toStageName])).toEqual([
      ['stage', list[2].name, list[3].name],
      ['stage', list[0].name, list[2].name],
      ['created', null, list[0].name],
    ]);
    expect(
      (await manager.patch(`/api/v1/opportunities/${o.id}`, { version: v + 1, expectedAmount: '0' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await peer.patch(`/api/v1/opportunities/${o.id}`, { version: v + 1, title: 'x' })).statusCode,
    ).toBe(404);
    expect(
      (await manager.patch(`/api/v1/opportunities/${o.id}`, { version: v + 1, stageId: lostReason })).json(),
    ).toMatchObject({ details: [{ path: 'stageId' }] });
  });

  it('the development plan: dated items, each result recorded by who did it, versioned; closed with the deal', async () => {
    const o = await assign(await create(boss));
    const added = await manager.post(`/api/v1/opportunities/${o.id}/plan`, {
      dueDate: '2026-12-10',
      content: '上门拜访采购部',
    });
    expect(added.statusCode, added.body).toBe(201);
    await manager.post(`/api/v1/opportunities/${o.id}/plan`, {
      dueDate: '2026-12-01',
      content: '电话确认需求',
    });
    const plan = (await manager.get(`/api/v1/opportunities/${o.id}/plan`)).json().data as {
      id: string;
      version: number;
      content: string;
    }[];
    expect(plan.map((i) => i.content)).toEqual(['电话确认需求', '上门拜访采购部']);
    const item = plan[0];
    const done = await manager.patch(`/api/v1/opportunities/${o.id}/plan/${item.id}`, {
      version: item.version,
      result: '客户确认预算 50 万',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().data[0]).toMatchObject({ result: '客户确认预算 50 万', doneByName: managerUser.name });
    expect(done.json().data[0].doneAt).toBeTruthy();
    const stale = await manager.patch(`/api/v1/opportunities/${o.id}/plan/${item.id}`, {
      version: item.version,
      result: 'x',
    });
    expect(stale.json().code).toBe('CONFLICT');
    expect((await peer.get(`/api/v1/opportunities/${o.id}/plan`)).statusCode).toBe(404);
    expect(
      (await manager.post(`/api/v1/opportunities/${o.id}/plan`, { dueDate: 'x', content: 'y' })).statusCode,
    ).toBe(400);
    // closing the plan lost closes the opportunity: no more items
    const current = (await manager.get(`/api/v1/opportunities/${o.id}`)).json() as Opp;
    const lost = await manager.post(`/api/v1/opportunities/${o.id}/lose`, {
      version: current.version,
      reason: lostReason,
    });
    expect(lost.json()).toMatchObject({ status: 'lost', lostReasonId: lostReason, probability: '0.00' });
    expect(
      (
        await manager.post(`/api/v1/opportunities/${o.id}/plan`, { dueDate: '2026-12-20', content: 'z' })
      ).json().code,
    ).toBe('OPPORTUNITY_CLOSED');
  });

  it('开发失败 needs a lost-reason item; only a developing deal closes; a closed one is not edited', async () => {
    const unassigned = await create(boss);
    expect(
      (
        await boss.post(`/api/v1/opportunities/${unassigned.id}/lose`, {
          version: unassigned.version,
          reason: lostReason,
        })
      ).json().code,
    ).toBe('INVALID_TRANSITION');
    expect(
      (await boss.post(`/api/v1/opportunities/${unassigned.id}/win`, { version: unassigned.version })).json()
        .code,
    ).toBe('INVALID_TRANSITION');
    const o = await assign(await create(boss));
    const wrongReason = await manager.post(`/api/v1/opportunities/${o.id}/lose`, {
      version: o.version,
      reason: source,
    });
    expect(wrongReason.json().code).toBe('DICTIONARY_ITEM_MISMATCH');
    const lost = (
      await manager.post(`/api/v1/opportunities/${o.id}/lose`, {
        version: o.version,
        reason: lostReason,
        note: '预算取消',
      })
    ).json() as Opp;
    expect(
      (await manager.patch(`/api/v1/opportunities/${o.id}`, { version: lost.version, title: 'x' })).json()
        .code,
    ).toBe('OPPORTUNITY_CLOSED');
    expect(
      (await manager.post(`/api/v1/opportunities/${o.id}/win`, { version: lost.version })).json().code,
    ).toBe('OPPORTUNITY_CLOSED');
  });

  it('开发成功: a prospect becomes the owner’s customer through the duplicate check, or an existing one is chosen', async () => {
    const name = unique('意向公司');
    const existing = await makeCustomer(manager, { name });
    const o = await assign(await create(boss, { prospectName: name }));
    const dup = await manager.post(`/api/v1/opportunities/${o.id}/win`, { version: o.version });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('DUPLICATE_CUSTOMER');
    // nothing half-written
    expect((await manager.get(`/api/v1/opportunities/${o.id}`)).json()).toMatchObject({
      status: 'developing',
      version: o.version,
    });
    const won = await manager.post(`/api/v1/opportunities/${o.id}/win`, {
      version: o.version,
      existingCustomerId: existing.id,
    });
    expect(won.statusCode, won.body).toBe(200);
    expect(won.json()).toMatchObject({ status: 'won', customerId: existing.id, probability: '100.00' });
    expect(
      (await boss.delete(`/api/v1/opportunities/${o.id}?version=${won.json().version}`)).json().code,
    ).toBe('OPPORTUNITY_CLOSED');

    const fresh = await assign(await create(boss, { prospectName: unique('全新公司') }));
    const won2 = (
      await manager.post(`/api/v1/opportunities/${fresh.id}/win`, { version: fresh.version })
    ).json();
    expect(won2.status).toBe('won');
    const customer = (await manager.get(`/api/v1/customers/${won2.customerId}`)).json();
    expect(customer).toMatchObject({ name: fresh.prospectName, ownerId: managerUser.id });
    const history = (await manager.get(`/api/v1/opportunities/${fresh.id}/stage-history`)).json().data;
    expect(history[0].kind).toBe('won');
  });

  it('lists filter by status, stage, owner and search within scope, and export the same rows', async () => {
    const title = unique('筛选机会');
    const o = await assign(await create(boss, { title }));
    const list = (path: string, agent = boss) => agent.get(`/api/v1/opportunities${path}`);
    const ids = async (path: string, agent = boss) =>
      ((await list(path, agent)).json().data as { id: string }[]).map((x) => x.id);
    expect(await ids(`?q=${encodeURIComponent(title)}`)).toEqual([o.id]);
    expect(await ids(`?q=${encodeURIComponent(title)}&status=open`)).toEqual([o.id]);
    expect(await ids(`?q=${encodeURIComponent(title)}&status=won`)).toEqual([]);
    expect(await ids(`?q=${encodeURIComponent(title)}&ownerId=${managerUser.id}`)).toEqual([o.id]);
    expect(await ids(`?q=${encodeURIComponent(title)}`, outsider)).toEqual([]);
    expect((await list('?status=nope')).statusCode).toBe(400);
    const csv = await boss.get(`/api/v1/opportunities/export?format=csv&q=${encodeURIComponent(title)}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(title);
    expect(csv.body).toContain('120000.00');
    const hidden = await outsider.get(
      `/api/v1/opportunities/export?format=csv&q=${encodeURIComponent(title)}`,
    );
    expect(hidden.body).not.toContain(title);
    expect((await manager.get('/api/v1/opportunities/export?format=csv')).statusCode).toBe(403);
  });
});

describe('pipeline, funnel, forecast', () => {
  it('the board’s columns: count, amount and weighted amount per stage within scope, each row rounded half up', async () => {
    const dept = await makeDepartment(admin, teamId);
    const role = await makeRole(admin, [...work, 'opportunities:assign'], {
      opportunities: 'own',
      customers: 'own',
    });
    const solo = await makeUser(admin, { departmentId: dept.id, roleIds: [role.id] });
    const agent = await t.login(solo.username);
    const list = await stages();
    await create(agent, { expectedAmount: '0.05', probability: '50' }); // 0.025 → 0.03
    await create(agent, { expectedAmount: '0.05', probability: '50' });
    await create(agent, { expectedAmount: '1000', stageId: list[2].id });
    const lostOne = await create(agent, { expectedAmount: '7' });
    const assigned = await assign(lostOne, solo.id, agent);
    await agent.post(`/api/v1/opportunities/${lostOne.id}/lose`, {
      version: assigned.version,
      reason: lostReason,
    });
    const board = (await agent.get('/api/v1/opportunities/pipeline')).json().data as {
      stageId: string;
      count: number;
      amount: string;
      weightedAmount: string;
    }[];
    expect(board.map((c) => [c.count, c.amount, c.weightedAmount])).toEqual([
      [2, '0.10', '0.06'],
      [0, '0.00', '0.00'],
      [1, '1000.00', '500.00'],
      [0, '0.00', '0.00'],
      [0, '0.00', '0.00'],
    ]);
    // the supervisor's department scope does not reach a child department's people
    const theirs = (await boss.get(`/api/v1/opportunities/pipeline?ownerId=${solo.id}`)).json().data as {
      count: number;
    }[];
    expect(theirs.reduce((n, c) => n + c.count, 0)).toBe(0);
    const everyone = (await admin.get(`/api/v1/opportunities/pipeline?ownerId=${solo.id}`)).json().data as {
      count: number;
    }[];
    expect(everyone.reduce((n, c) => n + c.count, 0)).toBe(3);

    const funnel = (await agent.get('/api/v1/opportunities/funnel')).json();
    expect(funnel).toMatchObject({ total: 4, won: { count: 0, amount: '0.00' }, lost: { count: 1 } });
    expect(funnel.stages.map((s: { reached: number }) => s.reached)).toEqual([4, 1, 1, 0, 0]);

    const month = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 7);
    const forecast = (await agent.get(`/api/v1/opportunities/forecast?from=${month}&to=${month}`)).json()
      .data;
    expect(forecast).toEqual([
      { month, openCount: 3, wonCount: 0, won: '0.00', weighted: '500.06', bestCase: '1000.10' },
    ]);
    // someone of another department sees none of it in any of the three
    expect((await outsider.get('/api/v1/opportunities/funnel')).json().total).toBe(0);
    const theirForecast = (
      await outsider.get(`/api/v1/opportunities/forecast?from=${month}&to=${month}`)
    ).json();
    expect(theirForecast.data[0]).toMatchObject({ openCount: 0, bestCase: '0.00' });
    const theirBoard = (await outsider.get('/api/v1/opportunities/pipeline')).json().data as {
      count: number;
    }[];
    expect(theirBoard.reduce((n, c) => n + c.count, 0)).toBe(0);
    expect((await agent.get('/api/v1/opportunities/forecast?from=2026-05&to=2026-01')).statusCode).toBe(400);
    expect((await agent.get('/api/v1/opportunities/forecast?from=2020-01&to=2026-01')).statusCode).toBe(400);
    expect((await agent.get('/api/v1/opportunities/forecast?from=2026-13')).statusCode).toBe(400);
  });

  it('stalled deals: flagged in lists and their owners warned once by the daily job', async () => {
    const o = await assign(await create(boss, { title: unique('停滞机会') }));
    expect((await manager.get(`/api/v1/opportunities/${o.id}`)).json().stalled).toBe(false);
    await t.database.db.execute(
      sql`UPDATE opportunities SET stage_changed_at = now() - interval '40 days' WHERE id = ${o.id}`,
    );
    expect((await manager.get(`/api/v1/opportunities/${o.id}`)).json().stalled).toBe(true);
    await notifyStalled(t.database.db);
    await notifyStalled(t.database.db);
    const bell = (await manager.get('/api/v1/notifications')).json().data as { kind: string; link: string }[];
    expect(bell.filter((n) => n.kind === 'opportunity.stalled' && n.link.includes(o.id))).toHaveLength(1);
    // a plan item done counts as progress
    await manager.post(`/api/v1/opportunities/${o.id}/plan`, { dueDate: '2026-12-01', content: '回访' });
    const item = (await manager.get(`/api/v1/opportunities/${o.id}/plan`)).json().data[0];
    await manager.patch(`/api/v1/opportunities/${o.id}/plan/${item.id}`, {
      version: item.version,
      result: '已回访',
    });
    expect((await manager.get(`/api/v1/opportunities/${o.id}`)).json().stalled).toBe(false);
  });

  it('won amounts for targets (salesFacts) and campaigns (wonAmountByCampaign)', async () => {
    const channel = (await items('campaign-channel'))[0].id;
    const campaign = await admin.post('/api/v1/campaigns', {
      name: unique('活动'),
      channel,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const campaignId = campaign.json().id as string;
    const period = [new Date(Date.now() - 3_600_000), new Date(Date.now() + 3_600_000)] as const;
    const mine = async () =>
      (await salesFacts(t.database.db, t.tenant.id, ...period)).find((f) => f.userId === managerUser.id);
    const before = await mine();
    const o = await assign(await create(boss, { expectedAmount: '2500.25', campaignId }));
    await manager.post(`/api/v1/opportunities/${o.id}/win`, { version: o.version, force: true });
    const after = await mine();
    expect(after?.departmentId).toBe(teamId);
    expect(after!.count - (before?.count ?? 0)).toBe(1);
    expect(toCents(after!.amount) - toCents(before?.amount ?? '0')).toBe(250025n);
    expect(
      await salesFacts(t.database.db, t.tenant.id, new Date('2000-01-01'), new Date('2000-02-01')),
    ).toEqual([]);
    const unknown = '01000000-0000-7000-8000-000000000000';
    const won = await wonAmountByCampaign(t.database.db, t.tenant.id, [campaignId, unknown]);
    expect([...won]).toEqual([
      [campaignId, '2500.25'],
      [unknown, '0.00'],
    ]);
  });
});

describe('lead conversion', () => {
  it('opens the opportunity with the customer in one transaction; the lead keeps the link; failures leave nothing', async () => {
    const role = await makeRole(admin, [...work, 'leads:view', 'leads:convert'], {
      opportunities: 'own',
      customers: 'own',
      leads: 'own',
    });
    const seller = await makeUser(admin, { departmentId: teamId, roleIds: [role.id] });
    const agent = await t.login(seller.username);
    const lead = async () => {
      const res = await admin.post('/api/v1/leads', { name: unique('线索公司'), ownerId: seller.id, source });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as Opp;
    };
    const first = await lead();
    const bad = await agent.post(`/api/v1/leads/${first.id}/convert`, {
      opportunity: { title: '首单', expectedAmount: '0', expectedCloseDate: '2027-01-31' },
    });
    expect(bad.statusCode).toBe(400);
    const noProduct = await agent.post(`/api/v1/leads/${first.id}/convert`, {
      opportunity: {
        title: '首单',
        expectedAmount: '5000',
        expectedCloseDate: '2027-01-31',
        productId: lostReason,
      },
    });
    expect(noProduct.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'productId' }] });
    // nothing half-written: the lead is still open, no customer was made
    expect((await agent.get(`/api/v1/leads/${first.id}`)).json()).toMatchObject({
      status: 'assigned',
      customerId: null,
    });
    const done = await agent.post(`/api/v1/leads/${first.id}/convert`, {
      opportunity: { title: '首单', expectedAmount: '5000', expectedCloseDate: '2027-01-31' },
    });
    expect(done.statusCode, done.body).toBe(200);
    const { customerId, opportunityId } = done.json() as { customerId: string; opportunityId: string };
    expect((await agent.get(`/api/v1/leads/${first.id}`)).json().opportunityId).toBe(opportunityId);
    expect((await agent.get(`/api/v1/opportunities/${opportunityId}`)).json()).toMatchObject({
      title: '首单',
      customerId,
      leadId: first.id,
      sourceId: source,
      status: 'developing',
      ownerId: seller.id,
      expectedAmount: '5000.00',
    });
    // without it, conversion is as before
    const second = await agent.post(`/api/v1/leads/${(await lead()).id}/convert`, {});
    expect(second.json()).toMatchObject({ opportunityId: null });
  });
});
