import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
let admin: Agent;
let colleague: Agent;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const role = await makeRole(admin, ['customers:view']);
  const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
  colleague = await t.login(u.username);
});
afterAll(() => t.close());

describe('saved queries (我的查询)', () => {
  it('keeps private ones private, shows shared ones read-only to colleagues', async () => {
    const mine = (
      await admin.post('/api/v1/saved-queries', {
        list: 'customers',
        name: '本月新客户',
        query: { createdIn: 'this-month' },
      })
    ).json();
    const shared = (
      await admin.post('/api/v1/saved-queries', {
        list: 'customers',
        name: '华南重点',
        query: { tag: '重点', q: '华南' },
        shared: true,
      })
    ).json();
    expect(mine).toMatchObject({ mine: true, shared: false, query: { createdIn: 'this-month' } });
    const theirs = (await colleague.get('/api/v1/saved-queries?list=customers')).json().data;
    expect(theirs.map((s: { id: string }) => s.id)).toEqual([shared.id]);
    expect(theirs[0]).toMatchObject({ mine: false, ownerName: '系统管理员' });
    expect(
      (await colleague.patch(`/api/v1/saved-queries/${shared.id}`, { version: shared.version, name: 'x' }))
        .statusCode,
    ).toBe(403);
    expect((await colleague.delete(`/api/v1/saved-queries/${mine.id}?version=1`)).statusCode).toBe(404);
    const renamed = await admin.patch(`/api/v1/saved-queries/${mine.id}`, {
      version: mine.version,
      name: '本月新增',
      shared: true,
    });
    expect(renamed.json()).toMatchObject({ name: '本月新增', shared: true });
    expect(
      (await admin.patch(`/api/v1/saved-queries/${mine.id}`, { version: mine.version, name: 'y' })).json()
        .code,
    ).toBe('CONFLICT');
    expect(
      (await admin.delete(`/api/v1/saved-queries/${mine.id}?version=${mine.version + 1}`)).statusCode,
    ).toBe(200);
    expect((await admin.get('/api/v1/saved-queries?list=contacts')).json().data).toEqual([]);
  });
});
