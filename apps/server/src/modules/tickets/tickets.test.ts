import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSealedValues, rotateServerKey } from '../../platform/sealed-values.ts';
import { ServerKey } from '../../platform/secrets.ts';
import { type Agent, multipart } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { makeProduct } from '../quotes/test-helpers.ts';
import { authz } from './authz.ts';
import { sweepTenantSla } from './sla-sweep.ts';

describeAuthz(authz);

let t: TestContext;
let admin: Agent;
let agentA: Agent;
let agentB: Agent;
let outsider: Agent;
let agentAId: string;
let agentBId: string;
let departmentId: string;
let typeId: string;
let customerId: string;

type Ticket = {
  id: string;
  version: number;
  number: string;
  status: string;
  handlerId: string | null;
  publicUrl: string;
  validity: { withinWarranty: boolean | null; withinContract: boolean | null };
  sla: Record<string, unknown> & {
    responseDueAt: string;
    resolutionDueAt: string;
    respondedAt: string | null;
  };
  [k: string]: unknown;
};

const desk = [
  'tickets:view',
  'tickets:create',
  'tickets:edit',
  'customers:view',
  'customers:create',
  'contacts:view',
];

async function open(agent: Agent, body: Record<string, unknown> = {}) {
  const res = await agent.post('/api/v1/tickets', {
    typeId,
    title: '设备故障',
    customerId,
    request: '无法开机',
    priority: 'normal',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Ticket;
}

async function act(
  agent: Agent,
  tk: { id: string; version: number },
  move: string,
  body: object = {},
  status = 200,
) {
  const res = await agent.post(`/api/v1/tickets/${tk.id}/${move}`, { version: tk.version, ...body });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Ticket & { code?: string };
}

const tokenOf = (tk: Ticket) => tk.publicUrl.split('/t/')[1];

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  departmentId = (await makeDepartment(admin, t.tenant.rootDepartmentId)).id;
  const elsewhere = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const role = await makeRole(admin, desk, { tickets: 'department', customers: 'all' });
  const a = await makeUser(admin, { departmentId, roleIds: [role.id] });
  const b = await makeUser(admin, { departmentId, roleIds: [role.id] });
  const o = await makeUser(admin, { departmentId: elsewhere.id, roleIds: [role.id] });
  agentAId = a.id;
  agentBId = b.id;
  agentA = await t.login(a.username);
  agentB = await t.login(b.username);
  outsider = await t.login(o.username);
  const types = await admin.get('/api/v1/dictionaries/service-type/items');
  typeId = (types.json() as { data: { id: string }[] }).data[0].id;
  customerId = (await makeCustomer(admin)).id;
});
afterAll(() => t.close());

describe('tickets', () => {
  it('opens a numbered new ticket with its validity and SLA due instants; bad input is 400', async () => {
    const tk = await open(agentA);
    expect(tk.number).toMatch(/^GD/);
    expect(tk.status).toBe('new');
    expect(tk.validity).toEqual({ withinWarranty: null, withinContract: null });
    expect(Date.parse(tk.sla.responseDueAt)).toBeGreaterThan(Date.now() - 1000);
    expect(Date.parse(tk.sla.resolutionDueAt)).toBeGreaterThanOrEqual(Date.parse(tk.sla.responseDueAt));
    expect(tk.publicUrl).toMatch(/\/t\/[\w-]{44}$/);
    expect((await agentA.post('/api/v1/tickets', { title: 'x' })).statusCode).toBe(400);
    const badType = await agentA.post('/api/v1/tickets', {
      typeId: customerId,
      title: 'x',
      customerId,
      request: 'x',
      priority: 'normal',
    });
    expect(badType.statusCode).toBe(400);
    const badPriority = await agentA.post('/api/v1/tickets', {
      typeId,
      title: 'x',
      customerId,
      request: 'x',
      priority: 'asap',
    });
    expect(badPriority.statusCode).toBe(400);
  });

  it('warranty: 11 months after delivery with 12 months’ warranty is within, 13 is not; no product → null', async () => {
    const product = await makeProduct(admin, { warrantyMonths: 12 });
    const orderOf = async (monthsAgo: number) => {
      const res = await admin.post('/api/v1/orders', {
        customerId,
        lines: [{ productId: product.id, quantity: '1' }],
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = (res.json() as { id: string }).id;
      await t.database.db.execute(
        sql`UPDATE orders SET status = 'delivered', delivered_at = now() - make_interval(months => ${monthsAgo})
          WHERE id = ${id}`,
      );
      return id;
    };
    const within = await open(agentA, { orderId: await orderOf(11), productId: product.id });
    expect(within.validity.withinWarranty).toBe(true);
    const expired = await open(agentA, { orderId: await orderOf(13), productId: product.id });
    expect(expired.validity.withinWarranty).toBe(false);
    const noProduct = await open(agentA, { orderId: await orderOf(1) });
    expect(noProduct.validity.withinWarranty).toBeNull();
    // a product not on the order, an order of another customer
    const other = await makeProduct(admin, { warrantyMonths: 12 });
    const wrong = await agentA.post('/api/v1/tickets', {
      typeId,
      title: 'x',
      customerId,
      request: 'x',
      priority: 'normal',
      orderId: await orderOf(1),
      productId: other.id,
    });
    expect(wrong.statusCode).toBe(400);
    const stranger = (await makeCustomer(admin)).id;
    const foreign = await agentA.post('/api/v1/tickets', {
      typeId,
      title: 'x',
      customerId: stranger,
      request: 'x',
      priority: 'normal',
      orderId: await orderOf(1),
    });
    expect(foreign.statusCode).toBe(400);
    // changing the order re-checks: the expired ticket moved to the recent order
    const moved = await agentA.patch(`/api/v1/tickets/${expired.id}`, {
      version: expired.version,
      orderId: within.orderId,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as Ticket).validity.withinWarranty).toBe(true);
  });

  it('contract: within its term and active → true; another customer’s contract is refused', async () => {
    const contract = await admin.post('/api/v1/contracts', {
      title: '服务合同',
      customerId,
      amount: '1000.00',
      startDate: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
      endDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(contract.statusCode, contract.body).toBe(201);
    const k = contract.json() as { id: string; status: string };
    const draft = await open(agentA, { contractId: k.id });
    expect(draft.validity.withinContract).toBe(k.status === 'active');
    await t.database.db.execute(sql`UPDATE contracts SET status = 'active' WHERE id = ${k.id}`);
    const active = await open(agentA, { contractId: k.id });
    expect(active.validity.withinContract).toBe(true);
    await t.database.db.execute(
      sql`UPDATE contracts SET end_date = current_date - 1, start_date = current_date - 60 WHERE id = ${k.id}`,
    );
    const ended = await open(agentA, { contractId: k.id });
    expect(ended.validity.withinContract).toBe(false);
  });

  it('runs the whole workflow: assign, start, notes, wait/resume, resolve, customer feedback by link, archive', async () => {
    let tk = await open(agentA);
    // forbidden moves from new
    expect((await act(agentA, tk, 'start', {}, 409)).code).toBe('INVALID_TRANSITION');
    expect((await act(agentA, tk, 'archive', {}, 403)).code).toBe('FORBIDDEN');
    expect((await act(admin, tk, 'archive', {}, 409)).code).toBe('INVALID_TRANSITION');
    // only a supervisor assigns
    expect((await act(agentA, tk, 'assign', { userId: agentBId }, 403)).code).toBe('FORBIDDEN');
    tk = await act(admin, tk, 'assign', { userId: agentBId });
    expect(tk).toMatchObject({ status: 'assigned', handlerId: agentBId, departmentId });
    // someone else than the handler (without tickets:assign) may not handle it
    expect((await act(agentA, tk, 'start', {}, 403)).code).toBe('FORBIDDEN');
    // a stale version is a conflict
    expect((await act(agentB, { id: tk.id, version: tk.version - 1 }, 'start', {}, 409)).code).toBe(
      'CONFLICT',
    );
    tk = await act(agentB, tk, 'start');
    expect(tk.status).toBe('in-progress');
    expect(tk.sla.respondedAt).not.toBeNull();
    const internal = await agentB.post(`/api/v1/tickets/${tk.id}/notes`, {
      content: '内部：怀疑电源',
      internal: true,
    });
    expect(internal.statusCode, internal.body).toBe(201);
    const visible = await agentB.post(`/api/v1/tickets/${tk.id}/notes`, {
      content: '已安排工程师',
      internal: false,
    });
    expect(visible.statusCode).toBe(201);
    tk = (await agentB.get(`/api/v1/tickets/${tk.id}`)).json() as Ticket;
    tk = await act(agentB, tk, 'wait', { note: '等待客户寄回' });
    expect(tk.status).toBe('waiting');
    expect(tk.sla.pausedAt).not.toBeNull();
    tk = await act(agentB, tk, 'resume');
    expect(tk.status).toBe('in-progress');
    expect(tk.sla.pausedAt).toBeNull();
    // feedback before resolution is a forbidden move
    const early = await agentB.post(`/api/v1/tickets/${tk.id}/feedback`, { satisfaction: 4 });
    expect(early.statusCode).toBe(409);
    tk = await act(agentB, tk, 'resolve', { resolution: '更换电源后正常' });
    expect(tk.status).toBe('resolved');
    expect(tk.sla.resolutionMet).toBe(true);
    expect(tk.sla.responseMet).toBe(true);

    // the customer's link: status, resolution, customer-visible notes only
    const token = tokenOf(tk);
    const pub = await t.app.inject({ method: 'GET', url: `/api/v1/public/tickets/${token}` });
    expect(pub.statusCode, pub.body).toBe(200);
    const seen = pub.json() as { notes: { content: string }[]; canGiveFeedback: boolean; resolution: string };
    expect(seen.notes.map((n) => n.content)).toEqual(['已安排工程师']);
    expect(seen.resolution).toBe('更换电源后正常');
    expect(seen.canGiveFeedback).toBe(true);
    // a changed mac or id is 404
    const forged = `${token.slice(0, 22)}${'A'.repeat(22)}`;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/tickets/${forged}` })).statusCode).toBe(
      404,
    );
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/tickets/${token}/feedback`,
      payload: { satisfaction: 6 },
    });
    expect(bad.statusCode).toBe(400);
    const zero = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/tickets/${token}/feedback`,
      payload: { satisfaction: 0 },
    });
    expect(zero.statusCode).toBe(400);
    const rated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/tickets/${token}/feedback`,
      payload: { satisfaction: 4, comment: '很满意' },
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ status: 'feedback', satisfaction: 4, canGiveFeedback: false });
    // once only
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/tickets/${token}/feedback`,
      payload: { satisfaction: 1 },
    });
    expect(again.statusCode).toBe(409);

    tk = (await admin.get(`/api/v1/tickets/${tk.id}`)).json() as Ticket;
    expect(tk).toMatchObject({ satisfaction: 4, feedbackBy: 'customer', feedbackComment: '很满意' });
    tk = await act(admin, tk, 'archive');
    expect(tk.status).toBe('archived');
    // read-only: every change is 409
    const edit = await admin.patch(`/api/v1/tickets/${tk.id}`, { version: tk.version, title: '改' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('TICKET_ARCHIVED');
    const note = await admin.post(`/api/v1/tickets/${tk.id}/notes`, { content: 'x', internal: true });
    expect(note.json().code).toBe('TICKET_ARCHIVED');
    expect((await act(admin, tk, 'reopen', {}, 409)).code).toBe('TICKET_ARCHIVED');
    expect((await admin.delete(`/api/v1/tickets/${tk.id}?version=${tk.version}`)).statusCode).toBe(409);

    const activities = (await admin.get(`/api/v1/tickets/${tk.id}/activities`)).json() as {
      data: { kind: string }[];
    };
    expect(activities.data.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['created', 'assigned', 'status', 'note', 'resolved', 'feedback', 'archived']),
    );
    const history = (await admin.get(`/api/v1/tickets/${tk.id}/history`)).json() as {
      data: { field: string }[];
    };
    expect(history.data.some((h) => h.field === 'status')).toBe(true);
  });

  it('the agent records feedback; satisfaction outside 1–5 is 400', async () => {
    let tk = await open(agentA);
    tk = await act(agentA, tk, 'grab');
    tk = await act(agentA, tk, 'resolve', { resolution: '电话指导解决' });
    expect((await agentA.post(`/api/v1/tickets/${tk.id}/feedback`, { satisfaction: 6 })).statusCode).toBe(
      400,
    );
    expect((await agentA.post(`/api/v1/tickets/${tk.id}/feedback`, { satisfaction: 0 })).statusCode).toBe(
      400,
    );
    const res = await agentA.post(`/api/v1/tickets/${tk.id}/feedback`, { satisfaction: 3 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'feedback', satisfaction: 3, feedbackBy: 'agent' });
  });

  it('a customer-visible note is the response; waiting pauses and pushes the due instants', async () => {
    let tk = await open(agentA);
    tk = await act(agentA, tk, 'grab');
    expect(tk.sla.respondedAt).toBeNull();
    await agentA.post(`/api/v1/tickets/${tk.id}/notes`, { content: '内部', internal: true });
    tk = (await agentA.get(`/api/v1/tickets/${tk.id}`)).json() as Ticket;
    expect(tk.sla.respondedAt).toBeNull();
    await agentA.post(`/api/v1/tickets/${tk.id}/notes`, { content: '您好', internal: false });
    tk = (await agentA.get(`/api/v1/tickets/${tk.id}`)).json() as Ticket;
    expect(tk.sla.respondedAt).not.toBeNull();
    tk = await act(agentA, tk, 'start');
    tk = await act(agentA, tk, 'wait');
    // an hour of waiting, back-dated: resuming adds the business minutes waited to both dues
    await t.database.db.execute(
      sql`UPDATE tickets SET paused_at = paused_at - interval '3 days' WHERE id = ${tk.id}`,
    );
    const before = tk.sla.resolutionDueAt;
    tk = await act(agentA, tk, 'resume');
    expect(tk.sla.pausedMinutes as number).toBeGreaterThan(0);
    expect(Date.parse(tk.sla.resolutionDueAt)).toBeGreaterThan(Date.parse(before));
  });

  it('the queue and grab: only unassigned tickets within reach; a taken ticket cannot be grabbed', async () => {
    const tk = await open(agentA);
    const queue = (await agentB.get('/api/v1/tickets?view=queue&pageSize=100')).json() as { data: Ticket[] };
    expect(queue.data.some((x) => x.id === tk.id)).toBe(true);
    // another department's person does not reach it
    expect((await outsider.get(`/api/v1/tickets/${tk.id}`)).statusCode).toBe(404);
    const outQueue = (await outsider.get('/api/v1/tickets?view=queue')).json() as { data: Ticket[] };
    expect(outQueue.data.some((x) => x.id === tk.id)).toBe(false);
    expect((await act(outsider, tk, 'grab', {}, 404)).code).toBe('NOT_FOUND');
    const taken = await act(agentB, tk, 'grab');
    expect(taken).toMatchObject({ status: 'assigned', handlerId: agentBId });
    expect((await act(agentA, taken, 'grab', {}, 409)).code).toBe('INVALID_TRANSITION');
    const mine = (await agentB.get('/api/v1/tickets?view=mine&pageSize=100')).json() as { data: Ticket[] };
    expect(mine.data.some((x) => x.id === tk.id)).toBe(true);
    // the handler transfers it; kept as history
    const moved = await act(agentB, taken, 'transfer', { userId: agentAId, note: '请协助' });
    expect(moved.handlerId).toBe(agentAId);
    const lines = (await agentA.get(`/api/v1/tickets/${tk.id}/activities`)).json() as {
      data: { kind: string; fromUserId: string; toUserId: string }[];
    };
    expect(lines.data.find((a) => a.kind === 'transferred')).toMatchObject({
      fromUserId: agentBId,
      toUserId: agentAId,
    });
  });

  it('reopens within the set days, not after', async () => {
    let tk = await open(agentA);
    tk = await act(agentA, tk, 'grab');
    tk = await act(agentA, tk, 'resolve', { resolution: '已处理' });
    tk = await act(agentA, tk, 'reopen');
    expect(tk).toMatchObject({ status: 'in-progress', reopenedCount: 1 });
    expect(tk.sla.resolvedAt).toBeNull();
    tk = await act(agentA, tk, 'resolve', { resolution: '再次处理' });
    await t.database.db.execute(
      sql`UPDATE tickets SET resolved_at = now() - interval '8 days' WHERE id = ${tk.id}`,
    );
    expect((await act(agentA, tk, 'reopen', {}, 409)).code).toBe('TICKET_REOPEN_EXPIRED');
    // a longer window lets it reopen
    const settings = (await admin.get('/api/v1/settings/tickets')).json() as {
      reopenDays: number;
      version: number;
    };
    expect(settings.reopenDays).toBe(7);
    expect((await agentA.put('/api/v1/settings/tickets', { ...settings, reopenDays: 30 })).statusCode).toBe(
      403,
    );
    expect((await admin.put('/api/v1/settings/tickets', { ...settings, reopenDays: -1 })).statusCode).toBe(
      400,
    );
    expect((await admin.put('/api/v1/settings/tickets', { ...settings, reopenDays: 366 })).statusCode).toBe(
      400,
    );
    const changed = await admin.put('/api/v1/settings/tickets', { ...settings, reopenDays: 30 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await admin.put('/api/v1/settings/tickets', { ...settings, reopenDays: 30 })).statusCode).toBe(
      409,
    );
    await act(agentA, tk, 'reopen');
  });

  it('a reopened ticket’s resolution clock warns again at 80%', async () => {
    let tk = await open(agentA);
    tk = await act(agentA, tk, 'grab');
    await t.database.db.execute(sql`UPDATE tickets SET resolution_warned_at = now() WHERE id = ${tk.id}`);
    tk = await act(agentA, tk, 'resolve', { resolution: '已处理' });
    tk = await act(agentA, tk, 'reopen');
    const warnedAt = async () =>
      (
        (await t.database.db.execute(sql`SELECT resolution_warned_at FROM tickets WHERE id = ${tk.id}`))
          .rows[0] as { resolution_warned_at: unknown }
      ).resolution_warned_at;
    expect(await warnedAt()).toBeNull();
    // a minute before the due instant is past 80% of its business time: warned again
    await sweepTenantSla(t.database.db, t.tenant.id, new Date(Date.parse(tk.sla.resolutionDueAt) - 60_000));
    expect(await warnedAt()).not.toBeNull();
  });

  it('exports the list with its filters within the scope (CSV, Chinese headers and words), audited', async () => {
    const role = await makeRole(admin, [...desk, 'tickets:export'], { tickets: 'own', customers: 'all' });
    const u = await makeUser(admin, { departmentId, roleIds: [role.id] });
    const exporter = await t.login(u.username);
    const title = `导出工单${Date.now()}`;
    const mine = await open(exporter, { title, priority: 'urgent' });
    await open(admin, { title: `${title}他人` });
    const res = await exporter.get(`/api/v1/tickets/export?format=csv&q=${encodeURIComponent(title)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('编号,标题,类型,客户');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(mine.number);
    expect(lines[1]).toContain('紧急');
    expect((await agentA.get('/api/v1/tickets/export?format=csv')).statusCode).toBe(403);
    const audit = await t.database.db.execute(
      sql`SELECT summary FROM audit_logs WHERE entity = 'tickets' AND action = 'export' AND user_id = ${u.id}`,
    );
    expect(audit.rows).toEqual([{ summary: '1' }]);
  });

  it('merges a duplicate into the kept ticket: it closes pointing there and its notes move', async () => {
    const kept = await open(agentA, { title: '重复：主' });
    let dup = await open(agentA, { title: '重复：副' });
    await agentA.post(`/api/v1/tickets/${dup.id}/notes`, { content: '副单记录', internal: true });
    dup = (await agentA.get(`/api/v1/tickets/${dup.id}`)).json() as Ticket;
    expect((await act(agentA, dup, 'merge', { intoId: dup.id }, 400)).code).toBe('VALIDATION_FAILED');
    const other = await open(agentA, { customerId: (await makeCustomer(admin)).id });
    expect((await act(agentA, dup, 'merge', { intoId: other.id }, 400)).code).toBe('VALIDATION_FAILED');
    const merged = await act(agentA, dup, 'merge', { intoId: kept.id });
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: kept.id });
    const notes = (await agentA.get(`/api/v1/tickets/${kept.id}/activities`)).json() as {
      data: { kind: string; content: string }[];
    };
    expect(notes.data.some((n) => n.kind === 'note' && n.content === '副单记录')).toBe(true);
    expect((await act(agentA, merged, 'grab', {}, 409)).code).toBe('INVALID_TRANSITION');
  });

  it('rules assign new tickets by type round-robin within a department', async () => {
    const team = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const role = await makeRole(admin, desk, { tickets: 'own' });
    const u1 = await makeUser(admin, { departmentId: team.id, roleIds: [role.id] });
    const u2 = await makeUser(admin, { departmentId: team.id, roleIds: [role.id] });
    const types = (await admin.get('/api/v1/dictionaries/service-type/items')).json() as {
      data: { id: string }[];
    };
    const repairType = types.data[1].id;
    expect((await agentA.post('/api/v1/ticket-rules', { name: 'x', departmentId: team.id })).statusCode).toBe(
      403,
    );
    const rule = await admin.post('/api/v1/ticket-rules', {
      name: '报修组',
      typeId: repairType,
      departmentId: team.id,
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const first = await open(agentA, { typeId: repairType });
    const second = await open(agentA, { typeId: repairType });
    expect(first.status).toBe('assigned');
    expect(new Set([first.handlerId, second.handlerId])).toEqual(new Set([u1.id, u2.id]));
    // another type stays in the queue
    expect((await open(agentA)).status).toBe('new');
    const r = rule.json() as { id: string; version: number };
    expect((await admin.delete(`/api/v1/ticket-rules/${r.id}?version=${r.version}`)).statusCode).toBe(200);
    expect((await open(agentA, { typeId: repairType })).status).toBe('new');
  });

  it('lists with filters and search; a customer’s tickets within both scopes', async () => {
    const named = await makeCustomer(admin, { name: '检索用客户甲' });
    const tk = await open(agentA, { customerId: named.id, title: '检索标题', priority: 'urgent' });
    const byName = (await agentA.get(`/api/v1/tickets?q=${encodeURIComponent('检索用客户')}`)).json() as {
      data: Ticket[];
    };
    expect(byName.data.map((x) => x.id)).toEqual([tk.id]);
    const byNumber = (await agentA.get(`/api/v1/tickets?q=${tk.number}`)).json() as { data: Ticket[] };
    expect(byNumber.data.map((x) => x.id)).toEqual([tk.id]);
    const urgent = (await agentA.get('/api/v1/tickets?priority=urgent&pageSize=100')).json() as {
      data: Ticket[];
    };
    expect(urgent.data.every((x) => x.priority === 'urgent')).toBe(true);
    expect((await agentA.get('/api/v1/tickets?status=bogus')).statusCode).toBe(400);
    const ofCustomer = await agentA.get(`/api/v1/customers/${named.id}/tickets`);
    expect(ofCustomer.statusCode, ofCustomer.body).toBe(200);
    expect((ofCustomer.json() as { data: Ticket[] }).data.map((x) => x.id)).toEqual([tk.id]);
    const hidden = (await outsider.get(`/api/v1/customers/${named.id}/tickets`)).json() as { data: Ticket[] };
    expect(hidden.data).toEqual([]);
    // a response due an hour ago without a response is overdue; a fresh ticket is not
    await t.database.db.execute(
      sql`UPDATE tickets SET response_due_at = now() - interval '1 hour' WHERE id = ${tk.id}`,
    );
    const fresh = await open(agentA, { customerId: named.id });
    const overdue = (await agentA.get(`/api/v1/tickets?overdue=true&customerId=${named.id}`)).json() as {
      data: Ticket[];
    };
    expect(overdue.data.map((x) => x.id)).toEqual([tk.id]);
    const onTime = (await agentA.get(`/api/v1/tickets?overdue=false&customerId=${named.id}`)).json() as {
      data: Ticket[];
    };
    expect(onTime.data.map((x) => x.id)).toEqual([fresh.id]);
  });

  it('a handler’s open tickets follow them to a new department; on departure they go to the heir', async () => {
    const role = await makeRole(admin, desk, { tickets: 'own' });
    const leaver = await makeUser(admin, { departmentId, roleIds: [role.id] });
    const heir = await makeUser(admin, { departmentId, roleIds: [role.id] });
    let openOne = await open(agentA);
    openOne = await act(admin, openOne, 'assign', { userId: leaver.id });
    let done = await open(agentA);
    done = await act(admin, done, 'assign', { userId: leaver.id });
    done = await act(admin, done, 'resolve', { resolution: '完成' });
    done = await act(admin, done, 'archive');
    const elsewhere = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const user = (await admin.get(`/api/v1/users/${leaver.id}`)).json();
    const moved = await admin.patch(`/api/v1/users/${leaver.id}`, {
      departmentId: elsewhere.id,
      version: user.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await admin.get(`/api/v1/tickets/${openOne.id}`)).json().departmentId).toBe(elsewhere.id);
    expect((await admin.get(`/api/v1/tickets/${done.id}`)).json().departmentId).toBe(departmentId);
    const gone = await admin.post(`/api/v1/users/${leaver.id}/departure`, { toUserId: heir.id });
    expect(gone.statusCode, gone.body).toBe(200);
    expect(gone.json().transferred).toMatchObject({ tickets: 1 });
    expect((await admin.get(`/api/v1/tickets/${openOne.id}`)).json()).toMatchObject({
      handlerId: heir.id,
      departmentId,
    });
    expect((await admin.get(`/api/v1/tickets/${done.id}`)).json().handlerId).toBe(leaver.id);
  });

  it('resolves with published knowledge-base articles; an unpublished or unknown one is 400 and nothing changes', async () => {
    const published = await admin.post('/api/v1/kb-articles', {
      title: '电源故障排查',
      content: '<p>步骤</p>',
      published: true,
    });
    expect(published.statusCode, published.body).toBe(201);
    const draft = await admin.post('/api/v1/kb-articles', { title: '草稿', content: '<p>x</p>' });
    expect(draft.statusCode, draft.body).toBe(201);
    let tk = await open(agentA);
    tk = await act(agentA, tk, 'grab');
    const refused = await act(agentA, tk, 'resolve', { resolution: 'x', articleIds: [draft.json().id] }, 400);
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(((await agentA.get(`/api/v1/tickets/${tk.id}`)).json() as Ticket).status).toBe('assigned');
    tk = await act(agentA, tk, 'resolve', { resolution: '按知识库处理', articleIds: [published.json().id] });
    expect(tk.solutions).toEqual([{ id: published.json().id, title: '电源故障排查' }]);
    expect((await admin.get(`/api/v1/kb-articles/${published.json().id}`)).json().solvedCount).toBe(1);
  });

  it('a resolve while waiting ends the wait; a new priority moves the due instants; stale edits are 409', async () => {
    let tk = await open(agentA, { priority: 'low' });
    const lowDue = tk.sla.resolutionDueAt;
    const edited = await agentA.patch(`/api/v1/tickets/${tk.id}`, {
      version: tk.version,
      priority: 'urgent',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    tk = edited.json() as Ticket;
    expect(Date.parse(tk.sla.resolutionDueAt)).toBeLessThan(Date.parse(lowDue));
    const stale = await agentA.patch(`/api/v1/tickets/${tk.id}`, { version: tk.version - 1, title: '旧' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    tk = await act(agentA, tk, 'grab');
    tk = await act(agentA, tk, 'start');
    tk = await act(agentA, tk, 'wait');
    expect((await act(agentA, tk, 'wait', {}, 409)).code).toBe('INVALID_TRANSITION');
    tk = await act(agentA, tk, 'resolve', { resolution: '客户回复后解决' });
    expect(tk.sla.pausedAt).toBeNull();
    expect((await act(agentA, tk, 'resume', {}, 409)).code).toBe('INVALID_TRANSITION');
    expect((await act(agentA, tk, 'resolve', { resolution: 'again' }, 409)).code).toBe('INVALID_TRANSITION');
  });

  it('a supervisor assigns only within reach; the new handler is notified', async () => {
    const supervisorRole = await makeRole(admin, [...desk, 'tickets:assign'], { tickets: 'department' });
    const sup = await makeUser(admin, { departmentId, roleIds: [supervisorRole.id] });
    const supervisor = await t.login(sup.username);
    const tk = await open(agentA);
    const far = await makeUser(admin, {
      departmentId: (await makeDepartment(admin, t.tenant.rootDepartmentId)).id,
      roleIds: [supervisorRole.id],
    });
    expect((await act(supervisor, tk, 'assign', { userId: far.id }, 400)).code).toBe('VALIDATION_FAILED');
    const done = await act(supervisor, tk, 'assign', { userId: agentBId });
    expect(done.handlerId).toBe(agentBId);
    const inbox = (await agentB.get('/api/v1/notifications')).json() as {
      data: { title: string; link: string }[];
    };
    expect(inbox.data.some((n) => n.link === `/tickets/${tk.id}` && n.title.includes(tk.number))).toBe(true);
  });

  it('rules match the customer’s region or a region above it', async () => {
    const regions = (await admin.get('/api/v1/dictionaries/region/items')).json() as {
      data: { id: string; parentId: string | null }[];
    };
    const parentOf = new Map(regions.data.map((r) => [r.id, r.parentId]));
    // a district two levels under its province: the rule names the province
    const district = regions.data.find((r) => r.parentId && parentOf.get(r.parentId));
    expect(district).toBeTruthy();
    const province = parentOf.get(parentOf.get(district!.id)!)!;
    const team = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const role = await makeRole(admin, desk, { tickets: 'own' });
    const person = await makeUser(admin, { departmentId: team.id, roleIds: [role.id] });
    const rule = await admin.post('/api/v1/ticket-rules', {
      name: '区域组',
      regionId: province,
      departmentId: team.id,
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const local = await makeCustomer(admin, { regionId: district!.id });
    expect((await open(agentA, { customerId: local.id })).handlerId).toBe(person.id);
    const r = rule.json() as { id: string; version: number };
    const off = await admin.patch(`/api/v1/ticket-rules/${r.id}`, { version: r.version, active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect((await open(agentA, { customerId: local.id })).status).toBe('new');
    expect(
      (await admin.post('/api/v1/ticket-rules', { name: 'x', regionId: typeId, departmentId })).statusCode,
    ).toBe(400);
  });

  it('refuses a contract or contact of another customer; deletes only with tickets:delete', async () => {
    const stranger = (await makeCustomer(admin)).id;
    const k = await admin.post('/api/v1/contracts', {
      title: '他人合同',
      customerId: stranger,
      amount: '10.00',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    });
    expect(k.statusCode, k.body).toBe(201);
    const wrong = await agentA.post('/api/v1/tickets', {
      typeId,
      title: 'x',
      customerId,
      request: 'x',
      priority: 'normal',
      contractId: k.json().id,
    });
    expect(wrong.statusCode).toBe(400);
    const contact = await admin.post('/api/v1/contacts', { customerId: stranger, name: '他人联系人' });
    const wrongContact = await agentA.post('/api/v1/tickets', {
      typeId,
      title: 'x',
      customerId,
      request: 'x',
      priority: 'normal',
      contactId: contact.json().id,
    });
    expect(wrongContact.statusCode).toBe(400);
    const tk = await open(agentA);
    expect((await agentA.delete(`/api/v1/tickets/${tk.id}?version=${tk.version}`)).statusCode).toBe(403);
    expect((await admin.delete(`/api/v1/tickets/${tk.id}?version=${tk.version}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/tickets/${tk.id}`)).statusCode).toBe(404);
  });

  it('files on a ticket: seen with it, changed until it is archived', async () => {
    let tk = await open(agentA);
    const file = multipart(
      { entity: 'tickets', entityId: tk.id },
      { file: { name: 'log.txt', content: 'error 42', type: 'text/plain' } },
    );
    const up = await agentA.request('POST', '/api/v1/files', file.payload, { headers: file.headers });
    expect(up.statusCode, up.body).toBe(201);
    expect((await outsider.get(`/api/v1/files?entity=tickets&entityId=${tk.id}`)).statusCode).toBe(404);
    tk = await act(admin, tk, 'assign', { userId: agentAId });
    tk = await act(agentA, tk, 'resolve', { resolution: '完成' });
    tk = await act(admin, tk, 'archive');
    const late = multipart(
      { entity: 'tickets', entityId: tk.id },
      { file: { name: 'late.txt', content: 'x', type: 'text/plain' } },
    );
    const refused = await agentA.request('POST', '/api/v1/files', late.payload, { headers: late.headers });
    expect(refused.statusCode).toBe(403);
  });

  it('the link secret is a sealed value: checked at start and re-sealed by a key rotation, links keep working', async () => {
    const tk = await open(agentA);
    const token = tokenOf(tk);
    expect(await prepareSealedValues(t.database.db, t.config.serverKey)).toBe(0);
    const secretNow = async () =>
      (
        (await t.database.db.execute(sql`SELECT link_secret FROM ticket_settings`)).rows[0] as {
          link_secret: string;
        }
      ).link_secret;
    const plain = t.config.serverKey.open(await secretNow());
    const next = ServerKey.generate('test');
    expect(await rotateServerKey(t.database.db, t.config.serverKey, next)).toBeGreaterThan(0);
    expect(next.open(await secretNow())).toBe(plain);
    await rotateServerKey(t.database.db, next, t.config.serverKey);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/tickets/${token}` })).statusCode).toBe(
      200,
    );
  });

  it('a customer merge takes the duplicate customer’s tickets along', async () => {
    const source = await makeCustomer(admin);
    const target = await makeCustomer(admin);
    const tk = await open(agentA, { customerId: source.id });
    const merged = await admin.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(((await agentA.get(`/api/v1/tickets/${tk.id}`)).json() as Ticket).customerId).toBe(target.id);
    const list = (await agentA.get(`/api/v1/customers/${target.id}/tickets`)).json() as { data: Ticket[] };
    expect(list.data.map((x) => x.id)).toContain(tk.id);
  });

  it('guessing links is rate limited per address', async () => {
    const guess = (n: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/public/tickets/${'A'.repeat(21)}${n % 10}${'B'.repeat(22)}/feedback`,
        payload: { satisfaction: 5 },
        remoteAddress: '203.0.113.77',
      });
    const answers: number[] = [];
    for (let i = 0; i < 31; i++) answers.push((await guess(i)).statusCode);
    expect(answers.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(answers[30]).toBe(429);
  });
});
