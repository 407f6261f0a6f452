import { request } from 'playwright-core';
import { expect, inject } from 'vitest';
import type { Api } from './api.ts';

/** The password of users made by `newUser` (they have set it themselves: no forced change). */
export const NEW_USER_PASSWORD = 'Journey123';

type NewUser = { id: string; username: string; name: string; password: string };

/**
 * A user of the journey's own, in the head office with the 客户经理 role (or `roleCode`, or the
 * role `roleId`), who has already set a password of their own, so a sign-in goes straight in.
 * Journeys that change a user's settings (TOTP, lockout, column preferences) use one, never a
 * demo person another journey might sign in as.
 */
export async function newUser(
  api: Api,
  username: string,
  name: string,
  options: { roleCode?: string; roleId?: string; departmentId?: string } = {},
): Promise<NewUser> {
  const roles = (await api.get('/roles')).data as { id: string; code: string | null }[];
  const role = roles.find((r) => r.code === (options.roleCode ?? 'account_manager'));
  const departments = (await api.get('/departments')).data as { id: string; parentId: string | null }[];
  const departmentId = options.departmentId ?? departments.find((d) => !d.parentId)?.id;
  const user = (await api.post('/users', {
    username,
    name,
    password: 'Initial123',
    departmentId,
    roleIds: options.roleId ? [options.roleId] : role ? [role.id] : [],
  })) as { id: string };

  // the first sign-in must change the password: done here, in a request context of its own (the
  // page's cookies stay the admin's)
  const own = await request.newContext({ baseURL: inject('baseURL') });
  try {
    const login = await own.post('/api/v1/auth/login', { data: { username, password: 'Initial123' } });
    const { csrfToken } = await login.json();
    const changed = await own.post('/api/v1/auth/change-password', {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { currentPassword: 'Initial123', newPassword: NEW_USER_PASSWORD },
    });
    expect(changed.status(), await changed.text()).toBe(200);
  } finally {
    await own.dispose();
  }
  return { id: user.id, username, name, password: NEW_USER_PASSWORD };
}
