import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import {
  makeContact,
  makeCustomer,
  makeDepartment,
  makeRole,
  makeUser,
  unique,
} from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

// 在线报修表单: the tenant's public ticket form, from its settings to a customer following the ticket

let t: TestContext;
let admin: Agent;
let agent: Agent;
let team: string;
let handlerId: string;
let repairType: string;
let adviceType: string;
let form: Settings;
let ipCounter = 0;

type Settings = {
  enabled: boolean;
  token: string | null;
  title: string | null;
  perMinute: number;
  typeIds: string[];
  departmentId: string | null;
  version: number;
};
type Ticket = {
  id: string;
  number: string;
  status: string;
  channel: string | null;
  handlerId: string | null;
  customerId: string | null;
  customerName: string | null;
  contactId: string | null;
  departmentId: string | null;
  priority: string;
  version: number;
  submitter: { name: string; company: string | null; mobile: string | null; email: string | null } | null;
  sla: { responseDueAt: string; resolutionDueAt: string };
};

const nextIp = () => `192.0.2.${(++ipCounter % 250) + 1}`;

const submit = (token: string, body: Record<string, unknown>, remoteAddress = nextIp()) =>
  t.app.inject({ method: 'POST', url: `/api/v1/public/ticket-form/${token}`, payload: body, remoteAddress });

const page = (token: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/public/ticket-form/${token}`, remoteAddress: nextIp() });

const request = (extra: Record<string, unknown> = {}) => ({
  name: '王先生',
  mobile: '13700001111',
  typeId: repairType,
  title: unique('打印机卡纸'),
  request: '三楼打印机一直卡纸',
  ...extra,
});

async function putForm(values: Partial<Settings> & Record<string, unknown>, status = 200) {
  const res = await admin.put('/api/v1/settings/ticket-form', {
    enabled: form.enabled,
    title: form.title,
    perMinute: form.perMinute,
    priority: 'high',
    typeIds: form.typeIds,
    departmentId: form.departmentId,
    version: form.version,
    ...values,
  });
  expect(res.statusCode, res.body).toBe(status);
  if (status === 200) form = res.json() as Settings;
  return res;
}

/** The ticket of a unique title, as the admin (all scope) sees it. */
async function ticketTitled(title: string) {
  const res = await admin.get(`/api/v1/tickets?q=${encodeURIComponent(title)}`);
  const rows = (res.json() as { data: { id: string }[] }).data;
  expect(rows).toHaveLength(1);
  return (await admin.get(`/api/v1/tickets/${rows[0].id}`)).json() as Ticket;
}

const count = async () =>
  Number(
    (
      (
        await t.database.db.execute(
          sql`SELECT count(*)::int AS n FROM tickets WHERE tenant_id = ${t.tenant.id}`,
        )
      ).rows[0] as { n: number }
    ).n,
  );

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  team = (await makeDepartment(admin, t.tenant.rootDepartmentId)).id;
  const role = await makeRole(admin, ['tickets:view', 'tickets:create', 'tickets:edit', 'customers:view'], {
    tickets: 'department',
    customers: 'all',
  });
  const handler = await makeUser(admin, { departmentId: team, roleIds: [role.id] });
  handlerId = handler.id;
  agent = await t.login(handler.username);
  const types = (await admin.get('/api/v1/dictionaries/service-type/items')).json() as {
    data: { id: string }[];
  };
  [adviceType, repairType] = [types.data[0].id, types.data[1].id];
  form = (await admin.get('/api/v1/settings/ticket-form')).json() as Settings;
});
afterAll(() => t.close());

describe('the public ticket form', () => {
  it('is off with no address until enabled; enabling gives a 128-bit token; changes are audited and versioned', async () => {
    expect(form).toMatchObject({ enabled: false, token: null, typeIds: [], departmentId: null });
    expect((await agent.get('/api/v1/settings/ticket-form')).statusCode).toBe(403);
    await putForm({ enabled: true, title: '在线报修', typeIds: [repairType], departmentId: team });
    expect(form.token).toMatch(/^[\w-]{22}$/);
    const stale = await putForm({ title: 'x', version: form.version - 1 }, 409);
    expect(stale.json().code).toBe('CONFLICT');
    const badType = await putForm({ typeIds: [repairType, team] }, 400);
    expect(badType.json().details[0].path).toBe('typeIds.1');
    expect((await putForm({ departmentId: repairType }, 400)).json().details[0].path).toBe('departmentId');
    expect((await putForm({ perMinute: 0 }, 400)).json().details[0].path).toBe('perMinute');
    const audit = await t.database.db.execute(
      sql`SELECT action FROM audit_logs WHERE tenant_id = ${t.tenant.id} AND entity = 'ticket-form'`,
    );
    expect(audit.rows.map((r) => (r as { action: string }).action)).toEqual(['update']);
  });

  it('shows the tenant, title and the types a customer may pick; unknown or switched-off is 404', async () => {
    const res = await page(form.token!);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: '在线报修', intro: null, types: [{ id: repairType }] });
    expect(res.json().tenantName).toEqual(expect.any(String));
    expect((await page('A'.repeat(22))).statusCode).toBe(404);
    expect((await submit('A'.repeat(22), request())).statusCode).toBe(404);
    await putForm({ enabled: false });
    expect((await page(form.token!)).statusCode).toBe(404);
    expect((await submit(form.token!, request())).statusCode).toBe(404);
    await putForm({ enabled: true });
  });

  it('a known contact’s ticket: channel web, their customer, a rule assigns it, SLA due, the status link opens it', async () => {
    const customer = await makeCustomer(admin);
    const contact = await makeContact(admin, customer.id, { mobile: '13800138123' });
    const rule = await admin.post('/api/v1/ticket-rules', {
      name: '报修组',
      typeId: repairType,
      departmentId: team,
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const body = request({ mobile: '138 0013 8123'.replaceAll(' ', ''), company: '某公司' });
    const res = await submit(form.token!, body);
    expect(res.statusCode, res.body).toBe(201);
    const answer = res.json() as { number: string; statusUrl: string };
    expect(answer.number).toMatch(/^GD/);
    expect(answer.statusUrl).toMatch(/\/t\/[\w-]{44}$/);

    const tk = await ticketTitled(body.title);
    expect(tk).toMatchObject({
      number: answer.number,
      channel: 'web',
      status: 'assigned',
      handlerId,
      customerId: customer.id,
      contactId: contact.id,
      priority: 'high',
      submitter: { name: '王先生', company: '某公司', mobile: '13800138123', email: null },
    });
    expect(Date.parse(tk.sla.responseDueAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(tk.sla.resolutionDueAt)).toBeGreaterThanOrEqual(Date.parse(tk.sla.responseDueAt));
    // the handler sees it in their list and was told
    const mine = (await agent.get('/api/v1/tickets?view=mine')).json() as { data: { id: string }[] };
    expect(mine.data.map((x) => x.id)).toContain(tk.id);

    const status = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/tickets/${answer.statusUrl.split('/t/')[1]}`,
      remoteAddress: nextIp(),
    });
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json()).toMatchObject({ number: answer.number, title: body.title, status: 'assigned' });
    const r = rule.json() as { id: string; version: number };
    await admin.delete(`/api/v1/ticket-rules/${r.id}?version=${r.version}`);
  });

  it('nobody known: no customer yet, the submitter kept, in the form department’s queue; the desk links the customer', async () => {
    const body = request({
      name: '陌生人',
      mobile: undefined,
      email: 'Nobody@Example.cn',
      company: '新公司',
    });
    const res = await submit(form.token!, body);
    expect(res.statusCode, res.body).toBe(201);
    const tk = await ticketTitled(body.title);
    expect(tk).toMatchObject({
      status: 'new',
      customerId: null,
      customerName: null,
      handlerId: null,
      departmentId: team,
      submitter: { name: '陌生人', company: '新公司', mobile: null, email: 'Nobody@Example.cn' },
    });
    const queue = (await agent.get('/api/v1/tickets?view=queue')).json() as { data: { id: string }[] };
    expect(queue.data.map((x) => x.id)).toContain(tk.id);
    const ids = async (q: string) =>
      ((await agent.get(`/api/v1/tickets?${q}`)).json() as { data: { id: string }[] }).data.map((x) => x.id);
    expect(await ids('unlinked=true')).toContain(tk.id);
    expect(await ids('unlinked=false')).not.toContain(tk.id);
    // nobody would notice it in the queue: whoever assigns tickets above its department is told
    const notes = (await admin.get('/api/v1/notifications?pageSize=100')).json().data as { title: string }[];
    expect(notes.map((n) => n.title)).toContain(`在线报修 ${tk.number} 待分派：${body.title}`);
    const handlerNotes = (await agent.get('/api/v1/notifications?pageSize=100')).json().data as {
      title: string;
    }[];
    expect(handlerNotes.some((n) => n.title.includes(tk.number))).toBe(false);
    // nothing of a customer may be set before the customer
    const contact = await agent.patch(`/api/v1/tickets/${tk.id}`, { contactId: tk.id, version: tk.version });
    expect(contact.statusCode).toBe(400);
    expect(contact.json().details[0].path).toBe('customerId');
    const customer = await makeCustomer(admin, { name: unique('新公司') });
    const linked = await agent.patch(`/api/v1/tickets/${tk.id}`, {
      customerId: customer.id,
      version: tk.version,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ customerId: customer.id, customerName: customer.name });
    expect(await ids('unlinked=true')).not.toContain(tk.id);
  });

  it('an e-mail known at two customers is ambiguous: no customer is guessed', async () => {
    const email = `${unique('shared')}@example.cn`.toLowerCase();
    for (let i = 0; i < 2; i++) await makeContact(admin, (await makeCustomer(admin)).id, { email });
    const body = request({ mobile: undefined, email });
    expect((await submit(form.token!, body)).statusCode).toBe(201);
    expect((await ticketTitled(body.title)).customerId).toBeNull();
  });

  it('a filled honeypot looks like a success and writes nothing', async () => {
    const before = await count();
    const res = await submit(form.token!, request({ website: 'http://spam.example' }));
    expect(res.statusCode).toBe(201);
    const answer = res.json() as { number: string; statusUrl: string };
    expect(answer.number).toMatch(/^GD\d{8}-\d{4}$/);
    expect(await count()).toBe(before);
    const status = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/tickets/${answer.statusUrl.split('/t/')[1]}`,
      remoteAddress: nextIp(),
    });
    expect(status.statusCode).toBe(404);
  });

  it('validates with field paths: a mobile or an e-mail, an offered type, no unknown fields', async () => {
    const before = await count();
    const none = await submit(form.token!, request({ mobile: undefined }));
    expect([none.statusCode, none.json().details[0].path]).toEqual([400, 'mobile']);
    const type = await submit(form.token!, request({ typeId: adviceType }));
    expect([type.statusCode, type.json().details[0].path]).toEqual([400, 'typeId']);
    const bad = await submit(form.token!, request({ email: 'not-mail', title: '' }));
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['email', 'title']);
    expect((await submit(form.token!, request({ handlerId }))).statusCode).toBe(400);
    expect((await submit(form.token!, request({ request: 'x'.repeat(30_000) }))).statusCode).toBe(413);
    expect(await count()).toBe(before);
  });

  it('limits submissions per form per minute and per address (429 RATE_LIMITED with Retry-After)', async () => {
    await putForm({ perMinute: 2 });
    // a fresh window: the earlier tests' submissions counted in this minute too
    await t.database.db.execute(sql`DELETE FROM public_hits WHERE key = ${`ticket-form:${t.tenant.id}`}`);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await submit(form.token!, request()));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 429]);
    expect(answers[2].json().code).toBe('RATE_LIMITED');
    expect(Number(answers[2].headers['retry-after'])).toBeGreaterThan(0);
    await putForm({ perMinute: 1000 });
    // one address: 10 a minute, whatever the form's own limit
    const ip = '203.0.113.9';
    const codes = [];
    for (let i = 0; i < 11; i++)
      codes.push((await submit(form.token!, request({ mobile: undefined }), ip)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 400)).toBe(true);
    expect(codes[10]).toBe(429);
    // guessing addresses: 60 page loads a minute per address
    const loads = [];
    for (let i = 0; i < 61; i++)
      loads.push(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/public/ticket-form/${'G'.repeat(21)}${i % 10}`,
            remoteAddress: '203.0.113.10',
          })
        ).statusCode,
      );
    expect(loads.slice(0, 60).every((c) => c === 404)).toBe(true);
    expect(loads[60]).toBe(429);
  });

  it('another tenant reaches nothing: its own settings, no sight of the ticket, not its types', async () => {
    const body = request();
    expect((await submit(form.token!, body)).statusCode).toBe(201);
    const tk = await ticketTitled(body.title);
    const foreign = await t.login('admin', undefined, t.other.code);
    const theirs = (await foreign.get('/api/v1/settings/ticket-form')).json() as Settings;
    expect(theirs).toMatchObject({ enabled: false, token: null });
    expect((await foreign.get(`/api/v1/tickets/${tk.id}`)).statusCode).toBe(404);
    const types = (await foreign.get('/api/v1/dictionaries/service-type/items')).json() as {
      data: { id: string }[];
    };
    const res = await submit(form.token!, request({ typeId: types.data[1].id }));
    expect([res.statusCode, res.json().details[0].path]).toEqual([400, 'typeId']);
  });

  it('a new token retires the old address; regenerating is versioned and audited', async () => {
    const old = form.token!;
    const stale = await admin.post('/api/v1/settings/ticket-form/token', { version: form.version - 1 });
    expect(stale.statusCode).toBe(409);
    const res = await admin.post('/api/v1/settings/ticket-form/token', { version: form.version });
    expect(res.statusCode, res.body).toBe(200);
    form = res.json() as Settings;
    expect(form.token).not.toBe(old);
    expect((await page(old)).statusCode).toBe(404);
    expect((await submit(old, request())).statusCode).toBe(404);
    expect((await page(form.token!)).statusCode).toBe(200);
    expect((await submit(form.token!, request())).statusCode).toBe(201);
    const audit = await t.database.db.execute(
      sql`SELECT 1 FROM audit_logs WHERE tenant_id = ${t.tenant.id} AND entity = 'ticket-form'
        AND action = 'regenerate-token'`,
    );
    expect(audit.rows).toHaveLength(1);
  });
});
