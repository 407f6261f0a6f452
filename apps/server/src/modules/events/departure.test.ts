import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeCustomer, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

/** 离职交接: what happens to a leaving user's calendar (events' userLifecycle). */
let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const permissions = [
  'events:view',
  'events:create',
  'events:edit',
  'events:delete',
  'customers:view',
  'customers:create',
  'audit:view',
];

async function create(agent: Agent, body: Record<string, unknown>) {
  const res = await agent.post('/api/v1/events', { kind: 'meeting', title: unique('会议'), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

describe('离职交接', () => {
  it('hands a leaving user’s open events to the colleague taking over (only the chosen customers’ when some are), past and completed ones stay', async () => {
    const admin = await t.admin();
    const role = await makeRole(admin, permissions, { customers: 'own', users: 'own' });
    const dept = t.tenant.rootDepartmentId;
    const leaverUser = await makeUser(admin, { departmentId: dept, roleIds: [role.id] });
    const heirUser = await makeUser(admin, { departmentId: dept, roleIds: [role.id] });
    const leaver = await t.login(leaverUser.username);
    const heir = await t.login(heirUser.username);
    const chosen = await makeCustomer(admin, { ownerId: leaverUser.id });
    const kept = await makeCustomer(admin, { ownerId: leaverUser.id });
    const future = '2099-03-01T09:00:00+08:00';
    const ofChosen = await create(leaver, {
      startAt: future,
      customerId: chosen.id,
      participantIds: [heirUser.id],
    });
    const ofKept = await create(leaver, { startAt: future, customerId: kept.id });
    const weekly = await create(leaver, { startAt: '2026-01-05T09:00:00+08:00', repeat: { freq: 'weekly' } });
    const past = await create(leaver, { startAt: '2026-01-05T09:00:00+08:00' });
    const done = await create(leaver, { startAt: future, kind: 'todo' });
    expect(
      (await leaver.post(`/api/v1/events/${done.id}/complete`, { version: done.version })).statusCode,
    ).toBe(200);
    // the heir sees an event once it is theirs (owner or participant only)
    const heirs = async (id: string) => {
      const res = await heir.get(`/api/v1/events/${id}`);
      return res.statusCode === 200 && res.json().ownerId === heirUser.id;
    };

    const some = await admin.post(`/api/v1/users/${leaverUser.id}/departure`, {
      toUserId: heirUser.id,
      customerIds: [chosen.id],
    });
    expect(some.json().transferred).toMatchObject({ customers: 1, events: 1 });
    expect(await heirs(ofChosen.id)).toBe(true);
    // the new owner is no longer also a participant
    expect((await heir.get(`/api/v1/events/${ofChosen.id}`)).json().participantIds).toEqual([]);
    expect(await heirs(ofKept.id)).toBe(false);

    const rest = await admin.post(`/api/v1/users/${leaverUser.id}/departure`, { toUserId: heirUser.id });
    expect(rest.json().transferred).toMatchObject({ customers: 1, events: 2 });
    expect(await heirs(ofKept.id)).toBe(true);
    expect(await heirs(weekly.id)).toBe(true);
    expect(await heirs(past.id)).toBe(false);
    expect(await heirs(done.id)).toBe(false);
    const history = (await admin.get(`/api/v1/audit-logs?entity=events&entityId=${ofKept.id}`)).json().data;
    expect(history[0]).toMatchObject({
      action: 'transfer',
      changes: { ownerId: [leaverUser.id, heirUser.id] },
    });
  });
});
