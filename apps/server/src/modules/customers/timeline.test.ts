import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, multipart } from '../../test/agent.ts';
import { makeContact, makeCustomer, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

/**
 * The 360 timeline merges the history of the customer and its records, newest first (deleted
 * records' too); each kind keeps its own privacy there: follow-ups and visits their module's data
 * scope, events their owner and participants. Seeing the customer is not enough to see all of them.
 */
let t: TestContext;
let admin: Agent;
let viewer: Agent;
let writer: Agent;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const role = await makeRole(
    admin,
    [
      'customers:view',
      'follow-ups:view',
      'follow-ups:create',
      'events:view',
      'events:create',
      'check-ins:view',
      'check-ins:create',
    ],
    { customers: 'all', 'follow-ups': 'own', 'check-ins': 'own' },
  );
  const dept = t.tenant.rootDepartmentId;
  viewer = await t.login((await makeUser(admin, { departmentId: dept, roleIds: [role.id] })).username);
  writer = await t.login((await makeUser(admin, { departmentId: dept, roleIds: [role.id] })).username);
});
afterAll(() => t.close());

const typeId = async () =>
  (await admin.get('/api/v1/dictionaries/follow-up-type/items')).json().data[0].id as string;

async function followUp(agent: Agent, customerId: string) {
  const res = await agent.post('/api/v1/follow-ups', {
    customerId,
    type: await typeId(),
    content: unique('跟进'),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function visit(agent: Agent, customerId: string) {
  const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer();
  const body = multipart(
    {
      type: 'visit-in',
      customerId,
      lat: '31.2304',
      lng: '121.4737',
      accuracy: '10',
      capturedAt: new Date().toISOString(),
    },
    { photo: { name: 'p.jpg', content: photo, type: 'image/jpeg' } },
  );
  const res = await agent.request('POST', '/api/v1/check-ins', body.payload, {
    headers: { ...body.headers, 'idempotency-key': randomUUID() },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const timelineIds = async (agent: Agent, customerId: string) =>
  new Set(
    ((await agent.get(`/api/v1/customers/${customerId}/timeline`)).json().data as { entityId: string }[]).map(
      (e) => e.entityId,
    ),
  );

describe('customer timeline', () => {
  it('lists the customer’s and its records’ history newest first, a deleted contact’s too, no other customer’s', async () => {
    const c = await makeCustomer(admin);
    const other = await makeCustomer(admin);
    const gone = await makeContact(admin, c.id);
    const kept = await makeContact(admin, c.id);
    await makeContact(admin, other.id);
    expect((await admin.delete(`/api/v1/contacts/${gone.id}?version=${gone.version}`)).statusCode).toBe(200);
    const timeline = (await admin.get(`/api/v1/customers/${c.id}/timeline`)).json().data as {
      at: string;
      action: string;
      entity: string;
      entityId: string | null;
    }[];
    expect(timeline.map((e) => [e.entity, e.entityId, e.action])).toEqual([
      ['contacts', gone.id, 'delete'],
      ['contacts', kept.id, 'create'],
      ['contacts', gone.id, 'create'],
      ['customers', c.id, 'create'],
    ]);
    const times = timeline.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('shows each record kind only to whom that kind is visible: follow-ups and visits by their scope, events to owner and participants', async () => {
    const c = await makeCustomer(admin);
    const mine = await followUp(viewer, c.id);
    const theirs = await followUp(writer, c.id);
    const theirVisit = await visit(writer, c.id);
    const theirEvent = (
      await writer.post('/api/v1/events', {
        kind: 'visit',
        title: unique('拜访'),
        startAt: '2099-01-01T09:00:00+08:00',
        customerId: c.id,
      })
    ).json().id as string;

    const seen = await timelineIds(viewer, c.id);
    expect(seen.has(c.id)).toBe(true);
    expect(seen.has(mine)).toBe(true);
    expect(seen.has(theirs)).toBe(false);
    expect(seen.has(theirVisit)).toBe(false);
    expect(seen.has(theirEvent)).toBe(false);

    const all = await timelineIds(writer, c.id);
    for (const id of [theirs, theirVisit, theirEvent]) expect(all.has(id)).toBe(true);
    expect(all.has(mine)).toBe(false);
  });
});
