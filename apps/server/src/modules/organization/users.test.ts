import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

const fresh = async (id: string) => (await admin.get(`/api/v1/users/${id}`)).json();

describe('users: the admin journey of the issue', () => {
  it('a user with a role scoped to 本部门 must change the password, then sees only its department', async () => {
    const branch = await makeDepartment(admin, t.tenant.rootDepartmentId, unique('分公司'));
    const store = await makeDepartment(admin, branch.id, unique('门店'));
    const role = await makeRole(admin, ['users:view'], { users: 'department' });
    const colleague = await makeUser(admin, { departmentId: store.id }, { activate: false });
    const outsider = await makeUser(admin, { departmentId: branch.id }, { activate: false });
    const created = await admin.post('/api/v1/users', {
      username: unique('new'),
      name: '新同事',
      password: 'Initial123',
      departmentId: store.id,
      roleIds: [role.id],
    });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({
      departmentId: store.id,
      status: 'active',
      mustChangePassword: true,
      roleIds: [role.id],
    });
    expect(typeof user.id).toBe('string');

    const agent = await t.login(user.username, 'Initial123');
    expect((await agent.get('/api/v1/users')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    await agent.post('/api/v1/auth/change-password', {
      currentPassword: 'Initial123',
      newPassword: 'Changed123',
    });
    const list = (await agent.get('/api/v1/users')).json();
    expect(list.data.map((u: { id: string }) => u.id).sort()).toEqual([user.id, colleague.id].sort());
    expect(list.total).toBe(2);
    expect(list.totalIsEstimate).toBe(false);
    const out = await agent.get(`/api/v1/users/${outsider.id}`);
    expect(out.statusCode).toBe(404);
    expect(out.json().code).toBe('NOT_FOUND');
    expect((await agent.get(`/api/v1/users/${t.tenant.adminId}`)).statusCode).toBe(404);
  });
});

describe('users: input rules', () => {
  it('pageSize=101 is 400 VALIDATION_FAILED with details', async () => {
    const res = await admin.get('/api/v1/users?pageSize=101');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details[0].path).toContain('pageSize');
  });

  it('a malformed id is 400, an unknown id is 404 NOT_FOUND', async () => {
    expect((await admin.get('/api/v1/users/not-an-id')).statusCode).toBe(400);
    expect((await admin.get("/api/v1/users/1' OR '1'='1")).statusCode).toBe(400);
    const unknown = await admin.get('/api/v1/users/01000000-0000-7000-8000-00000000abcd');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('NOT_FOUND');
  });

  it('an unknown sort field is 400; sorting and search work', async () => {
    expect((await admin.get('/api/v1/users?sort=passwordHash')).statusCode).toBe(400);
    const d = await makeDepartment(admin, t.tenant.rootDepartmentId);
    await makeUser(
      admin,
      { departmentId: d.id, name: '张三丰', username: unique('zsf') },
      { activate: false },
    );
    await makeUser(
      admin,
      { departmentId: d.id, name: '李四光', username: unique('lsg') },
      { activate: false },
    );
    const byName = (await admin.get(`/api/v1/users?departmentId=${d.id}&sort=-name`))
      .json()
      .data.map((u: { name: string }) => u.name);
    expect(byName).toEqual([...byName].sort().reverse());
    const found = (await admin.get(`/api/v1/users?q=${encodeURIComponent('三丰')}`)).json().data;
    expect(found.map((u: { name: string }) => u.name)).toEqual(['张三丰']);
  });

  it('usernames are 3–32 of letters, digits, _ and . and unique regardless of case', async () => {
    const base = { name: 'x', password: 'Initial123', departmentId: t.tenant.rootDepartmentId };
    for (const username of ['ab', 'a'.repeat(33), 'bad name', '张三']) {
      expect((await admin.post('/api/v1/users', { ...base, username })).statusCode).toBe(400);
    }
    const name = unique('Dup');
    expect((await admin.post('/api/v1/users', { ...base, username: name })).statusCode).toBe(201);
    const dup = await admin.post('/api/v1/users', { ...base, username: name.toLowerCase() });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('USERNAME_TAKEN');
  });

  it('employee codes follow the tenant pattern (two letters + four digits by default) and are unique', async () => {
    const base = { name: 'x', password: 'Initial123', departmentId: t.tenant.rootDepartmentId };
    const bad = await admin.post('/api/v1/users', { ...base, username: unique('e'), employeeCode: 'ABC12' });
    expect(bad.json().code).toBe('EMPLOYEE_CODE_INVALID');
    const code = `Q${String.fromCharCode(65 + (Date.now() % 26))}${String(Date.now()).slice(-4)}`;
    expect(
      (await admin.post('/api/v1/users', { ...base, username: unique('e'), employeeCode: code })).statusCode,
    ).toBe(201);
    expect(
      (await admin.post('/api/v1/users', { ...base, username: unique('e'), employeeCode: code })).json().code,
    ).toBe('EMPLOYEE_CODE_TAKEN');

    const tenant = (await admin.get('/api/v1/tenant')).json();
    const patched = await admin.patch('/api/v1/tenant', {
      version: tenant.version,
      employeeCodePattern: '^E[0-9]{3}$',
    });
    expect(patched.statusCode).toBe(200);
    expect(
      (await admin.post('/api/v1/users', { ...base, username: unique('e'), employeeCode: 'E123' }))
        .statusCode,
    ).toBe(201);
    await admin.patch('/api/v1/tenant', {
      version: patched.json().version,
      employeeCodePattern: '^[A-Z]{2}[0-9]{4}$',
    });
    expect((await admin.patch('/api/v1/tenant', { version: 0, employeeCodePattern: '([' })).statusCode).toBe(
      400,
    );
  });

  it('refuses a password that breaks the policy', async () => {
    const res = await admin.post('/api/v1/users', {
      username: unique('p'),
      name: 'x',
      password: 'short',
      departmentId: t.tenant.rootDepartmentId,
    });
    expect(res.json().code).toBe('PASSWORD_POLICY');
  });

  it('refuses supervisor cycles at any depth', async () => {
    const a = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId }, { activate: false });
    const b = await makeUser(
      admin,
      { departmentId: t.tenant.rootDepartmentId, supervisorId: a.id },
      { activate: false },
    );
    const c = await makeUser(
      admin,
      { departmentId: t.tenant.rootDepartmentId, supervisorId: b.id },
      { activate: false },
    );
    const self = await admin.patch(`/api/v1/users/${a.id}`, {
      version: (await fresh(a.id)).version,
      supervisorId: a.id,
    });
    expect(self.json().code).toBe('SUPERVISOR_CYCLE');
    const deep = await admin.patch(`/api/v1/users/${a.id}`, {
      version: (await fresh(a.id)).version,
      supervisorId: c.id,
    });
    expect(deep.statusCode).toBe(409);
    expect(deep.json().code).toBe('SUPERVISOR_CYCLE');
    expect((await fresh(c.id)).supervisorName).toBe(b.name);
  });

  it('a stale version is 409 CONFLICT and changes nothing', async () => {
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId }, { activate: false });
    const first = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, jobTitle: '经理' });
    expect(first.statusCode).toBe(200);
    const second = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, jobTitle: '总监' });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('CONFLICT');
    expect((await fresh(u.id)).jobTitle).toBe('经理');
  });

  it('unknown department, role or supervisor is a 400 naming the field; nothing is written', async () => {
    const ghost = '01000000-0000-7000-8000-00000000beef';
    const username = unique('g');
    const base = { username, name: 'x', password: 'Initial123', departmentId: t.tenant.rootDepartmentId };
    expect((await admin.post('/api/v1/users', { ...base, departmentId: ghost })).json().details[0].path).toBe(
      'departmentId',
    );
    expect((await admin.post('/api/v1/users', { ...base, roleIds: [ghost] })).json().details[0].path).toBe(
      'roleIds',
    );
    expect((await admin.post('/api/v1/users', { ...base, supervisorId: ghost })).json().details[0].path).toBe(
      'supervisorId',
    );
    expect((await admin.get(`/api/v1/users?q=${username}`)).json().total).toBe(0);
  });

  it('nobody disables or deletes themselves', async () => {
    const me = await fresh(t.tenant.adminId);
    expect(
      (await admin.patch(`/api/v1/users/${me.id}`, { version: me.version, status: 'disabled' })).json().code,
    ).toBe('SELF_ACTION');
    expect((await admin.delete(`/api/v1/users/${me.id}?version=${me.version}`)).json().code).toBe(
      'SELF_ACTION',
    );
  });
});

describe('users: rights', () => {
  it('nobody grants a role with more permissions than they hold', async () => {
    const managerRole = await makeRole(admin, ['users:view', 'users:create', 'users:edit'], { users: 'all' });
    const manager = await makeUser(admin, {
      departmentId: t.tenant.rootDepartmentId,
      roleIds: [managerRole.id],
    });
    const agent = await t.login(manager.username);
    const res = await agent.post('/api/v1/users', {
      username: unique('esc'),
      name: 'x',
      password: 'Initial123',
      departmentId: t.tenant.rootDepartmentId,
      roleIds: [t.tenant.roleIds.admin],
    });
    expect(res.statusCode).toBe(403);
    const ok = await agent.post('/api/v1/users', {
      username: unique('ok'),
      name: 'x',
      password: 'Initial123',
      departmentId: t.tenant.rootDepartmentId,
      roleIds: [managerRole.id],
    });
    expect(ok.statusCode).toBe(201);
  });

  it('a department-scoped manager cannot create a user outside its department', async () => {
    const d = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const role = await makeRole(admin, ['users:view', 'users:create'], { users: 'department' });
    const m = await makeUser(admin, { departmentId: d.id, roleIds: [role.id] });
    const agent = await t.login(m.username);
    const username = unique('out');
    const res = await agent.post('/api/v1/users', {
      username,
      name: 'x',
      password: 'Initial123',
      departmentId: t.tenant.rootDepartmentId,
    });
    expect(res.statusCode).toBe(403);
    expect((await admin.get(`/api/v1/users?q=${username}`)).json().total).toBe(0);
    expect(
      (await agent.post('/api/v1/users', { username, name: 'x', password: 'Initial123', departmentId: d.id }))
        .statusCode,
    ).toBe(201);
  });

  it('field permissions mask or hide fields on every read and block writes to them', async () => {
    const role = await makeRole(
      admin,
      ['users:view', 'users:edit'],
      { users: 'all' },
      {
        fieldPermissions: { users: { phone: 'masked', email: 'hidden' } },
      },
    );
    const viewer = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const target = await makeUser(
      admin,
      { departmentId: t.tenant.rootDepartmentId, phone: '13912345678' },
      { activate: false },
    );
    const agent = await t.login(viewer.username);
    const one = (await agent.get(`/api/v1/users/${target.id}`)).json();
    expect(one.phone).toBe('139****5678');
    expect(one).not.toHaveProperty('email');
    const inList = (await agent.get(`/api/v1/users?q=${target.username}`)).json().data[0];
    expect(inList.phone).toBe('139****5678');
    expect(inList).not.toHaveProperty('email');
    const write = await agent.patch(`/api/v1/users/${target.id}`, {
      version: one.version,
      phone: '13900000000',
    });
    expect(write.statusCode).toBe(403);
    expect(
      (await agent.patch(`/api/v1/users/${target.id}`, { version: one.version, jobTitle: '专员' }))
        .statusCode,
    ).toBe(200);
  });

  it('bulk status changes users in scope and revokes the disabled users’ sessions', async () => {
    const a = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
    const b = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
    const sessionA = await t.login(a.username);
    const res = await admin.post('/api/v1/users/bulk-status', { ids: [a.id, b.id], status: 'left' });
    expect(res.json()).toEqual({ updated: 2 });
    expect((await fresh(a.id)).status).toBe('left');
    expect((await sessionA.get('/api/v1/auth/me')).statusCode).toBe(401);
    const filtered = (await admin.get('/api/v1/users?status=left&pageSize=100'))
      .json()
      .data.map((u: { id: string }) => u.id);
    expect(filtered).toEqual(expect.arrayContaining([a.id, b.id]));
  });
});
