import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import {
  makeContact,
  makeCustomer,
  makeDepartment,
  makeRole,
  makeUser,
  unique,
} from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
let admin: Agent;
/** A salesperson with scope 本部门, and one of a sibling department. */
let sales: Agent;
let other: Agent;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const [east, west] = [
    await makeDepartment(admin, t.tenant.rootDepartmentId),
    await makeDepartment(admin, t.tenant.rootDepartmentId),
  ];
  const role = await makeRole(
    admin,
    ['customers:view', 'customers:create', 'customers:edit', 'customers:transfer', 'customers:merge'].concat([
      'contacts:view',
      'contacts:create',
      'contacts:edit',
      'contacts:delete',
      'pools:view',
      'pools:release',
    ]),
    { customers: 'department' },
  );
  const [u1, u2] = [
    await makeUser(admin, { departmentId: east.id, roleIds: [role.id] }),
    await makeUser(admin, { departmentId: west.id, roleIds: [role.id] }),
  ];
  sales = await t.login(u1.username);
  other = await t.login(u2.username);
});
afterAll(() => t.close());

const ids = (r: { data: { id: string }[] }) => r.data.map((c) => c.id);

describe('invalidating customers (失效)', () => {
  it('keeps the customer readable and listed, flagged, with the reason and an audit entry', async () => {
    const c = await makeCustomer(sales, { name: unique('已注销贸易公司') });
    const res = await sales.post(`/api/v1/customers/${c.id}/invalidate`, { reason: '企业已注销' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ valid: false, invalidReason: '企业已注销', state: 'active' });
    expect(res.json().invalidatedAt).toEqual(expect.any(String));
    expect(res.json().version).toBeGreaterThan(c.version);

    const q = encodeURIComponent(c.name);
    expect(ids((await sales.get(`/api/v1/customers?q=${q}`)).json())).toEqual([c.id]);
    expect(ids((await sales.get(`/api/v1/customers?q=${q}&valid=false`)).json())).toEqual([c.id]);
    expect(ids((await sales.get(`/api/v1/customers?q=${q}&valid=true`)).json())).toEqual([]);
    const timeline = async () => (await sales.get(`/api/v1/customers/${c.id}/timeline`)).json().data;
    const entries = await timeline();
    expect(entries[0]).toMatchObject({
      action: 'invalidate',
      summary: expect.stringContaining('企业已注销'),
    });
    const history = (await sales.get(`/api/v1/customers/${c.id}/history`)).json().data;
    expect(history.find((h: { field: string }) => h.field === 'valid')).toMatchObject({
      before: true,
      after: false,
    });
    // twice is a no-op, not a second audit entry
    await sales.post(`/api/v1/customers/${c.id}/invalidate`, {});
    expect(await timeline()).toHaveLength(entries.length);
  });

  it('makes it view-only: edits, ownership, contacts and pool moves answer 409 CUSTOMER_INVALID', async () => {
    const c = await makeCustomer(sales, { name: unique('只读客户') });
    const contact = await makeContact(sales, c.id);
    const target = await makeCustomer(sales, { name: unique('合并目标') });
    const invalid = (await sales.post(`/api/v1/customers/${c.id}/invalidate`, {})).json();
    const refused = [
      await sales.patch(`/api/v1/customers/${c.id}`, { version: invalid.version, name: '改名' }),
      await sales.post(`/api/v1/customers/${c.id}/delay`, { until: '2099-01-01' }),
      await sales.post(`/api/v1/customers/${c.id}/share`, {
        departmentIds: [t.tenant.rootDepartmentId],
        access: 'read',
      }),
      await sales.post(`/api/v1/customers/${c.id}/release`, { reason: '不再跟进' }),
      await sales.post(`/api/v1/customers/${target.id}/merge`, { sourceId: c.id }),
      await sales.post('/api/v1/contacts', { customerId: c.id, name: '新联系人' }),
      await sales.patch(`/api/v1/contacts/${contact.id}`, { version: contact.version, title: '经理' }),
      await sales.delete(`/api/v1/contacts/${contact.id}?version=${contact.version}`),
    ];
    for (const res of refused) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'CUSTOMER_INVALID',
        message: expect.stringContaining('失效'),
      });
    }
    const after = (await sales.get(`/api/v1/customers/${c.id}`)).json();
    expect(after).toMatchObject({ name: c.name, version: invalid.version, state: 'active' });
    expect((await sales.get(`/api/v1/customers/${c.id}/contacts`)).json().data).toHaveLength(1);
    // the message is in the caller's language
    const en = await sales
      .with({ 'accept-language': 'en-US' })
      .post('/api/v1/contacts', { customerId: c.id, name: 'x' });
    expect(en.json().message).toMatch(/invalidated/);
  });

  it('restores it: workable again, audited', async () => {
    const c = await makeCustomer(sales, { name: unique('恢复客户') });
    await sales.post(`/api/v1/customers/${c.id}/invalidate`, { reason: '误操作' });
    const restored = await sales.post(`/api/v1/customers/${c.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ valid: true, invalidReason: null, invalidatedAt: null });
    const edited = await sales.patch(`/api/v1/customers/${c.id}`, {
      version: restored.json().version,
      tags: ['重新跟进'],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const history = (await sales.get(`/api/v1/customers/${c.id}/timeline`)).json().data;
    expect(history.map((h: { action: string }) => h.action).slice(0, 3)).toEqual([
      'update',
      'restore',
      'invalidate',
    ]);
  });

  it('in bulk: reports what it could not invalidate (out of scope, a draft), changes the rest', async () => {
    const mine = await makeCustomer(sales, { name: unique('批量失效甲') });
    const mine2 = await makeCustomer(sales, { name: unique('批量失效乙') });
    const draft = await makeCustomer(sales, { name: unique('草稿客户'), draft: true });
    const theirs = await makeCustomer(other, { name: unique('别人的客户') });
    const res = await sales.post('/api/v1/customers/bulk-invalidate', {
      ids: [mine.id, mine2.id, draft.id, theirs.id],
      reason: '重复录入',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().updated).toBe(2);
    expect(res.json().failed).toEqual(
      expect.arrayContaining([
        { id: draft.id, code: 'CONFLICT' },
        { id: theirs.id, code: 'NOT_FOUND' },
      ]),
    );
    expect((await sales.get(`/api/v1/customers/${mine2.id}`)).json()).toMatchObject({
      valid: false,
      invalidReason: '重复录入',
    });
    expect((await other.get(`/api/v1/customers/${theirs.id}`)).json().valid).toBe(true);
    // out of scope is 404 one by one too, and deleting an invalidated customer still works
    expect((await other.post(`/api/v1/customers/${mine.id}/invalidate`, {})).statusCode).toBe(404);
    expect((await other.post(`/api/v1/customers/${mine.id}/restore`)).statusCode).toBe(404);
    const current = (await admin.get(`/api/v1/customers/${mine.id}`)).json();
    expect((await admin.delete(`/api/v1/customers/${mine.id}?version=${current.version}`)).statusCode).toBe(
      200,
    );
  });

  it('refuses a reason over 200 characters and writes nothing', async () => {
    const c = await makeCustomer(sales, { name: unique('原因太长') });
    const res = await sales.post(`/api/v1/customers/${c.id}/invalidate`, { reason: '长'.repeat(201) });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect((await sales.get(`/api/v1/customers/${c.id}`)).json().valid).toBe(true);
  });
});
