import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeUser, unique } from '../../test/factories.ts';
import { TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createTenant } from './tenants-service.ts';
import { resetPasswordByOperator } from './users-service.ts';

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

const createUser = (username: string, password: string) =>
  admin.post('/api/v1/users', { username, name: '罗斌', password, departmentId: t.tenant.rootDepartmentId });

const refusal = async (error: Promise<unknown>) => {
  try {
    await error;
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'accepted';
};

describe('password policy: not the username inside, not a common password', () => {
  it('user create refuses a password containing the username, in any case, with a localised message', async () => {
    const username = unique('luobin').toLowerCase();
    for (const password of [`${username}123`, `X9${username.toUpperCase()}`, `2026${username}!`]) {
      const res = await createUser(username, password);
      expect(res.statusCode, password).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'PASSWORD_HAS_USERNAME',
        message: '密码不能包含用户名',
        details: [{ path: 'password' }],
      });
    }
    const en = await admin.with({ 'accept-language': 'en-US' }).post('/api/v1/users', {
      username,
      name: 'x',
      password: `${username}123`,
      departmentId: t.tenant.rootDepartmentId,
    });
    expect(en.json().message).toBe('The password must not contain the username');
    expect((await createUser(username, 'Lb-2026-xy')).statusCode).toBe(201);
  });

  it('refuses the commonest passwords that the other rules let through (password1, Qwerty123, woaini1314 …)', async () => {
    for (const password of [
      'password1',
      'Password1',
      'QWERTY123',
      'abcd1234',
      '1qaz2wsx',
      'woaini1314',
      'a123456789',
    ]) {
      const res = await createUser(unique('u'), password);
      expect(res.statusCode, password).toBe(400);
      expect(res.json().code, password).toBe('PASSWORD_TOO_COMMON');
    }
    const en = await admin.with({ 'accept-language': 'en-US' }).post('/api/v1/users', {
      username: unique('u'),
      name: 'x',
      password: 'password1',
      departmentId: t.tenant.rootDepartmentId,
    });
    expect(en.json().message).toMatch(/most common passwords/);
  });

  it('applies to the admin reset, the own change, a new tenant and the CLI reset', async () => {
    const user = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
    const name = user.username as string;
    const current = (await admin.get(`/api/v1/users/${user.id}`)).json();

    const reset = (password: string) =>
      admin.post(`/api/v1/users/${user.id}/reset-password`, { version: current.version, password });
    expect((await reset(`Zz${name.toUpperCase()}2026`)).json().code).toBe('PASSWORD_HAS_USERNAME');
    expect((await reset('trustno1')).json().code).toBe('PASSWORD_TOO_COMMON');

    const self = await t.login(name, TEST_PASSWORD);
    const change = (newPassword: string) =>
      self.post('/api/v1/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword });
    const own = await change(`a1${name}2026`);
    expect(own.json()).toMatchObject({ code: 'PASSWORD_HAS_USERNAME', details: [{ path: 'newPassword' }] });
    expect((await change('qwerty123')).json().code).toBe('PASSWORD_TOO_COMMON');

    expect(await refusal(resetPasswordByOperator(t.database.db, t.tenant.id, name, `${name}Zz99`))).toBe(
      'PASSWORD_HAS_USERNAME',
    );
    expect(await refusal(resetPasswordByOperator(t.database.db, t.tenant.id, name, 'Password1'))).toBe(
      'PASSWORD_TOO_COMMON',
    );

    const tenant = (adminPassword: string) =>
      createTenant(t.database.db, {
        code: unique('t')
          .toLowerCase()
          .replace(/[^a-z0-9-]/g, '')
          .slice(0, 30),
        name: '新租户',
        adminPassword,
        mustChangePassword: false,
      });
    expect(await refusal(tenant('MyAdmin2026'))).toBe('PASSWORD_HAS_USERNAME');
    expect(await refusal(tenant('password1'))).toBe('PASSWORD_TOO_COMMON');
  });
});
