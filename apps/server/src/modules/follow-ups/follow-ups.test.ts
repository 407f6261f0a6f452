import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, multipart } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeContact, makeCustomer, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { runReminders } from '../events/reminders.ts';
import { authz } from './authz.ts';
import { countFollowUps } from './service.ts';

let t: TestContext;
let admin: Agent;
let sales: Agent;
let salesUser: { id: string; name: string };
let boss: Agent;
let outsider: Agent;
let outsiderUser: { id: string };
let types: { id: string; name: string }[];
let topic: string;

const work = [
  'follow-ups:view',
  'follow-ups:create',
  'follow-ups:edit',
  'follow-ups:delete',
  'customers:view',
  'customers:create',
  'customers:edit',
  'contacts:view',
  'contacts:create',
  'events:view',
];

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const dept = t.tenant.rootDepartmentId;
  const own = await makeRole(admin, work, { customers: 'own', 'follow-ups': 'own' });
  const lead = await makeRole(admin, [...work, 'follow-ups:comment'], {
    customers: 'own_and_subordinates',
    'follow-ups': 'own_and_subordinates',
  });
  const bossUser = await makeUser(admin, { departmentId: dept, roleIds: [lead.id] });
  salesUser = await makeUser(admin, { departmentId: dept, roleIds: [own.id], supervisorId: bossUser.id });
  outsiderUser = await makeUser(admin, { departmentId: dept, roleIds: [lead.id] });
  boss = await t.login(bossUser.username);
  sales = await t.login((salesUser as unknown as { username: string }).username);
  outsider = await t.login((outsiderUser as unknown as { username: string }).username);
  types = (await admin.get('/api/v1/dictionaries/follow-up-type/items')).json().data;
  topic = (await admin.get('/api/v1/dictionaries/follow-up-topic/items')).json().data[0].id;
});
afterAll(() => t.close());

type Row = { id: string; version: number; [k: string]: unknown };

async function write(agent: Agent, body: Record<string, unknown>) {
  const res = await agent.post('/api/v1/follow-ups', { type: types[0].id, content: unique('沟通'), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Row;
}

const customerOf = async (agent: Agent, id: string) => (await agent.get(`/api/v1/customers/${id}`)).json();
const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const ahead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('follow-ups', () => {
  it("sets the customer's last and next follow-up (the latest one wins) without bumping its version", async () => {
    const customer = await makeCustomer(sales);
    const contact = await makeContact(sales, customer.id);
    const first = await write(sales, {
      customerId: customer.id,
      contactId: contact.id,
      occurredAt: ago(2),
      topic,
      attitude: 'positive',
      nextFollowUpAt: ahead(3),
    });
    expect(first).toMatchObject({
      customerId: customer.id,
      customerName: customer.name,
      contactName: contact.name,
      userId: salesUser.id,
      userName: salesUser.name,
      typeName: types[0].name,
      attitude: 'positive',
      commentCount: 0,
      canEdit: true,
    });
    let c = await customerOf(sales, customer.id);
    expect(c.lastFollowUpAt).toBe(first.occurredAt);
    expect(c.nextFollowUpAt).toBe(first.nextFollowUpAt);
    expect(c.version).toBe(customer.version);
    // a back-dated one moves neither date
    await write(sales, { customerId: customer.id, occurredAt: ago(5), nextFollowUpAt: ahead(10) });
    c = await customerOf(sales, customer.id);
    expect(c.lastFollowUpAt).toBe(first.occurredAt);
    expect(c.nextFollowUpAt).toBe(first.nextFollowUpAt);
    // a newer one wins; occurredAt defaults to now
    const before = Date.now();
    const latest = await write(sales, { customerId: customer.id });
    expect(Date.parse(latest.occurredAt as string)).toBeGreaterThanOrEqual(before - 1000);
    c = await customerOf(sales, customer.id);
    expect(c.lastFollowUpAt).toBe(latest.occurredAt);
    expect(c.nextFollowUpAt).toBe(first.nextFollowUpAt);
    // deleting the latest falls back to the latest of the others
    const del = await sales.delete(`/api/v1/follow-ups/${latest.id}?version=${latest.version}`);
    expect(del.statusCode, del.body).toBe(200);
    c = await customerOf(sales, customer.id);
    expect(c.lastFollowUpAt).toBe(first.occurredAt);
    expect((await sales.get(`/api/v1/follow-ups/${latest.id}`)).statusCode).toBe(404);
    // audited on the customer: its timeline shows the follow-ups and the date changes
    const timeline = (await sales.get(`/api/v1/customers/${customer.id}/timeline`)).json().data as {
      entity: string;
      action: string;
      summary: string;
    }[];
    expect(timeline.filter((e) => e.entity === 'follow-ups' && e.action === 'create')).toHaveLength(3);
    // the customer's own entries name the customer, never the note (read by whoever sees the customer)
    const dates = timeline.filter((e) => e.entity === 'customers' && e.action === 'follow-up');
    expect(dates.length).toBeGreaterThan(0);
    for (const e of dates) expect(e.summary).toBe(customer.name);
  });

  it("puts a to-do with a reminder in the owner's calendar for a next date, whoever writes it", async () => {
    // the supervisor sees the subordinate's customer and writes the follow-up: the owner gets the to-do
    const customer = await makeCustomer(sales);
    const next = '2027-04-20T10:00:00+08:00';
    const f = await write(boss, { customerId: customer.id, nextFollowUpAt: next });
    expect(f.todoEventId).toBeTruthy();
    const todo = await sales.get(`/api/v1/events/${f.todoEventId}`);
    expect(todo.statusCode, todo.body).toBe(200);
    expect(todo.json()).toMatchObject({
      kind: 'todo',
      allDay: true,
      customerId: customer.id,
      startAt: '2027-04-19T16:00:00.000Z',
      remindMinutesBefore: 0,
    });
    expect((await boss.get(`/api/v1/events/${f.todoEventId}`)).statusCode).toBe(404);
    // the customer's 日程 tab: the caller's events with this customer only
    const other = await makeCustomer(sales);
    await write(sales, { customerId: other.id, nextFollowUpAt: next });
    const window = `from=${encodeURIComponent('2027-04-20T00:00:00+08:00')}&to=${encodeURIComponent('2027-04-21T00:00:00+08:00')}`;
    const tab = await sales.get(`/api/v1/events?${window}&customerId=${customer.id}`);
    expect(tab.statusCode, tab.body).toBe(200);
    expect(tab.json().data.map((e: Row) => e.id)).toEqual([f.todoEventId]);
    // the reminder reaches the owner's bell as the day starts
    await runReminders(t.database.db, new Date('2027-04-19T16:01:00.000Z'));
    const bell = (await sales.get('/api/v1/notifications?pageSize=100')).json().data as {
      kind: string;
      data: { eventId?: string };
    }[];
    expect(bell.some((n) => n.kind === 'event.reminder' && n.data.eventId === f.todoEventId)).toBe(true);
    // no next date, no to-do
    expect((await write(sales, { customerId: customer.id })).todoEventId).toBeNull();
  });

  it('lets whoever takes a customer over read its history (customer tab, by id, timeline), not change it; lists of people stay by scope', async () => {
    const customer = await makeCustomer(outsider);
    const earlier = await write(outsider, { customerId: customer.id });
    const tab = async () =>
      ((await sales.get(`/api/v1/follow-ups?customerId=${customer.id}`)).json().data as Row[]).map(
        (r) => r.id,
      );
    expect((await sales.get(`/api/v1/follow-ups/${earlier.id}`)).statusCode).toBe(404);
    const handed = await admin.post(`/api/v1/customers/${customer.id}/transfer`, { ownerId: salesUser.id });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(await tab()).toEqual([earlier.id]);
    expect((await sales.get(`/api/v1/follow-ups/${earlier.id}`)).statusCode).toBe(200);
    const timeline = (await sales.get(`/api/v1/customers/${customer.id}/timeline`)).json().data as {
      entityId: string;
    }[];
    expect(timeline.some((e) => e.entityId === earlier.id)).toBe(true);
    // not in the new owner's list of follow-ups at large, and not theirs to change or delete
    const all = (await sales.get('/api/v1/follow-ups?pageSize=100')).json().data as Row[];
    expect(all.some((r) => r.id === earlier.id)).toBe(false);
    const patch = await sales.patch(`/api/v1/follow-ups/${earlier.id}`, {
      version: earlier.version,
      content: 'x',
    });
    expect([403, 404]).toContain(patch.statusCode);
    expect(
      (await sales.delete(`/api/v1/follow-ups/${earlier.id}?version=${earlier.version}`)).statusCode,
    ).toBe(404);
  });

  it('refuses a customer the caller cannot see (404), a contact of another customer and bad values (400)', async () => {
    const mine = await makeCustomer(sales);
    const theirs = await makeCustomer(outsider);
    const base = { type: types[0].id, content: '拜访' };
    const unseen = await sales.post('/api/v1/follow-ups', { ...base, customerId: theirs.id });
    expect(unseen.statusCode).toBe(404);
    const other = await makeContact(outsider, theirs.id);
    const mineContact = await makeContact(sales, (await makeCustomer(sales)).id);
    for (const contactId of [other.id, mineContact.id]) {
      const res = await sales.post('/api/v1/follow-ups', { ...base, customerId: mine.id, contactId });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().details[0].path).toBe('contactId');
    }
    const cases: [Record<string, unknown>, string][] = [
      [{ occurredAt: ahead(1) }, 'occurredAt'],
      [{ occurredAt: ago(1), nextFollowUpAt: ago(2) }, 'nextFollowUpAt'],
      [{ type: topic }, 'type'],
      [{ topic: types[0].id }, 'topic'],
      [{ attitude: 'furious' }, 'attitude'],
      [{ content: '   ' }, 'content'],
      [{ fileIds: [mine.id] }, 'fileIds'],
    ];
    for (const [values, path] of cases) {
      const res = await sales.post('/api/v1/follow-ups', { ...base, customerId: mine.id, ...values });
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
    }
    // a few minutes ahead is a phone's clock, not the future
    await write(sales, { customerId: mine.id, occurredAt: new Date(Date.now() + 60_000).toISOString() });
  });

  it('lets only the author change a follow-up, on its version (409 when stale)', async () => {
    const customer = await makeCustomer(sales);
    const f = await write(sales, { customerId: customer.id, occurredAt: ago(1) });
    const ok = await sales.patch(`/api/v1/follow-ups/${f.id}`, { version: f.version, content: '改过的内容' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ content: '改过的内容', version: f.version + 1 });
    const stale = await sales.patch(`/api/v1/follow-ups/${f.id}`, { version: f.version, content: '又改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    // the supervisor sees it but it is not theirs
    const notMine = await boss.patch(`/api/v1/follow-ups/${f.id}`, { version: f.version + 1, content: 'x' });
    expect(notMine.statusCode).toBe(403);
    expect((await boss.get(`/api/v1/follow-ups/${f.id}`)).json().canEdit).toBe(false);
    const unseen = await outsider.patch(`/api/v1/follow-ups/${f.id}`, {
      version: f.version + 1,
      content: 'x',
    });
    expect(unseen.statusCode).toBe(404);
    // moving it later moves the customer's 最近跟进; setting a next date makes a to-do
    const moved = await sales.patch(`/api/v1/follow-ups/${f.id}`, {
      version: f.version + 1,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      nextFollowUpAt: ahead(7),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const c = await customerOf(sales, customer.id);
    expect(c.lastFollowUpAt).toBe(moved.json().occurredAt);
    expect(c.nextFollowUpAt).toBe(moved.json().nextFollowUpAt);
    expect(moved.json().todoEventId).toBeTruthy();
    // the customer handed to someone else: the author still corrects their own note
    const handed = await admin.post(`/api/v1/customers/${customer.id}/transfer`, {
      ownerId: outsiderUser.id,
    });
    expect(handed.statusCode, handed.body).toBe(200);
    expect((await sales.get(`/api/v1/customers/${customer.id}`)).statusCode).toBe(404);
    const fixed = await sales.patch(`/api/v1/follow-ups/${f.id}`, {
      version: f.version + 2,
      content: '更正',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    // …but records no new one there
    const more = await sales.post('/api/v1/follow-ups', {
      type: types[0].id,
      content: 'x',
      customerId: customer.id,
    });
    expect(more.statusCode).toBe(404);
  });

  it('refuses a follow-up on an invalidated customer (view only)', async () => {
    const customer = await makeCustomer(sales);
    const invalid = await sales.post(`/api/v1/customers/${customer.id}/invalidate`, { reason: '已倒闭' });
    expect(invalid.statusCode, invalid.body).toBe(200);
    const refused = await sales.post('/api/v1/follow-ups', {
      type: types[0].id,
      content: 'x',
      customerId: customer.id,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('CUSTOMER_INVALID');
  });

  it("lets a supervisor comment on the team's follow-ups (点评) and notifies the author", async () => {
    const customer = await makeCustomer(sales);
    const f = await write(sales, { customerId: customer.id });
    const res = await boss.post(`/api/v1/follow-ups/${f.id}/comments`, { content: '抓紧推进试用' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ followUpId: f.id, content: '抓紧推进试用' });
    // out of the commenter's scope: 404; without the permission: 403
    expect((await outsider.post(`/api/v1/follow-ups/${f.id}/comments`, { content: '路过' })).statusCode).toBe(
      404,
    );
    expect((await sales.post(`/api/v1/follow-ups/${f.id}/comments`, { content: '收到' })).statusCode).toBe(
      403,
    );
    expect((await boss.post(`/api/v1/follow-ups/${f.id}/comments`, { content: ' ' })).statusCode).toBe(400);
    const comments = (await sales.get(`/api/v1/follow-ups/${f.id}/comments`)).json().data;
    expect(comments).toMatchObject([{ content: '抓紧推进试用' }]);
    expect((await outsider.get(`/api/v1/follow-ups/${f.id}/comments`)).statusCode).toBe(404);
    expect((await sales.get(`/api/v1/follow-ups/${f.id}`)).json().commentCount).toBe(1);
    const bell = (await sales.get('/api/v1/notifications?pageSize=100')).json().data as {
      kind: string;
      link: string;
      data: { followUpId?: string; customerName?: string };
    }[];
    expect(bell.find((n) => n.kind === 'follow-up.comment' && n.data.followUpId === f.id)).toMatchObject({
      link: `/follow-ups?id=${f.id}`,
      data: { customerName: customer.name },
    });
  });

  it('filters the list by customer, author, type, time, mine and text, within the scope', async () => {
    const customer = await makeCustomer(sales);
    const text = unique('独特内容');
    const a = await write(sales, {
      customerId: customer.id,
      occurredAt: '2026-03-10T10:00:00+08:00',
      content: text,
    });
    const b = await write(sales, {
      customerId: customer.id,
      occurredAt: '2026-03-12T23:30:00+08:00',
      type: types[1].id,
    });
    const c = await write(boss, { customerId: customer.id, occurredAt: '2026-03-11T10:00:00+08:00' });
    const ids = async (agent: Agent, query: string) => {
      const res = await agent.get(`/api/v1/follow-ups?customerId=${customer.id}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().data as Row[]).map((r) => r.id);
    };
    expect(await ids(boss, '')).toEqual([b.id, c.id, a.id]);
    // the customer's owner reads every follow-up on it (the supervisor's too); others by scope only
    expect(await ids(sales, '')).toEqual([b.id, c.id, a.id]);
    expect(await ids(boss, 'mine=true')).toEqual([c.id]);
    expect(await ids(boss, `userId=${salesUser.id}`)).toEqual([b.id, a.id]);
    expect(await ids(boss, `type=${types[1].id}`)).toEqual([b.id]);
    // dates are the tenant's days (Asia/Shanghai), `to` inclusive; instants are exact
    expect(await ids(boss, 'from=2026-03-11&to=2026-03-12')).toEqual([b.id, c.id]);
    expect(await ids(boss, `from=${encodeURIComponent('2026-03-11T00:00:00+08:00')}`)).toEqual([b.id, c.id]);
    expect(await ids(boss, `q=${encodeURIComponent(text)}`)).toEqual([a.id]);
    expect(await ids(outsider, '')).toEqual([]);
    expect((await boss.get('/api/v1/follow-ups?from=yesterday')).statusCode).toBe(400);
    expect((await boss.get('/api/v1/follow-ups?sort=content')).statusCode).toBe(400);
    // keyset paging through the same list
    const first = (await boss.get(`/api/v1/follow-ups?customerId=${customer.id}&pageSize=2`)).json();
    expect(first.data.map((r: Row) => r.id)).toEqual([b.id, c.id]);
    const second = await boss.get(
      `/api/v1/follow-ups?customerId=${customer.id}&pageSize=2&page=2&cursor=${first.nextCursor}`,
    );
    expect(second.json().data.map((r: Row) => r.id)).toEqual([a.id]);
  });

  it("counts an author's follow-ups in a period (work reports)", async () => {
    const customer = await makeCustomer(sales);
    await write(sales, { customerId: customer.id, occurredAt: '2025-06-01T09:00:00+08:00' });
    await write(sales, { customerId: customer.id, occurredAt: '2025-06-02T09:00:00+08:00' });
    const gone = await write(sales, { customerId: customer.id, occurredAt: '2025-06-02T10:00:00+08:00' });
    await sales.delete(`/api/v1/follow-ups/${gone.id}?version=${gone.version}`);
    const n = await countFollowUps(
      t.database.db,
      t.tenant.id,
      salesUser.id,
      new Date('2025-06-01T00:00:00+08:00'),
      new Date('2025-06-02T09:00:00+08:00'),
    );
    expect(n).toBe(1);
  });

  it('takes custom fields of follow-ups, checked against their definitions', async () => {
    const defined = await admin.post('/api/v1/custom-fields', {
      entity: 'follow-ups',
      title: unique('竞品'),
      type: 'text',
      required: true,
    });
    expect(defined.statusCode, defined.body).toBe(201);
    const key = defined.json().key as string;
    const customer = await makeCustomer(sales);
    const missing = await sales.post('/api/v1/follow-ups', {
      type: types[0].id,
      content: 'x',
      customerId: customer.id,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      code: 'CUSTOM_FIELD_INVALID',
      details: [{ path: `custom.${key}` }],
    });
    const f = await write(sales, { customerId: customer.id, customFields: { [key]: '友商A' } });
    expect(f.customFields).toEqual({ [key]: '友商A' });
    // off again for the other tests
    const off = await admin.post(`/api/v1/custom-fields/${defined.json().id}/disable`, {
      version: defined.json().version,
    });
    expect(off.statusCode, off.body).toBe(200);
  });

  it('keeps a follow-up type in use from being deleted, and moves follow-ups with a merged customer', async () => {
    const item = await admin.post('/api/v1/dictionaries/follow-up-type/items', { name: unique('上门') });
    expect(item.statusCode, item.body).toBe(201);
    const target = await makeCustomer(admin, { ownerId: salesUser.id });
    const source = await makeCustomer(admin, { ownerId: salesUser.id });
    const f = await write(sales, { customerId: source.id, type: item.json().id });
    const del = await admin.delete(
      `/api/v1/dictionaries/follow-up-type/items/${item.json().id}?version=${item.json().version}`,
    );
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('DICTIONARY_ITEM_IN_USE');
    const merged = await admin.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id });
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await sales.get(`/api/v1/follow-ups/${f.id}`)).json().customerId).toBe(target.id);
    const timeline = (await sales.get(`/api/v1/customers/${target.id}/timeline`)).json().data as {
      entity: string;
      entityId: string;
    }[];
    expect(timeline.some((e) => e.entity === 'follow-ups' && e.entityId === f.id)).toBe(true);
  });

  it('carries attachments: the author uploads, whoever sees the follow-up lists them', async () => {
    const customer = await makeCustomer(sales);
    const f = await write(sales, { customerId: customer.id });
    const form = multipart(
      { entity: 'follow-ups', entityId: f.id },
      { file: { name: '纪要.txt', content: '会议纪要', type: 'text/plain' } },
    );
    const up = await sales.request('POST', '/api/v1/files', form.payload, { headers: form.headers });
    expect(up.statusCode, up.body).toBe(201);
    const listed = await boss.get(`/api/v1/files?entity=follow-ups&entityId=${f.id}`);
    expect(listed.json().data).toHaveLength(1);
    expect((await outsider.get(`/api/v1/files?entity=follow-ups&entityId=${f.id}`)).statusCode).toBe(404);
    const bossUp = await boss.request('POST', '/api/v1/files', form.payload, { headers: form.headers });
    expect(bossUp.statusCode).toBe(403);
  });
});

describeAuthz(authz);
