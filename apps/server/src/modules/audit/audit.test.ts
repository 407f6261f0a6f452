import { sql } from 'drizzle-orm';
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

const logsOf = async (entityId: string) =>
  (await admin.get(`/api/v1/audit-logs?entityId=${entityId}&pageSize=100`)).json().data as {
    action: string;
    changes: Record<string, [unknown, unknown]>;
    userName: string;
    ip: string;
  }[];

describe('audit log', () => {
  it('records every create, update and delete with before → after, who and from where', async () => {
    const d = await makeDepartment(admin, t.tenant.rootDepartmentId, '审计部');
    await admin.patch(`/api/v1/departments/${d.id}`, { version: d.version, name: '审计二部' });
    await admin.delete(`/api/v1/departments/${d.id}?version=${d.version + 1}`);
    const logs = await logsOf(d.id);
    expect(logs.map((l) => l.action)).toEqual(['delete', 'update', 'create']);
    expect(logs[1].changes).toEqual({ name: ['审计部', '审计二部'] });
    expect(logs[2].changes.name).toEqual([null, '审计部']);
    expect(logs[0].changes.name).toEqual(['审计二部', null]);
    expect(logs[1].userName).toBe('系统管理员');
    expect(logs[1].ip).toBeTruthy();
  });

  it('records user changes including roles, without any password hash', async () => {
    const role = await makeRole(admin, ['users:view']);
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId }, { activate: false });
    await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, roleIds: [role.id], jobTitle: '主管' });
    const logs = await logsOf(u.id);
    const update = logs.find((l) => l.action === 'update')!;
    expect(update.changes.roleIds).toEqual([[], [role.id]]);
    expect(update.changes.jobTitle).toEqual([null, '主管']);
    expect(JSON.stringify(logs)).not.toMatch(/argon2|passwordHash|Initial123/);
    const roleLogs = await logsOf(role.id);
    expect(roleLogs[0].action).toBe('create');
  });

  it('records logins and failed logins', async () => {
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: u.username, password: 'Wrong12345' },
    });
    const actions = (await logsOf(u.id)).map((l) => l.action);
    expect(actions).toContain('login');
    expect(actions).toContain('login_failed');
  });

  it('filters by entity, user, action and time', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    await makeDepartment(admin, t.tenant.rootDepartmentId, unique('过滤'));
    const res = await admin.get(
      `/api/v1/audit-logs?entity=departments&action=create&userId=${t.tenant.adminId}&from=${encodeURIComponent(before)}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().data.length).toBeGreaterThanOrEqual(1);
    for (const row of res.json().data)
      expect(row).toMatchObject({ entity: 'departments', action: 'create', userId: t.tenant.adminId });
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await admin.get(`/api/v1/audit-logs?from=${encodeURIComponent(future)}`)).json().total).toBe(0);
    expect((await admin.get('/api/v1/audit-logs?from=yesterday')).statusCode).toBe(400);
    const named = unique('检索');
    await makeDepartment(admin, t.tenant.rootDepartmentId, named);
    const searched = (await admin.get(`/api/v1/audit-logs?q=${encodeURIComponent(named)}`)).json();
    expect(searched.data.map((r: { summary: string }) => r.summary)).toEqual([named]);
  });

  it('is for admins only', async () => {
    const role = await makeRole(admin, ['users:view'], { users: 'all' });
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const agent = await t.login(u.username);
    expect((await agent.get('/api/v1/audit-logs')).statusCode).toBe(403);
  });

  it('is append-only: the database refuses to change or remove a row', async () => {
    await expect(t.database.db.execute(sql`UPDATE audit_logs SET action = 'x'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`DELETE FROM audit_logs`)).rejects.toThrow();
  });

  it('writes the audit row in the same transaction: a failed change leaves no row', async () => {
    const name = unique('失败');
    await makeDepartment(admin, t.tenant.rootDepartmentId, name);
    const dup = await admin.post('/api/v1/departments', { name, parentId: t.tenant.rootDepartmentId });
    expect(dup.statusCode).toBe(409);
    const rows = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_logs WHERE summary = ${name}`,
    );
    expect(rows.rows[0].n).toBe(1);
  });
});
