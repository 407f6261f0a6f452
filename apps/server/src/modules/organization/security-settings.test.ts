import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../platform/auth/tokens.ts';
import type { Agent } from '../../test/agent.ts';
import { makeRole, makeUser, unique } from '../../test/factories.ts';
import { TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext({ lockoutAttempts: 5, lockoutMinutes: 15, sessionHours: 12 });
  admin = await t.admin();
});
afterAll(() => t.close());

const url = '/api/v1/settings/security';
const read = async () => (await admin.get(url)).json();
/** Saves the current settings with these changed. */
const save = async (changes: Record<string, unknown>, as = admin) => {
  const { defaults: _d, roles: _r, ...current } = await read();
  return as.put(url, { ...current, ...changes });
};
const loginRaw = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
const user = () => makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
const tenantAudit = async () =>
  (await admin.get('/api/v1/audit-logs?entity=tenants&pageSize=100')).json().data as {
    changes: Record<string, [unknown, unknown]>;
  }[];

describe('security settings (系统设置 → 安全)', () => {
  it('start from the server defaults and refuse a stale version, a bad value and an unknown role by field', async () => {
    const current = await read();
    expect(current).toMatchObject({
      passwordMinLength: 8,
      passwordClasses: ['letter', 'digit'],
      passwordForbidUsername: true,
      lockoutAttempts: 5,
      lockoutMinutes: 15,
      sessionHours: 12,
      totpRoleIds: [],
      defaults: { lockoutAttempts: 5, lockoutMinutes: 15, sessionHours: 12 },
    });
    const short = await save({ passwordMinLength: 7 });
    expect(short.statusCode).toBe(400);
    expect(short.json().details[0].path).toContain('passwordMinLength');
    const unknownRole = await save({ totpRoleIds: [crypto.randomUUID()] });
    expect(unknownRole.json()).toMatchObject({ details: [{ path: 'totpRoleIds' }] });
    expect((await save({ lockoutMinutes: 30 })).statusCode).toBe(200);
    const stale = await admin.put(url, {
      ...current,
      defaults: undefined,
      roles: undefined,
      lockoutMinutes: 20,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('lockout attempts lowered to 3: the third wrong password locks, at once (no restart)', async () => {
    const u = await user();
    expect((await save({ lockoutAttempts: 3 })).statusCode).toBe(200);
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) codes.push((await loginRaw(u.username, 'Wrong12345')).json().code);
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED']);
    expect((await loginRaw(u.username, TEST_PASSWORD)).statusCode).toBe(423);
    const audit = await tenantAudit();
    expect(audit.some((a) => JSON.stringify(a.changes.lockoutAttempts) === '[5,3]')).toBe(true);
    expect((await save({ lockoutAttempts: 5 })).statusCode).toBe(200);
  });

  it('session length: a new session lasts the tenant’s hours, and an open one slides by them', async () => {
    const u = await user();
    const open = await t.login(u.username);
    expect((await save({ sessionHours: 2 })).statusCode).toBe(200);
    const res = await loginRaw(u.username, TEST_PASSWORD);
    expect(res.cookies.find((c) => c.name === 'guanxi_sid')?.maxAge).toBe(2 * 3600);
    const cookieOf = (value: string) => ({ value });
    const hoursLeft = async (session: { value: string }) => {
      const rows = await t.database.db.execute(sql`SELECT extract(epoch FROM expires_at - now()) / 3600 AS h
        FROM sessions WHERE token_hash = ${sha256(session.value)}`);
      return Math.round(Number((rows.rows[0] as { h: number }).h));
    };
    const openCookie = cookieOf(open.cookie.slice('guanxi_sid='.length));
    expect(await hoursLeft(openCookie)).toBe(12);
    expect(await hoursLeft(cookieOf(res.cookies.find((c) => c.name === 'guanxi_sid')!.value))).toBe(2);
    // the open session's next request (its last-seen over a minute old) slides it by 2 hours, not 12
    await t.database.db.execute(
      sql`UPDATE sessions SET last_seen_at = now() - interval '5 minutes' WHERE user_id = ${u.id}`,
    );
    expect((await open.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect(await hoursLeft(openCookie)).toBe(2);
    expect((await save({ sessionHours: 12 })).statusCode).toBe(200);
  });

  it('password policy: length and classes refuse a weak password on change and reset, with the field', async () => {
    const u = await user();
    expect(
      (await save({ passwordMinLength: 12, passwordClasses: ['upper', 'lower', 'digit', 'symbol'] }))
        .statusCode,
    ).toBe(200);
    const self = await t.login(u.username);
    // what the password fields check before sending: this tenant's policy, to any signed-in user
    expect((await self.get('/api/v1/auth/password-policy')).json()).toEqual({
      passwordMinLength: 12,
      passwordClasses: ['upper', 'lower', 'digit', 'symbol'],
      passwordForbidUsername: true,
    });
    const otherTenant = await t.login('admin', undefined, t.other.code);
    expect((await otherTenant.get('/api/v1/auth/password-policy')).json().passwordMinLength).toBe(8);
    const change = (newPassword: string) =>
      self.post('/api/v1/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword });
    const weak = await change('Kx7mPq2vLr');
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({
      code: 'PASSWORD_POLICY',
      details: [{ path: 'newPassword', message: 'min:12,symbol' }],
    });
    const current = (await admin.get(`/api/v1/users/${u.id}`)).json();
    const reset = await admin.post(`/api/v1/users/${u.id}/reset-password`, {
      version: current.version,
      password: 'kx7mpq2vlr!zz',
    });
    expect(reset.json()).toMatchObject({ code: 'PASSWORD_POLICY', details: [{ message: 'upper' }] });
    expect((await change('Kx7-mPq2-vLr9')).statusCode).toBe(200);
    const audit = await tenantAudit();
    expect(audit.some((a) => JSON.stringify(a.changes.passwordMinLength) === '[8,12]')).toBe(true);
    expect((await save({ passwordMinLength: 8, passwordClasses: ['letter', 'digit'] })).statusCode).toBe(200);
  });

  it('the username rule can be switched off; the common-password list cannot', async () => {
    const name = unique('yuwen').toLowerCase();
    const create = (password: string) =>
      admin.post('/api/v1/users', {
        username: name,
        name: '于文',
        password,
        departmentId: t.tenant.rootDepartmentId,
      });
    expect((await create(`${name}2026`)).json().code).toBe('PASSWORD_HAS_USERNAME');
    expect((await save({ passwordForbidUsername: false })).statusCode).toBe(200);
    expect((await create('password1')).json().code).toBe('PASSWORD_TOO_COMMON');
    expect((await create(`${name}2026`)).statusCode).toBe(201);
    expect((await save({ passwordForbidUsername: true })).statusCode).toBe(200);
  });

  it('TOTP required for a role here: its users are asked to enrol; the role shows it; audited by name', async () => {
    const role = await makeRole(admin, ['users:view'], { users: 'own' });
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const agent = await t.login(u.username);
    expect((await agent.get('/api/v1/users')).statusCode).toBe(200);
    expect((await save({ totpRoleIds: [role.id] })).statusCode).toBe(200);
    expect((await agent.get('/api/v1/users')).json().code).toBe('TOTP_ENROLMENT_REQUIRED');
    expect((await agent.get('/api/v1/auth/me')).json().totpEnrolmentRequired).toBe(true);
    expect((await admin.get(`/api/v1/roles/${role.id}`)).json().requireTotp).toBe(true);
    const settings = await read();
    expect(settings.totpRoleIds).toEqual([role.id]);
    expect(settings.roles).toContainEqual({ id: role.id, name: role.name });
    const audit = await tenantAudit();
    expect(audit.some((a) => JSON.stringify(a.changes.totpRoles) === JSON.stringify([[], [role.name]]))).toBe(
      true,
    );
    expect((await save({ totpRoleIds: [] })).statusCode).toBe(200);
    expect((await agent.get('/api/v1/users')).statusCode).toBe(200);
  });

  it('each section its own permission: settings:security, settings:numbering, settings:check-in — not system:admin alone', async () => {
    const holder = async (permissions: string[]) => {
      const role = await makeRole(admin, permissions);
      const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
      return t.login(u.username);
    };
    const security = await holder(['settings:security']);
    expect((await save({ lockoutMinutes: 16 }, security)).statusCode).toBe(200);
    expect((await security.get('/api/v1/numbering-rules')).statusCode).toBe(403);

    const system = await holder(['system:admin']);
    expect((await system.get(url)).statusCode).toBe(403);
    expect((await system.get('/api/v1/numbering-rules')).statusCode).toBe(403);
    const checkIn = (await admin.get('/api/v1/settings/check-in')).json();
    expect((await system.patch('/api/v1/settings/check-in', { version: checkIn.version })).statusCode).toBe(
      403,
    );

    const numbering = await holder(['settings:numbering']);
    expect((await numbering.get('/api/v1/numbering-rules')).statusCode).toBe(200);
    const fieldWork = await holder(['settings:check-in']);
    const patched = await fieldWork.patch('/api/v1/settings/check-in', {
      version: checkIn.version,
      radiusMeters: 800,
    });
    expect(patched.statusCode).toBe(200);
  });
});
