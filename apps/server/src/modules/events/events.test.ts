import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeContact, makeCustomer, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { runReminders } from './reminders.ts';
import { createTodoForOwner } from './service.ts';

let t: TestContext;
let owner: Agent;
let ownerUser: { id: string };
let guest: Agent;
let guestUser: { id: string };
let outsider: Agent;

const permissions = [
  'events:view',
  'events:create',
  'events:edit',
  'events:delete',
  'customers:view',
  'customers:create',
  'contacts:view',
  'contacts:create',
];

beforeAll(async () => {
  t = await createTestContext();
  const admin = await t.admin();
  const role = await makeRole(admin, permissions, { customers: 'own', users: 'own' });
  const dept = t.tenant.rootDepartmentId;
  ownerUser = await makeUser(admin, { departmentId: dept, roleIds: [role.id] });
  guestUser = await makeUser(admin, { departmentId: dept, roleIds: [role.id] });
  const outsiderUser = await makeUser(admin, { departmentId: dept, roleIds: [role.id] });
  owner = await t.login((ownerUser as unknown as { username: string }).username);
  guest = await t.login((guestUser as unknown as { username: string }).username);
  outsider = await t.login(outsiderUser.username);
});
afterAll(() => t.close());

async function create(agent: Agent, body: Record<string, unknown>) {
  const res = await agent.post('/api/v1/events', { kind: 'meeting', title: unique('会议'), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; [k: string]: unknown };
}

type Occurrence = { id: string; occurrenceStart: string; occurrenceEnd: string | null; done: boolean };
async function list(agent: Agent, from: string, to: string) {
  const res = await agent.get(`/api/v1/events?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { data: Occurrence[] }).data;
}

describe('events', () => {
  it('lists every occurrence of a weekly event in the window, each with its own start and end', async () => {
    const e = await create(owner, {
      startAt: '2027-01-04T09:00:00+08:00',
      endAt: '2027-01-04T10:30:00+08:00',
      repeat: { freq: 'weekly', count: 10 },
      participantIds: [guestUser.id],
    });
    expect(e).toMatchObject({
      kind: 'meeting',
      ownerId: ownerUser.id,
      participantIds: [guestUser.id],
      repeat: { freq: 'weekly', interval: 1, count: 10, until: null },
      rrule: 'FREQ=WEEKLY;INTERVAL=1;COUNT=10',
      completedAt: null,
      mine: true,
    });
    const mine = (await list(owner, '2027-01-01T00:00:00+08:00', '2027-02-01T00:00:00+08:00')).filter(
      (o) => o.id === e.id,
    );
    expect(mine.map((o) => [o.occurrenceStart, o.occurrenceEnd])).toEqual([
      ['2027-01-04T01:00:00.000Z', '2027-01-04T02:30:00.000Z'],
      ['2027-01-11T01:00:00.000Z', '2027-01-11T02:30:00.000Z'],
      ['2027-01-18T01:00:00.000Z', '2027-01-18T02:30:00.000Z'],
      ['2027-01-25T01:00:00.000Z', '2027-01-25T02:30:00.000Z'],
    ]);
    // the tenth is the last: 2027-03-08
    const late = (await list(owner, '2027-03-01T00:00:00+08:00', '2027-04-01T00:00:00+08:00')).filter(
      (o) => o.id === e.id,
    );
    expect(late.map((o) => o.occurrenceStart)).toEqual([
      '2027-03-01T01:00:00.000Z',
      '2027-03-08T01:00:00.000Z',
    ]);
  });

  it('repeats monthly on the same local day and until a local date, inclusive', async () => {
    const e = await create(owner, {
      startAt: '2027-01-31T07:00:00+08:00', // 2027-01-30 in UTC
      repeat: { freq: 'monthly', interval: 1, until: '2027-05-31' },
    });
    const all = (await list(owner, '2027-01-15T00:00:00+08:00', '2027-04-15T00:00:00+08:00')).filter(
      (o) => o.id === e.id,
    );
    // months without a 31st are skipped (RFC 5545)
    expect(all.map((o) => o.occurrenceStart)).toEqual([
      '2027-01-30T23:00:00.000Z',
      '2027-03-30T23:00:00.000Z',
    ]);
    const may = (await list(owner, '2027-05-01T00:00:00+08:00', '2027-06-15T00:00:00+08:00')).filter(
      (o) => o.id === e.id,
    );
    expect(may.map((o) => o.occurrenceStart)).toEqual(['2027-05-30T23:00:00.000Z']);
  });

  it('shows an event to its participants but to nobody else', async () => {
    const e = await create(owner, { startAt: '2027-02-02T14:00:00+08:00', participantIds: [guestUser.id] });
    const seen = await guest.get(`/api/v1/events/${e.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ id: e.id, mine: false, participants: [{ id: guestUser.id }] });
    expect((await outsider.get(`/api/v1/events/${e.id}`)).statusCode).toBe(404);
    const window = ['2027-02-01T00:00:00+08:00', '2027-02-03T00:00:00+08:00'] as const;
    expect((await list(guest, ...window)).some((o) => o.id === e.id)).toBe(true);
    expect((await list(outsider, ...window)).some((o) => o.id === e.id)).toBe(false);
    // a participant sees it but only the owner changes, completes or deletes it
    const patch = await guest.patch(`/api/v1/events/${e.id}`, { version: e.version, title: 'x' });
    expect(patch.statusCode).toBe(403);
    expect((await guest.post(`/api/v1/events/${e.id}/complete`, { version: e.version })).statusCode).toBe(
      403,
    );
    expect((await guest.delete(`/api/v1/events/${e.id}?version=${e.version}`)).statusCode).toBe(403);
    expect((await outsider.delete(`/api/v1/events/${e.id}?version=${e.version}`)).statusCode).toBe(404);
    // dropping the participant hides it from them
    const dropped = await owner.patch(`/api/v1/events/${e.id}`, { version: e.version, participantIds: [] });
    expect(dropped.statusCode, dropped.body).toBe(200);
    expect((await guest.get(`/api/v1/events/${e.id}`)).statusCode).toBe(404);
  });

  it('finds colleagues to invite by name, whatever the users scope', async () => {
    const guestName = (guestUser as unknown as { name: string }).name;
    const res = await owner.get(`/api/v1/events/people?q=${encodeURIComponent(guestName)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toEqual([
      { id: guestUser.id, name: guestName, departmentName: expect.any(String) },
    ]);
  });

  it("shows a colleague's calendar to whom the users scope covers, 404 to others", async () => {
    const e = await create(guest, { startAt: '2027-02-09T09:00:00+08:00' });
    const window = 'from=2027-02-09T00:00:00%2B08:00&to=2027-02-10T00:00:00%2B08:00';
    const admin = await t.admin();
    const theirs = await admin.get(`/api/v1/events?${window}&userId=${guestUser.id}`);
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(theirs.json().data.find((o: { id: string }) => o.id === e.id)).toMatchObject({ mine: false });
    // the owner's users scope is their own: nobody else's calendar
    const refused = await owner.get(`/api/v1/events?${window}&userId=${guestUser.id}`);
    expect(refused.statusCode).toBe(404);
    const self = await owner.get(`/api/v1/events?${window}&userId=${ownerUser.id}`);
    expect(self.statusCode).toBe(200);
  });

  it('refuses participants who are not active users of the tenant', async () => {
    const res = await owner.post('/api/v1/events', {
      kind: 'meeting',
      title: '会',
      startAt: '2027-02-02T14:00:00+08:00',
      participantIds: ['01000000-0000-7000-8000-000000000000'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('participantIds');
  });

  it('bounds the window to 92 days and checks its order', async () => {
    const far = await owner.get('/api/v1/events?from=2027-01-01T00:00:00Z&to=2027-04-05T00:00:00Z');
    expect(far.statusCode).toBe(400);
    expect(far.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const backwards = await owner.get('/api/v1/events?from=2027-02-01T00:00:00Z&to=2027-01-01T00:00:00Z');
    expect(backwards.statusCode).toBe(400);
    expect((await owner.get('/api/v1/events?from=2027-01-01T00:00:00Z')).statusCode).toBe(400);
  });

  it('validates times and repeats', async () => {
    const base = { kind: 'todo', title: '待办', startAt: '2027-02-02T14:00:00+08:00' };
    const cases: [Record<string, unknown>, string][] = [
      [{ endAt: '2027-02-02T13:00:00+08:00' }, 'endAt'],
      [{ repeat: { freq: 'hourly' } }, 'repeat.freq'],
      [{ repeat: { freq: 'daily', interval: 0 } }, 'repeat.interval'],
      [{ repeat: { freq: 'daily', count: 5, until: '2027-03-01' } }, 'repeat.count'],
      [{ repeat: { freq: 'daily', until: '2027-01-01' } }, 'repeat.until'],
      [{ repeat: { freq: 'daily', until: '2033-01-01' } }, 'repeat.until'],
      [{ remindMinutesBefore: 20_000 }, 'remindMinutesBefore'],
    ];
    for (const [body, path] of cases) {
      const res = await owner.post('/api/v1/events', { ...base, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it('takes only customers the caller sees (404 otherwise), and a contact of that customer', async () => {
    const theirs = await makeCustomer(outsider);
    const res = await owner.post('/api/v1/events', {
      kind: 'visit',
      title: '拜访',
      startAt: '2027-02-03T10:00:00+08:00',
      customerId: theirs.id,
    });
    expect(res.statusCode).toBe(404);
    const mine = await makeCustomer(owner);
    const other = await makeCustomer(owner);
    const contact = await makeContact(owner, other.id);
    const wrong = await owner.post('/api/v1/events', {
      kind: 'visit',
      title: '拜访',
      startAt: '2027-02-03T10:00:00+08:00',
      customerId: mine.id,
      contactId: contact.id,
    });
    expect(wrong.statusCode).toBe(400);
    // a contact alone brings its customer
    const byContact = await create(owner, {
      kind: 'call',
      startAt: '2027-02-03T10:00:00+08:00',
      contactId: contact.id,
    });
    expect(byContact).toMatchObject({
      customerId: other.id,
      customerName: other.name,
      contactName: contact.name,
    });
    const patched = await owner.patch(`/api/v1/events/${byContact.id}`, {
      version: byContact.version,
      customerId: theirs.id,
      contactId: null,
    });
    expect(patched.statusCode).toBe(404);
  });

  it('answers 409 CONFLICT to a stale version', async () => {
    const e = await create(owner, { startAt: '2027-02-04T10:00:00+08:00' });
    const first = await owner.patch(`/api/v1/events/${e.id}`, { version: e.version, title: '改一' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ title: '改一', version: e.version + 1 });
    const stale = await owner.patch(`/api/v1/events/${e.id}`, { version: e.version, title: '改二' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    expect((await owner.delete(`/api/v1/events/${e.id}?version=${e.version}`)).statusCode).toBe(409);
    const gone = await owner.delete(`/api/v1/events/${e.id}?version=${e.version + 1}`);
    expect(gone.statusCode, gone.body).toBe(200);
    expect((await owner.get(`/api/v1/events/${e.id}`)).statusCode).toBe(404);
  });

  it('completes a call plan and answers what a follow-up form needs', async () => {
    const customer = await makeCustomer(owner);
    const contact = await makeContact(owner, customer.id);
    const e = await create(owner, {
      kind: 'call',
      title: '电话回访',
      startAt: '2027-02-05T10:00:00+08:00',
      customerId: customer.id,
      contactId: contact.id,
    });
    const res = await owner.post(`/api/v1/events/${e.id}/complete`, { version: e.version });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.event.completedAt).not.toBeNull();
    expect(body.event.version).toBe(e.version + 1);
    expect(body.followUp).toEqual({
      eventId: e.id,
      type: 'phone',
      customerId: customer.id,
      customerName: customer.name,
      contactId: contact.id,
      contactName: contact.name,
      at: '2027-02-05T02:00:00.000Z',
      subject: '电话回访',
    });
    const [o] = (await list(owner, '2027-02-05T00:00:00+08:00', '2027-02-06T00:00:00+08:00')).filter(
      (x) => x.id === e.id,
    );
    expect(o.done).toBe(true);
    // a meeting has no follow-up
    const m = await create(owner, { startAt: '2027-02-05T11:00:00+08:00' });
    const done = await owner.post(`/api/v1/events/${m.id}/complete`, { version: m.version });
    expect(done.json().followUp).toBeNull();
  });

  it('completes one occurrence of a repeating event', async () => {
    const e = await create(owner, {
      kind: 'visit',
      startAt: '2027-02-08T09:00:00+08:00',
      repeat: { freq: 'daily', interval: 2 },
    });
    const noStart = await owner.post(`/api/v1/events/${e.id}/complete`, { version: e.version });
    expect(noStart.statusCode).toBe(400);
    const notOne = await owner.post(`/api/v1/events/${e.id}/complete`, {
      version: e.version,
      occurrenceStart: '2027-02-09T09:00:00+08:00',
    });
    expect(notOne.statusCode).toBe(400);
    const ok = await owner.post(`/api/v1/events/${e.id}/complete`, {
      version: e.version,
      occurrenceStart: '2027-02-10T09:00:00+08:00',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().event).toMatchObject({
      completedAt: null,
      completedOccurrences: ['2027-02-10T01:00:00.000Z'],
    });
    const days = (await list(owner, '2027-02-08T00:00:00+08:00', '2027-02-13T00:00:00+08:00')).filter(
      (x) => x.id === e.id,
    );
    expect(days.map((d) => [d.occurrenceStart, d.done])).toEqual([
      ['2027-02-08T01:00:00.000Z', false],
      ['2027-02-10T01:00:00.000Z', true],
      ['2027-02-12T01:00:00.000Z', false],
    ]);
  });

  it('reminds owner and participants once per occurrence, whoever runs the job how often', async () => {
    const start = new Date('2030-03-01T09:00:00+08:00');
    const e = await create(owner, {
      title: unique('提醒会议'),
      startAt: start.toISOString(),
      remindMinutesBefore: 15,
      participantIds: [guestUser.id],
    });
    const at = (minutesBefore: number) => new Date(start.getTime() - minutesBefore * 60_000);
    const reminders = async (agent: Agent) => {
      const res = await agent.get('/api/v1/notifications?pageSize=100');
      return (res.json().data as { kind: string; data: { eventId?: string; start?: string } }[]).filter(
        (n) => n.kind === 'event.reminder' && n.data.eventId === e.id,
      );
    };
    await runReminders(t.database.db, at(20));
    expect(await reminders(owner)).toHaveLength(0);
    const [a, b] = await Promise.all([
      runReminders(t.database.db, at(14)),
      runReminders(t.database.db, at(14)),
    ]);
    expect(a.sent + b.sent).toBeGreaterThanOrEqual(1);
    await runReminders(t.database.db, at(1));
    for (const agent of [owner, guest]) {
      const got = await reminders(agent);
      expect(got).toHaveLength(1);
      expect(got[0].data.start).toBe(start.toISOString());
    }
    expect(await reminders(outsider)).toHaveLength(0);
    // an occurrence that began long ago is not reminded late
    const old = await create(owner, {
      startAt: new Date(start.getTime() + 86_400_000).toISOString(),
      remindMinutesBefore: 5,
    });
    await runReminders(t.database.db, new Date(start.getTime() + 86_400_000 + 3_600_000));
    const n = (await owner.get('/api/v1/notifications?pageSize=100')).json().data as {
      data: { eventId?: string };
    }[];
    expect(n.some((x) => x.data.eventId === old.id)).toBe(false);
  });

  it('reminds each occurrence of a repeating event, and not a completed one', async () => {
    const start = new Date('2031-05-01T08:00:00+08:00');
    const e = await create(owner, {
      startAt: start.toISOString(),
      remindMinutesBefore: 10,
      repeat: { freq: 'daily' },
    });
    const day = 86_400_000;
    const starts = async () =>
      (
        (await owner.get('/api/v1/notifications?pageSize=100')).json().data as {
          data: { eventId?: string; start?: string };
        }[]
      )
        .filter((n) => n.data.eventId === e.id)
        .map((n) => n.data.start)
        .sort();
    await runReminders(t.database.db, new Date(start.getTime() + day - 5 * 60_000));
    await runReminders(t.database.db, new Date(start.getTime() + day - 4 * 60_000));
    expect(await starts()).toEqual([new Date(start.getTime() + day).toISOString()]);
    const done = await owner.post(`/api/v1/events/${e.id}/complete`, {
      version: e.version,
      occurrenceStart: new Date(start.getTime() + 2 * day).toISOString(),
    });
    expect(done.statusCode, done.body).toBe(200);
    await runReminders(t.database.db, new Date(start.getTime() + 2 * day - 5 * 60_000));
    expect(await starts()).toHaveLength(1);
  });

  it('creates a to-do for a user on a date for other modules (follow-ups)', async () => {
    const customer = await makeCustomer(owner);
    const id = await t.database.db.transaction((tx) =>
      createTodoForOwner(tx, {
        tenantId: t.tenant.id,
        ownerId: ownerUser.id,
        customerId: customer.id,
        date: '2027-03-15',
        title: '回访',
      }),
    );
    const res = await owner.get(`/api/v1/events/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'todo',
      allDay: true,
      startAt: '2027-03-14T16:00:00.000Z',
      customerId: customer.id,
      customerName: customer.name,
    });
    const day = await list(owner, '2027-03-15T00:00:00+08:00', '2027-03-16T00:00:00+08:00');
    expect(day.some((o) => o.id === id)).toBe(true);
    const dayBefore = await list(owner, '2027-03-14T00:00:00+08:00', '2027-03-15T00:00:00+08:00');
    expect(dayBefore.some((o) => o.id === id)).toBe(false);
  });
});

describeAuthz(authz);
