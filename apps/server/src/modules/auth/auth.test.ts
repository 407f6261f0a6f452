import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRole, makeUser, unique } from '../../test/factories.ts';
import { TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ loginIpLimit: 1000 });
});
afterAll(() => t.close());

const loginRaw = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, headers });

describe('login', () => {
  it('signs in by username, sets an HttpOnly SameSite=Lax cookie and answers {user, csrfToken}', async () => {
    const res = await loginRaw({ username: 'admin', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'guanxi_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(res.json().user.username).toBe('admin');
    expect(res.json().csrfToken).toMatch(/.{20,}/);
    expect(res.json().user).not.toHaveProperty('passwordHash');
  });

  it('signs in by phone number and into a named tenant', async () => {
    const admin = await t.admin();
    const phone = `139${String(Date.now()).slice(-8)}`;
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, phone });
    const res = await loginRaw({ username: phone, password: TEST_PASSWORD, tenant: 'acme' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).toBe(u.id);
    const other = await loginRaw({ username: 'admin', password: TEST_PASSWORD, tenant: 'other' });
    expect(other.json().user.id).toBe(t.other.adminId);
  });

  it('answers an unknown user, an unknown tenant and a wrong password with the same error', async () => {
    const wrong = await loginRaw({ username: 'admin', password: 'nope-12345' });
    const unknown = await loginRaw({ username: unique('ghost'), password: 'nope-12345' });
    const noTenant = await loginRaw({ username: 'admin', password: TEST_PASSWORD, tenant: 'no-such' });
    for (const res of [wrong, unknown, noTenant]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    }
  });

  it('locks the account after five failures, even for the right password, and looks the same for unknown names', async () => {
    const admin = await t.admin();
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await loginRaw({ username: u.username, password: 'Wrong12345' })).json().code);
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
    expect(codes[4]).toBe('ACCOUNT_LOCKED');
    const right = await loginRaw(
      { username: u.username, password: TEST_PASSWORD },
      { 'accept-language': 'en-US' },
    );
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    expect(right.json().message).toMatch(/locked/i);

    const ghost = unique('ghost');
    const ghostCodes: string[] = [];
    for (let i = 0; i < 6; i++)
      ghostCodes.push((await loginRaw({ username: ghost, password: 'Wrong12345' })).json().code);
    expect(ghostCodes.slice(4)).toEqual(['ACCOUNT_LOCKED', 'ACCOUNT_LOCKED']);
  });

  it('does not lock after failures when a success came in between', async () => {
    const admin = await t.admin();
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
    for (let i = 0; i < 4; i++) await loginRaw({ username: u.username, password: 'Wrong12345' });
    expect((await loginRaw({ username: u.username, password: TEST_PASSWORD })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await loginRaw({ username: u.username, password: 'Wrong12345' });
    expect((await loginRaw({ username: u.username, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('rejects a disabled user even with the right password', async () => {
    const admin = await t.admin();
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
    const current = (await admin.get(`/api/v1/users/${u.id}`)).json();
    expect(
      (await admin.patch(`/api/v1/users/${u.id}`, { version: current.version, status: 'disabled' }))
        .statusCode,
    ).toBe(200);
    const res = await loginRaw({ username: u.username, password: TEST_PASSWORD });
    expect(res.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('throttles login attempts per IP', async () => {
    const small = await createTestContext({ loginIpLimit: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await small.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: unique('x'), password: 'x' },
        });
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[3]).toBe(429);
    } finally {
      await small.close();
    }
  });

  it('validates the body: missing password is 400 VALIDATION_FAILED with details, not a 500', async () => {
    const res = await loginRaw({ username: 'admin' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details[0].path).toContain('password');
    const junk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(junk.statusCode).toBe(400);
  });
});

describe('session, CSRF and logout', () => {
  it('GET /auth/me answers user, tenant, permissions, data scopes and the CSRF token', async () => {
    const admin = await t.admin();
    const res = await admin.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.user.username).toBe('admin');
    expect(me.tenant.code).toBe('acme');
    expect(me.permissions).toContain('users:create');
    expect(me.dataScopes.users).toBe('all');
    expect(me.csrfToken).toBe(admin.csrfToken);
  });

  it('requires a login for API routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/users' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('requires X-CSRF-Token on cookie-authenticated mutations', async () => {
    const admin = await t.admin();
    const body = { name: unique('部门'), parentId: t.tenant.rootDepartmentId };
    const none = await admin.request('POST', '/api/v1/departments', body, {
      headers: { 'x-csrf-token': '' },
    });
    expect(none.statusCode).toBe(403);
    expect(none.json().code).toBe('CSRF_INVALID');
    const wrong = await admin.request('POST', '/api/v1/departments', body, {
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(wrong.json().code).toBe('CSRF_INVALID');
    expect((await admin.post('/api/v1/departments', body)).statusCode).toBe(201);
  });

  it('logout revokes the session', async () => {
    const admin = await t.admin();
    expect((await admin.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('passwords', () => {
  it('forces a new user to change the password before anything else', async () => {
    const admin = await t.admin();
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId }, { activate: false });
    const agent = await t.login(u.username, 'Initial123');
    const blocked = await agent.get('/api/v1/users');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await agent.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);

    const weak = await agent.post('/api/v1/auth/change-password', {
      currentPassword: 'Initial123',
      newPassword: 'short1',
    });
    expect(weak.json().code).toBe('PASSWORD_POLICY');
    const noDigit = await agent.post('/api/v1/auth/change-password', {
      currentPassword: 'Initial123',
      newPassword: 'abcdefghij',
    });
    expect(noDigit.json().code).toBe('PASSWORD_POLICY');
    const sameAsName = await agent.post('/api/v1/auth/change-password', {
      currentPassword: 'Initial123',
      newPassword: u.username,
    });
    expect(sameAsName.statusCode).toBe(400);
    const wrongCurrent = await agent.post('/api/v1/auth/change-password', {
      currentPassword: 'Nope12345',
      newPassword: 'Better12345',
    });
    expect(wrongCurrent.json().code).toBe('PASSWORD_WRONG');

    expect(
      (
        await agent.post('/api/v1/auth/change-password', {
          currentPassword: 'Initial123',
          newPassword: 'Better12345',
        })
      ).statusCode,
    ).toBe(200);
    expect((await agent.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(false);
    expect((await t.login(u.username, 'Better12345')).user.id).toBe(u.id);
  });

  it('an admin password reset forces a change and ends the user’s sessions', async () => {
    const admin = await t.admin();
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
    const agent = await t.login(u.username);
    const current = (await admin.get(`/api/v1/users/${u.id}`)).json();
    const res = await admin.post(`/api/v1/users/${u.id}/reset-password`, {
      version: current.version,
      password: 'Reset12345',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(401);
    const again = await t.login(u.username, 'Reset12345');
    expect((await again.get('/api/v1/users')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});

describe('TOTP', () => {
  it('enrols with a confirmed code and then requires a code at login', async () => {
    const admin = await t.admin();
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
    const agent = await t.login(u.username);
    const setup = (await agent.post('/api/v1/auth/totp/setup')).json();
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect((await agent.post('/api/v1/auth/totp/confirm', { code: '000000' })).json().code).toBe(
      'TOTP_INVALID',
    );
    const code = await generate({ secret: setup.secret });
    expect((await agent.post('/api/v1/auth/totp/confirm', { code })).statusCode).toBe(200);

    const without = await loginRaw({ username: u.username, password: TEST_PASSWORD });
    expect(without.json().code).toBe('TOTP_REQUIRED');
    const wrong = await loginRaw({ username: u.username, password: TEST_PASSWORD, totp: '000000' });
    expect(wrong.json().code).toBe('TOTP_INVALID');
    const right = await loginRaw({
      username: u.username,
      password: TEST_PASSWORD,
      totp: await generate({ secret: setup.secret }),
    });
    expect(right.statusCode).toBe(200);

    expect((await agent.post('/api/v1/auth/totp/disable', { password: 'wrong' })).json().code).toBe(
      'PASSWORD_WRONG',
    );
    expect((await agent.post('/api/v1/auth/totp/disable', { password: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await loginRaw({ username: u.username, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('a role flagged requireTotp blocks its users until they enrol', async () => {
    const admin = await t.admin();
    const role = await makeRole(admin, ['users:view'], { users: 'own' }, { requireTotp: true });
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const agent = await t.login(u.username);
    const me = (await agent.get('/api/v1/auth/me')).json();
    expect(me.totpEnrolmentRequired).toBe(true);
    expect((await agent.get('/api/v1/users')).json().code).toBe('TOTP_ENROLMENT_REQUIRED');
    const setup = (await agent.post('/api/v1/auth/totp/setup')).json();
    await agent.post('/api/v1/auth/totp/confirm', { code: await generate({ secret: setup.secret }) });
    expect((await agent.get('/api/v1/users')).statusCode).toBe(200);
    expect((await agent.post('/api/v1/auth/totp/disable', { password: TEST_PASSWORD })).statusCode).toBe(403);
  });
});

describe('sessions and API tokens', () => {
  it('lists own sessions, revokes one; others’ sessions need sessions:admin', async () => {
    const admin = await t.admin();
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
    const a = await t.login(u.username);
    const b = await t.login(u.username);
    const list = (await a.get('/api/v1/sessions')).json().data;
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect((await a.get(`/api/v1/sessions?userId=${t.tenant.adminId}`)).statusCode).toBe(403);
    const adminSessions = (await admin.get(`/api/v1/sessions?userId=${t.tenant.adminId}`)).json().data;
    expect((await a.delete(`/api/v1/sessions/${adminSessions[0].id}`)).statusCode).toBe(404);

    const bId = list.find((s: { current: boolean }) => !s.current).id;
    expect((await a.delete(`/api/v1/sessions/${bId}`)).statusCode).toBe(200);
    const aList = (await a.get('/api/v1/sessions')).json().data;
    expect(aList.some((s: { id: string }) => s.id === bId)).toBe(false);
    const userSessions = (await admin.get(`/api/v1/sessions?userId=${u.id}`)).json().data;
    expect((await admin.delete(`/api/v1/sessions/${userSessions[0].id}`)).statusCode).toBe(200);
    void b;
  });

  it('disabling a user revokes their sessions', async () => {
    const admin = await t.admin();
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
    const agent = await t.login(u.username);
    await admin.patch(`/api/v1/users/${u.id}`, {
      version: (await admin.get(`/api/v1/users/${u.id}`)).json().version,
      status: 'disabled',
    });
    expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('API tokens are shown once, work as Bearer without CSRF, are stored hashed and can be revoked', async () => {
    const admin = await t.admin();
    const created = await admin.post('/api/v1/api-tokens', { name: 'ERP 集成' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^gx_/);
    const listed = (await admin.get('/api/v1/api-tokens')).json().data;
    expect(listed.find((x: { id: string }) => x.id === id)).not.toHaveProperty('token');
    const stored = await t.database.db.execute(sql`SELECT token_hash FROM api_tokens WHERE id = ${id}`);
    expect(stored.rows[0].token_hash).not.toBe(token);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer })).statusCode).toBe(
      200,
    );
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/v1/departments',
      headers: bearer,
      payload: { name: unique('部门'), parentId: t.tenant.rootDepartmentId },
    });
    expect(post.statusCode).toBe(201);
    expect((await admin.delete(`/api/v1/api-tokens/${id}`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer })).statusCode).toBe(
      401,
    );
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/users',
          headers: { authorization: 'Bearer gx_forged' },
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe('localised errors', () => {
  it('answers in en-US when asked and zh-CN by default', async () => {
    const zh = await t.app.inject({ method: 'GET', url: '/api/v1/users' });
    const en = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(zh.json().message).toBe('请先登录');
    expect(en.json().message).toBe('Please sign in first');
  });
});

describe('cached callers across replicas', () => {
  it('a revoke or role change on one replica reaches the other replica’s cache', async () => {
    const { buildApp } = await import('../../app.ts');
    const { testConfig } = await import('../../config.ts');
    const second = await buildApp({
      db: t.database.db,
      config: testConfig({ webDist: '/nonexistent' }),
      listen: t.database.listen,
    });
    try {
      const admin = await t.admin();
      const role = await makeRole(admin, ['users:view'], { users: 'all' });
      const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
      const agent = await t.login(u.username);
      const onSecond = (url: string) =>
        second.inject({ method: 'GET', url, headers: { cookie: agent.cookie } });
      expect((await onSecond('/api/v1/users')).statusCode).toBe(200); // now cached on the second replica
      await admin.patch(`/api/v1/roles/${role.id}`, { version: role.version, permissions: [] });
      await expect
        .poll(async () => (await onSecond('/api/v1/users')).statusCode, { timeout: 3000 })
        .toBe(403);
      await agent.post('/api/v1/auth/logout');
      await expect
        .poll(async () => (await onSecond('/api/v1/auth/me')).statusCode, { timeout: 3000 })
        .toBe(401);
    } finally {
      await second.close();
    }
  });
});
