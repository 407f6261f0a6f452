import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';

describeAuthz(authz);

let t: TestContext;
let admin: Agent;
let sales1: Agent;
let sales2: Agent;
let ids: string[];
let departmentId: string;
let form: { id: string; token: string; version: number };

const permissions = [
  'leads:view',
  'leads:create',
  'leads:edit',
  'leads:convert',
  'customers:view',
  'customers:create',
  'customers:edit',
  'contacts:view',
  'contacts:create',
];

type Lead = { id: string; version: number; ownerId: string | null; status: string; [k: string]: unknown };

let ipCounter = 0;
/** A fresh address per call unless given: the per-address limit stays out of the way. */
const submit = (token: string, body: unknown, remoteAddress = `198.51.100.${++ipCounter % 250}`) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/public/forms/${token}`,
    payload: body as object,
    remoteAddress,
  });

async function find(agent: Agent, q: string, extra = '') {
  const res = await agent.get(`/api/v1/leads?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { data: Lead[] }).data;
}

async function create(agent: Agent, body: Record<string, unknown>) {
  const res = await agent.post('/api/v1/leads', { name: unique('线索公司'), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Lead;
}

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const dept = await makeDepartment(admin, t.tenant.rootDepartmentId);
  departmentId = dept.id;
  const role = await makeRole(admin, permissions, { leads: 'own', customers: 'own' });
  const a = await makeUser(admin, { departmentId, roleIds: [role.id] });
  const b = await makeUser(admin, { departmentId, roleIds: [role.id] });
  ids = [a.id, b.id].sort();
  sales1 = await t.login(a.username);
  sales2 = await t.login(b.username);
  const rule = await admin.post('/api/v1/leads/rules', { name: unique('规则'), departmentId });
  expect(rule.statusCode, rule.body).toBe(201);
  const f = await admin.post('/api/v1/leads/forms', {
    name: unique('官网表单'),
    title: '预约演示',
    perMinute: 1000,
  });
  expect(f.statusCode, f.body).toBe(201);
  form = f.json();
});
afterAll(() => t.close());

describe('public web form', () => {
  it('stores a submission with 202 and no body, assigned round-robin within the rule’s department', async () => {
    const tag = unique('访客公司');
    const owners: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await submit(form.token, {
        name: `${tag}-${i}`,
        contactName: '王先生',
        mobile: '13800001111',
      });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.body).toBe('');
      owners.push((await find(admin, `${tag}-${i}`))[0].ownerId);
    }
    // in turn through the department's two people, whoever starts
    expect(new Set(owners.slice(0, 2))).toEqual(new Set(ids));
    expect(owners.slice(2)).toEqual(owners.slice(0, 2));
    const lead = (await find(admin, `${tag}-0`))[0];
    expect(lead).toMatchObject({ status: 'assigned', formId: form.id, contactName: '王先生', inPool: false });
    // the assignee sees it as theirs and was told
    const mine = owners[0] === ids[0] ? sales1 : sales2;
    expect((await find(mine, `${tag}-0`, '&view=mine')).map((l) => l.id)).toEqual([lead.id]);
    const bell = await mine.get('/api/v1/notifications');
    expect(JSON.stringify(bell.json())).toContain(`${tag}-0`);
  });

  it('drops a submission whose honeypot is filled, answering the same 202', async () => {
    const name = unique('机器人');
    const res = await submit(form.token, { name, mobile: '13800001111', website: 'http://spam.example' });
    expect(res.statusCode).toBe(202);
    expect(res.body).toBe('');
    expect(await find(admin, name)).toEqual([]);
  });

  it('refuses an address past its per-minute limit with 429 RATE_LIMITED and Retry-After', async () => {
    const ip = '203.0.113.77';
    // ten an address's minute: the eleventh of a minute is refused. The windows are the clock's
    // minutes, so a run that crosses one (a busy machine) starts counting again: 21 at most.
    let accepted = 0;
    let res = await submit(form.token, { name: unique('限流'), email: 'a@b.cn' }, ip);
    while (res.statusCode === 202 && accepted < 21) {
      accepted++;
      res = await submit(form.token, { name: unique('限流'), email: 'a@b.cn' }, ip);
    }
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // other addresses go on
    expect((await submit(form.token, { name: unique('限流'), email: 'a@b.cn' })).statusCode).toBe(202);
  });

  it('refuses a form past its own per-minute limit, from any address', async () => {
    const f = (
      await admin.post('/api/v1/leads/forms', { name: unique('小表单'), title: 'x', perMinute: 2 })
    ).json();
    expect((await submit(f.token, { name: unique('表单限流'), email: 'a@b.cn' })).statusCode).toBe(202);
    expect((await submit(f.token, { name: unique('表单限流'), email: 'a@b.cn' })).statusCode).toBe(202);
    const res = await submit(f.token, { name: unique('表单限流'), email: 'a@b.cn' });
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('RATE_LIMITED');
  });

  it('bounds the input: size, unknown fields, a way to reach the person; unknown or closed forms are 404', async () => {
    const big = await submit(form.token, { name: 'x', email: 'a@b.cn', remark: 'y'.repeat(9000) });
    expect(big.statusCode).toBe(413);
    const long = await submit(form.token, { name: 'x'.repeat(201), email: 'a@b.cn' });
    expect(long.statusCode).toBe(400);
    const extra = await submit(form.token, { name: 'x', email: 'a@b.cn', ownerId: ids[0] });
    expect(extra.statusCode).toBe(400);
    const noWay = await submit(form.token, { name: 'x' });
    expect(noWay.statusCode).toBe(400);
    expect((await submit('no-such-token-000000', { name: 'x', email: 'a@b.cn' })).statusCode).toBe(404);
    const f = (
      await admin.post('/api/v1/leads/forms', { name: unique('关闭'), title: 'x', active: false })
    ).json();
    expect((await submit(f.token, { name: 'x', email: 'a@b.cn' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/forms/${f.token}` })).statusCode).toBe(
      404,
    );
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/public/forms/${form.token}` });
    expect(page.json()).toEqual({
      title: '预约演示',
      intro: null,
      fields: ['contactName', 'mobile', 'email', 'remark'],
    });
  });

  it('says nothing about a person already known: the same answer twice', async () => {
    const body = { name: unique('重复访客'), mobile: '13912345678' };
    const first = await submit(form.token, body);
    const second = await submit(form.token, body);
    expect([first.statusCode, first.body]).toEqual([second.statusCode, second.body]);
  });
});

describe('leads by hand, scope and the pool', () => {
  it('keeps a lead to its owner’s scope: 404 for another own-scoped user, everywhere', async () => {
    const lead = await create(sales1, { mobile: '13700000001' });
    expect(lead).toMatchObject({ ownerId: sales1.user.id, status: 'assigned' });
    expect((await sales2.get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
    expect(
      (await sales2.patch(`/api/v1/leads/${lead.id}`, { version: lead.version, remark: 'x' })).statusCode,
    ).toBe(404);
    expect((await sales2.post(`/api/v1/leads/${lead.id}/notes`, { content: 'x' })).statusCode).toBe(404);
    expect((await sales2.post(`/api/v1/leads/${lead.id}/convert`, {})).statusCode).toBe(404);
    expect((await sales2.get(`/api/v1/leads/${lead.id}/activities`)).statusCode).toBe(404);
    expect(await find(sales2, lead.name as string)).toEqual([]);
  });

  it('refuses an unknown campaign or source on the field, and a stale version with 409', async () => {
    const bad = await sales1.post('/api/v1/leads', {
      name: 'x',
      campaignId: '01000000-0000-7000-8000-000000000000',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('campaignId');
    const lead = await create(sales1, {});
    expect(
      (await sales1.patch(`/api/v1/leads/${lead.id}`, { version: lead.version, remark: '改' })).statusCode,
    ).toBe(200);
    const stale = await sales1.patch(`/api/v1/leads/${lead.id}`, { version: lead.version, remark: '再改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
  });

  it('lets anyone with leads:view grab pool leads, up to the daily limit; a taken lead is gone for others', async () => {
    const settings = (await admin.get('/api/v1/leads/settings')).json();
    expect(
      (await admin.put('/api/v1/leads/settings', { grabDailyLimit: 1, version: settings.version }))
        .statusCode,
    ).toBe(200);
    // no rule matches an admin's hand-made lead sent to the rules? The rule has no conditions: use release
    const a = await create(admin, {});
    const b = await create(admin, {});
    for (const l of [a, b]) {
      const r = await admin.post(`/api/v1/leads/${l.id}/release`, { version: l.version });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ inPool: true, status: 'new', ownerId: null });
    }
    expect((await find(sales1, a.name as string, '&view=pool')).map((l) => l.id)).toEqual([a.id]);
    const got = await sales1.post(`/api/v1/leads/${a.id}/grab`);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json()).toMatchObject({ ownerId: sales1.user.id, status: 'assigned' });
    const over = await sales1.post(`/api/v1/leads/${b.id}/grab`);
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('LEAD_GRAB_LIMIT');
    // sales2 no longer sees the grabbed lead; the other is still there to take
    expect((await sales2.post(`/api/v1/leads/${a.id}/grab`)).statusCode).toBe(404);
    expect((await sales2.post(`/api/v1/leads/${b.id}/grab`)).statusCode).toBe(200);
    const now = (await admin.get('/api/v1/leads/settings')).json();
    await admin.put('/api/v1/leads/settings', { grabDailyLimit: 20, version: now.version });
  });

  it('moves through the states: a note makes it 跟进中; disqualifying needs a reason and closes it', async () => {
    let lead = await create(sales1, {});
    const noted = await sales1.post(`/api/v1/leads/${lead.id}/notes`, { content: '电话联系，有意向' });
    expect(noted.statusCode, noted.body).toBe(201);
    expect(noted.json().data.map((x: { kind: string }) => x.kind)).toContain('note');
    lead = (await sales1.get(`/api/v1/leads/${lead.id}`)).json();
    expect(lead.status).toBe('following');
    const noReason = await sales1.post(`/api/v1/leads/${lead.id}/status`, {
      status: 'disqualified',
      version: lead.version,
    });
    expect(noReason.statusCode).toBe(400);
    const reasons = (await admin.get('/api/v1/dictionaries/lead-disqualify-reason/items')).json().data;
    const dq = await sales1.post(`/api/v1/leads/${lead.id}/status`, {
      status: 'disqualified',
      reasonId: reasons[0].id,
      version: lead.version,
    });
    expect(dq.statusCode, dq.body).toBe(200);
    expect(dq.json()).toMatchObject({ status: 'disqualified', disqualifyReasonName: reasons[0].name });
    const edit = await sales1.patch(`/api/v1/leads/${lead.id}`, { version: dq.json().version, remark: 'x' });
    expect(edit.json().code).toBe('LEAD_CLOSED');
  });
});

describe('convert', () => {
  it('makes customer and contact in one step; the lead keeps its links and is closed', async () => {
    const lead = await create(sales1, { contactName: '李经理', mobile: '13600000001', email: 'li@lead.cn' });
    const res = await sales1.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(res.statusCode, res.body).toBe(200);
    const { customerId, contactId } = res.json();
    const customer = (await sales1.get(`/api/v1/customers/${customerId}`)).json();
    expect(customer).toMatchObject({ name: lead.name, ownerId: sales1.user.id });
    const contact = (await sales1.get(`/api/v1/contacts/${contactId}`)).json();
    expect(contact).toMatchObject({ name: '李经理', customerId });
    const after = (await sales1.get(`/api/v1/leads/${lead.id}`)).json();
    expect(after).toMatchObject({ status: 'converted', customerId, contactId });
    const again = await sales1.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(again.json().code).toBe('LEAD_CLOSED');
  });

  it('catches an existing customer (409 DUPLICATE_CUSTOMER with the match), then links to it', async () => {
    const existing = await makeCustomer(sales1, { name: unique('已有客户') });
    const lead = await create(sales1, { name: existing.name, contactName: '赵总' });
    const dup = await sales1.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(dup.statusCode, dup.body).toBe(409);
    expect(dup.json().code).toBe('DUPLICATE_CUSTOMER');
    expect(dup.json().details.matches.map((m: { id?: string }) => m.id)).toContain(existing.id);
    // nothing changed
    expect((await sales1.get(`/api/v1/leads/${lead.id}`)).json().status).toBe('assigned');
    const linked = await sales1.post(`/api/v1/leads/${lead.id}/convert`, { existingCustomerId: existing.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().customerId).toBe(existing.id);
    const contacts = (await sales1.get(`/api/v1/contacts?customerId=${existing.id}`)).json().data;
    expect(contacts.map((c: { name: string }) => c.name)).toEqual(['赵总']);
  });

  it('leaves nothing behind when a later step fails (the contact refused after the customer was made)', async () => {
    const field = await admin.post('/api/v1/custom-fields', {
      entity: 'contacts',
      title: unique('必填'),
      type: 'text',
      required: true,
    });
    expect(field.statusCode, field.body).toBe(201);
    const lead = await create(sales1, { contactName: '钱女士' });
    const res = await sales1.post(`/api/v1/leads/${lead.id}/convert`, {});
    expect(res.statusCode).toBe(400);
    const customers = (
      await sales1.get(`/api/v1/customers?q=${encodeURIComponent(lead.name as string)}`)
    ).json();
    expect(customers.data).toEqual([]);
    expect((await sales1.get(`/api/v1/leads/${lead.id}`)).json()).toMatchObject({
      status: 'assigned',
      customerId: null,
    });
  });
});

describe('assignment', () => {
  it('tries the rules in order: by region (a province covers its cities), by source; none → the pool', async () => {
    const south = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const west = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const role = await makeRole(admin, ['leads:view'], { leads: 'own' });
    const southUser = await makeUser(admin, { departmentId: south.id, roleIds: [role.id] });
    const westUser = await makeUser(admin, { departmentId: west.id, roleIds: [role.id] });
    const sources = (await admin.get('/api/v1/dictionaries/customer-source/items')).json().data;
    // the conditionless rule of the other tests goes last
    const rules = (await admin.get('/api/v1/leads/rules')).json().data as { id: string; version: number }[];
    for (const r of rules)
      await admin.patch(`/api/v1/leads/rules/${r.id}`, { version: r.version, active: false });
    await admin.post('/api/v1/leads/rules', {
      name: unique('华南'),
      priority: 1,
      regionCode: '440000',
      departmentId: south.id,
    });
    await admin.post('/api/v1/leads/rules', {
      name: unique('展会'),
      priority: 2,
      sourceId: sources[0].id,
      departmentId: west.id,
    });
    const byRegion = await create(admin, { regionCode: '440300', distribute: true });
    expect(byRegion).toMatchObject({ ownerId: southUser.id, status: 'assigned' });
    const bySource = await create(admin, { regionCode: '310000', source: sources[0].id, distribute: true });
    expect(bySource.ownerId).toBe(westUser.id);
    const none = await create(admin, { regionCode: '310000', distribute: true });
    expect(none).toMatchObject({ ownerId: null, status: 'new', inPool: true });
    const log = (await admin.get(`/api/v1/leads/${byRegion.id}/activities`)).json().data;
    expect(log.map((a: { kind: string }) => a.kind)).toEqual(expect.arrayContaining(['created', 'assigned']));
  });

  it('hands a lead only to someone in the assigner’s scope, and only with leads:assign', async () => {
    const lead = await create(sales1, {});
    // sales1 has no leads:assign
    expect(
      (await sales1.post(`/api/v1/leads/${lead.id}/assign`, { userId: sales2.user.id })).statusCode,
    ).toBe(403);
    const other = await makeUser(admin, { departmentId: departmentId, roleIds: [] });
    const role = await makeRole(admin, ['leads:view', 'leads:assign'], { leads: 'own' });
    const ownAssigner = await makeUser(admin, { departmentId, roleIds: [role.id] });
    const assigner = await t.login(ownAssigner.username);
    const mine = await create(admin, { ownerId: ownAssigner.id });
    const refused = await assigner.post(`/api/v1/leads/${mine.id}/assign`, { userId: other.id });
    expect(refused.json().code).toBe('OWNER_INVALID');
    const given = await admin.post(`/api/v1/leads/${lead.id}/assign`, { userId: sales2.user.id });
    expect(given.json()).toMatchObject({ ownerId: sales2.user.id });
    expect((await sales1.get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
  });

  it('lets exactly one of two people grabbing the same pool lead at once have it', async () => {
    const lead = await create(admin, {});
    await admin.post(`/api/v1/leads/${lead.id}/release`, { version: lead.version });
    const [a, b] = await Promise.all([
      sales1.post(`/api/v1/leads/${lead.id}/grab`),
      sales2.post(`/api/v1/leads/${lead.id}/grab`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 404]);
    const winner = a.statusCode === 200 ? sales1 : sales2;
    expect((await admin.get(`/api/v1/leads/${lead.id}`)).json().ownerId).toBe(winner.user.id);
  });
});

describe('field permissions', () => {
  it('masks a lead’s mobile for a role that may only see it masked, and refuses writing it', async () => {
    const role = await makeRole(
      admin,
      ['leads:view', 'leads:create', 'leads:edit'],
      { leads: 'own' },
      {
        fieldPermissions: { leads: { mobile: 'masked' } },
      },
    );
    const u = await makeUser(admin, { departmentId, roleIds: [role.id] });
    const agent = await t.login(u.username);
    const lead = await create(admin, { ownerId: u.id, mobile: '13812345678' });
    expect((await agent.get(`/api/v1/leads/${lead.id}`)).json().mobile).toBe('138****5678');
    const write = await agent.patch(`/api/v1/leads/${lead.id}`, {
      version: lead.version,
      mobile: '13900000000',
    });
    expect(write.statusCode).toBe(403);
  });
});

describe('people moving and leaving', () => {
  it('moves a person’s leads to their new department; on departure hands the open ones over', async () => {
    const role = await makeRole(admin, permissions, { leads: 'own', customers: 'own' });
    const leaver = await makeUser(admin, { departmentId, roleIds: [role.id] });
    const heir = await makeUser(admin, { departmentId, roleIds: [role.id] });
    const open = await create(admin, { ownerId: leaver.id });
    const closed = await create(admin, { ownerId: leaver.id });
    const reasons = (await admin.get('/api/v1/dictionaries/lead-disqualify-reason/items')).json().data;
    await admin.post(`/api/v1/leads/${closed.id}/status`, {
      status: 'disqualified',
      reasonId: reasons[0].id,
      version: closed.version,
    });
    const elsewhere = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const user = (await admin.get(`/api/v1/users/${leaver.id}`)).json();
    const moved = await admin.patch(`/api/v1/users/${leaver.id}`, {
      departmentId: elsewhere.id,
      version: user.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await admin.get(`/api/v1/leads/${open.id}`)).json().departmentId).toBe(elsewhere.id);
    const gone = await admin.post(`/api/v1/users/${leaver.id}/departure`, { toUserId: heir.id });
    expect(gone.statusCode, gone.body).toBe(200);
    expect(gone.json().transferred).toMatchObject({ leads: 1 });
    expect((await admin.get(`/api/v1/leads/${open.id}`)).json()).toMatchObject({
      ownerId: heir.id,
      departmentId,
    });
    expect((await admin.get(`/api/v1/leads/${closed.id}`)).json().ownerId).toBe(leaver.id);
  });
});
