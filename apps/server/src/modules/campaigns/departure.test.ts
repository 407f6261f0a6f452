import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

/** What happens to an owner's campaigns when they move department or leave (campaigns' userLifecycle). */
let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('campaigns of people who move or leave', () => {
  it('open campaigns follow their owner to a new department and go to the successor; finished ones stay', async () => {
    const admin = await t.admin();
    const root = t.tenant.rootDepartmentId;
    const east = await makeDepartment(admin, root);
    const south = await makeDepartment(admin, root);
    const role = await makeRole(admin, ['campaigns:view', 'campaigns:create', 'campaigns:edit'], {
      campaigns: 'department',
    });
    const ownerUser = await makeUser(admin, { departmentId: east.id, roleIds: [role.id] });
    const heirUser = await makeUser(admin, { departmentId: south.id, roleIds: [role.id] });
    const owner = await t.login(ownerUser.username);
    const channel = (await admin.get('/api/v1/dictionaries/campaign-channel/items')).json().data[0].id;
    const make = async (status: string) => {
      const res = await owner.post('/api/v1/campaigns', {
        name: unique('活动'),
        channel,
        status,
        startDate: '2026-05-01',
        endDate: '2026-05-02',
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string };
    };
    const running = await make('running');
    const finished = await make('finished');
    const departmentOf = async (id: string) =>
      (await admin.get(`/api/v1/campaigns/${id}`)).json().departmentId;

    const user = (await admin.get(`/api/v1/users/${ownerUser.id}`)).json();
    const moved = await admin.patch(`/api/v1/users/${ownerUser.id}`, {
      version: user.version,
      departmentId: south.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await departmentOf(running.id)).toBe(south.id);
    expect(await departmentOf(finished.id)).toBe(east.id);

    const left = await admin.post(`/api/v1/users/${ownerUser.id}/departure`, { toUserId: heirUser.id });
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json().transferred).toMatchObject({ campaigns: 1 });
    const handed = (await admin.get(`/api/v1/campaigns/${running.id}`)).json();
    expect(handed).toMatchObject({ ownerId: heirUser.id, departmentId: south.id });
    expect((await admin.get(`/api/v1/campaigns/${finished.id}`)).json().ownerId).toBe(ownerUser.id);
    const history = (await admin.get(`/api/v1/audit-logs?entity=campaigns&entityId=${running.id}`)).json()
      .data;
    expect(history[0]).toMatchObject({
      action: 'transfer',
      changes: { ownerId: [ownerUser.id, heirUser.id] },
    });
  });
});
