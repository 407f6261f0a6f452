import { Agent } from './agent.ts';
import { TEST_PASSWORD } from './fixtures.ts';

/** What the factories hand back: the created record as the API answered it. */
export type Created = {
  id: string;
  version: number;
  username: string;
  name: string;
  [field: string]: unknown;
};

let seq = 0;
/** A short unique suffix, so tests in one file never collide on names. */
export const unique = (prefix = 'x') =>
  `${prefix}${Date.now().toString(36).slice(-4)}${(seq++).toString(36)}`;

async function ok(res: { statusCode: number; body: string; json(): unknown }, expected: number) {
  if (res.statusCode !== expected)
    throw new Error(`expected ${expected}, got ${res.statusCode}: ${res.body}`);
  return res.json() as Created;
}

export async function makeDepartment(admin: Agent, parentId: string, name = unique('部门')) {
  return ok(await admin.post('/api/v1/departments', { name, parentId }), 201);
}

export async function makeRole(
  admin: Agent,
  permissions: string[],
  dataScopes: Record<string, string> = {},
  extra = {},
) {
  return ok(
    await admin.post('/api/v1/roles', { name: unique('角色'), permissions, dataScopes, ...extra }),
    201,
  );
}

/** Creates a user through the API and, unless told otherwise, completes the forced password change. */
export async function makeUser(
  admin: Agent,
  values: {
    departmentId: string;
    roleIds?: string[];
    supervisorId?: string;
    username?: string;
    name?: string;
    phone?: string;
    email?: string;
  },
  opts: { activate?: boolean } = {},
) {
  const username = values.username ?? unique('u');
  const user = await ok(
    await admin.post('/api/v1/users', {
      username,
      name: values.name ?? `测试${username}`,
      password: 'Initial123',
      departmentId: values.departmentId,
      roleIds: values.roleIds ?? [],
      supervisorId: values.supervisorId,
      phone: values.phone,
      email: values.email,
    }),
    201,
  );
  if (opts.activate !== false) {
    const agent = await Agent.login(admin.app, username, 'Initial123');
    await ok(
      await agent.post('/api/v1/auth/change-password', {
        currentPassword: 'Initial123',
        newPassword: TEST_PASSWORD,
      }),
      200,
    );
  }
  return user;
}

/** Creates an active customer (or a draft) through the API; `force` skips the duplicate check where allowed. */
export async function makeCustomer(agent: Agent, values: Record<string, unknown> = {}) {
  return ok(await agent.post('/api/v1/customers', { name: unique('客户'), force: true, ...values }), 201);
}

export async function makeContact(agent: Agent, customerId: string, values: Record<string, unknown> = {}) {
  return ok(await agent.post('/api/v1/contacts', { customerId, name: unique('联系人'), ...values }), 201);
}
