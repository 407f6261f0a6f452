import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../test/agent.ts';
import { TEST_PASSWORD } from '../test/fixtures.ts';
import { createTestContext, type TestContext } from '../test/test-app.ts';

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

describe('Cache-Control: no-store on the API', () => {
  it('every signed-in GET of the API (lists, records, the own profile) is no-store', async () => {
    const routes = t.app.routeTable.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/'));
    expect(routes.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const r of routes) {
      const url = r.url.replace(/:(\w+)/g, (_m, name) =>
        name === 'id' || name.endsWith('Id') ? t.tenant.adminId : 'x',
      );
      const res = await admin.get(url);
      if (res.headers['cache-control'] !== 'no-store') missing.push(`${url} ${res.statusCode}`);
    }
    expect(missing).toEqual([]);
    const me = await admin.get(`/api/v1/users/${t.tenant.adminId}`);
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('writes, the sign-in answer and refusals are no-store too; the web app shell keeps its own rule', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/customers' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
    const patch = await admin.patch(`/api/v1/users/${t.tenant.adminId}`, { version: -1 });
    expect(patch.headers['cache-control']).toBe('no-store');
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).headers['cache-control']).toBeUndefined();
  });
});
