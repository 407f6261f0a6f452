import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeDepartment, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

describe('departments', () => {
  it('builds a tree of any depth and lists it parents first', async () => {
    let parent = t.tenant.rootDepartmentId;
    const chain: string[] = [];
    for (let depth = 0; depth < 6; depth++) {
      const d = await makeDepartment(admin, parent);
      chain.push(d.id);
      parent = d.id;
    }
    const all = (await admin.get('/api/v1/departments')).json().data as { id: string; parentId: string }[];
    const index = (id: string) => all.findIndex((d) => d.id === id);
    for (let i = 1; i < chain.length; i++) {
      expect(all[index(chain[i])].parentId).toBe(chain[i - 1]);
      expect(index(chain[i])).toBeGreaterThan(index(chain[i - 1]));
    }
  });

  it('renames with the current version and answers 409 CONFLICT to a stale one', async () => {
    const d = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const renamed = await admin.patch(`/api/v1/departments/${d.id}`, {
      version: d.version,
      name: unique('新名'),
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().version).toBe(d.version + 1);
    const stale = await admin.patch(`/api/v1/departments/${d.id}`, {
      version: d.version,
      name: unique('旧'),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
  });

  it('refuses a sibling with the same name', async () => {
    const name = unique('同名');
    await makeDepartment(admin, t.tenant.rootDepartmentId, name);
    const dup = await admin.post('/api/v1/departments', { name, parentId: t.tenant.rootDepartmentId });
    expect(dup.json().code).toBe('NAME_TAKEN');
  });

  it('moves a subtree, never into itself or below itself, and keeps subtree scopes right', async () => {
    const a = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const a1 = await makeDepartment(admin, a.id);
    const a11 = await makeDepartment(admin, a1.id);
    const b = await makeDepartment(admin, t.tenant.rootDepartmentId);
    for (const target of [a.id, a1.id, a11.id]) {
      const res = await admin.patch(`/api/v1/departments/${a.id}`, { version: a.version, parentId: target });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('DEPARTMENT_CYCLE');
    }
    const moved = await admin.patch(`/api/v1/departments/${a1.id}`, { version: a1.version, parentId: b.id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().parentId).toBe(b.id);
    // a11 moved along: users filtered by b's subtree include a user of a11
    const u = await makeUser(admin, { departmentId: a11.id }, { activate: false });
    const list = (await admin.get(`/api/v1/users?departmentId=${b.id}&includeChildren=true`)).json().data;
    expect(list.map((x: { id: string }) => x.id)).toContain(u.id);
    const underA = (await admin.get(`/api/v1/users?departmentId=${a.id}&includeChildren=true`)).json().data;
    expect(underA.map((x: { id: string }) => x.id)).not.toContain(u.id);
  });

  it('never moves or deletes the root', async () => {
    const root = (await admin.get(`/api/v1/departments/${t.tenant.rootDepartmentId}`)).json();
    const d = await makeDepartment(admin, t.tenant.rootDepartmentId);
    expect(
      (await admin.patch(`/api/v1/departments/${root.id}`, { version: root.version, parentId: d.id })).json()
        .code,
    ).toBe('DEPARTMENT_ROOT');
    expect((await admin.delete(`/api/v1/departments/${root.id}?version=${root.version}`)).json().code).toBe(
      'DEPARTMENT_ROOT',
    );
  });

  it('deletes only an empty department, with a clear error otherwise', async () => {
    const d = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const child = await makeDepartment(admin, d.id);
    const notEmpty = await admin.delete(`/api/v1/departments/${d.id}?version=${d.version}`);
    expect(notEmpty.statusCode).toBe(409);
    expect(notEmpty.json().code).toBe('DEPARTMENT_NOT_EMPTY');
    expect(notEmpty.json().message).toContain('不能删除');

    const withUser = await makeDepartment(admin, t.tenant.rootDepartmentId);
    await makeUser(admin, { departmentId: withUser.id }, { activate: false });
    expect((await admin.get(`/api/v1/departments/${withUser.id}`)).json().userCount).toBe(1);
    expect(
      (await admin.delete(`/api/v1/departments/${withUser.id}?version=${withUser.version}`)).json().code,
    ).toBe('DEPARTMENT_NOT_EMPTY');

    expect((await admin.delete(`/api/v1/departments/${child.id}?version=${child.version}`)).statusCode).toBe(
      200,
    );
    expect((await admin.delete(`/api/v1/departments/${d.id}?version=${d.version}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/departments/${d.id}`)).statusCode).toBe(404);
  });

  it('validates input: empty name, unknown parent, missing version', async () => {
    expect(
      (await admin.post('/api/v1/departments', { name: '', parentId: t.tenant.rootDepartmentId })).json()
        .code,
    ).toBe('VALIDATION_FAILED');
    const unknownParent = await admin.post('/api/v1/departments', {
      name: unique('d'),
      parentId: '01000000-0000-7000-8000-000000000001',
    });
    expect(unknownParent.statusCode).toBe(400);
    expect(unknownParent.json().details[0].path).toBe('parentId');
    const d = await makeDepartment(admin, t.tenant.rootDepartmentId);
    expect((await admin.delete(`/api/v1/departments/${d.id}`)).statusCode).toBe(400);
    expect((await admin.patch(`/api/v1/departments/${d.id}`, { name: 'x' })).statusCode).toBe(400);
  });

  it('keeps a field history of a department', async () => {
    const d = await makeDepartment(admin, t.tenant.rootDepartmentId, '历史部门');
    await admin.patch(`/api/v1/departments/${d.id}`, { version: d.version, name: '历史部门二' });
    const history = (await admin.get(`/api/v1/departments/${d.id}/history`)).json().data;
    expect(history).toContainEqual(
      expect.objectContaining({ field: 'name', before: '历史部门', after: '历史部门二', action: 'update' }),
    );
  });
});
