import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../test/agent.ts';
import { makeContact, makeCustomer, makeDepartment, makeRole, makeUser } from '../test/factories.ts';
import { createTestContext, type TestContext } from '../test/test-app.ts';

let t: TestContext;
let acme: Agent;
let other: Agent;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestContext();
  acme = await t.admin();
  other = await t.login('admin', undefined, 'other');
  const d = await makeDepartment(acme, t.tenant.rootDepartmentId);
  const r = await makeRole(acme, ['users:view']);
  const u = await makeUser(acme, { departmentId: d.id, roleIds: [r.id] });
  await t.login(u.username);
  const token = (await acme.post('/api/v1/api-tokens', { name: 'acme' })).json();
  const session = (await acme.get('/api/v1/sessions')).json().data[0];
  const customer = await makeCustomer(acme);
  const contact = await makeContact(acme, customer.id);
  const pool = (
    await acme.post('/api/v1/pools', {
      name: 'acme 公海',
      departmentIds: [],
      recycleNoFollowUpDays: null,
      recycleNoDealDays: null,
      remindDaysBefore: null,
      holdLimit: null,
      dailyClaimLimit: null,
      cooldownDays: null,
    })
  ).json();
  const item = (await acme.post('/api/v1/dictionaries/industry/items', { name: 'acme 行业' })).json();
  Object.assign(ids, {
    department: d.id,
    role: r.id,
    user: u.id,
    token: token.id,
    session: session.id,
    customer: customer.id,
    contact: contact.id,
    pool: pool.id,
    dictionaryItem: item.id,
  });
});
afterAll(() => t.close());

const fill = (url: string, id: string) => url.replace(/:[A-Za-z]+/g, id);

describe('tenant isolation', () => {
  it('every route with an id answers 404 to another tenant’s admin for every acme record', async () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && r.url.includes(':id'));
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) {
      for (const [kind, id] of Object.entries(ids)) {
        const body =
          r.method === 'GET' || r.method === 'DELETE'
            ? undefined
            : { version: 1, name: 'x', password: 'Hacked12345' };
        const url = `${fill(r.url, id)}${r.method === 'DELETE' ? '?version=1' : ''}`;
        const res = await other.request(r.method as 'GET', url, body);
        // 404 for look-ups; 400 where the body is invalid for that route — never a success, never someone else's data.
        expect({ route: `${r.method} ${r.url}`, kind, ok: res.statusCode < 300 }).toEqual({
          route: `${r.method} ${r.url}`,
          kind,
          ok: false,
        });
        expect(res.body).not.toContain(id);
      }
    }
    // and the acme records are untouched
    expect((await acme.get(`/api/v1/departments/${ids.department}`)).statusCode).toBe(200);
    expect((await acme.get(`/api/v1/users/${ids.user}`)).json().status).toBe('active');
  });

  it('lists of the other tenant contain nothing of acme', async () => {
    for (const url of [
      '/api/v1/users?pageSize=100',
      '/api/v1/departments',
      '/api/v1/roles',
      '/api/v1/audit-logs?pageSize=100',
      '/api/v1/sessions?userId=all',
      '/api/v1/api-tokens',
      '/api/v1/customers?pageSize=100',
      '/api/v1/contacts?pageSize=100',
      '/api/v1/pools',
      '/api/v1/dictionaries/industry/items',
    ]) {
      const res = await other.get(url);
      expect(res.statusCode).toBe(200);
      for (const id of Object.values(ids)) expect(res.body).not.toContain(id);
      expect(res.body).not.toContain(t.tenant.adminId);
    }
    expect((await other.get(`/api/v1/users?departmentId=${ids.department}`)).json().total).toBe(0);
  });

  it('another tenant cannot attach acme departments, roles or supervisors to its users', async () => {
    const base = {
      username: 'crossuser',
      name: 'x',
      password: 'Initial123',
      departmentId: t.other.rootDepartmentId,
    };
    expect((await other.post('/api/v1/users', { ...base, departmentId: ids.department })).statusCode).toBe(
      400,
    );
    expect((await other.post('/api/v1/users', { ...base, roleIds: [ids.role] })).statusCode).toBe(400);
    expect((await other.post('/api/v1/users', { ...base, supervisorId: ids.user })).statusCode).toBe(400);
    expect(
      (await other.post('/api/v1/departments', { name: 'x', parentId: ids.department })).statusCode,
    ).toBe(400);
  });
});
