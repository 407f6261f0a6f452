import { allPermissions } from '@guanxi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

describe('roles', () => {
  it('seeds the six default roles for every tenant', async () => {
    const roles = (await admin.get('/api/v1/roles')).json().data;
    expect(
      roles
        .map((r: { code: string }) => r.code)
        .filter(Boolean)
        .sort(),
    ).toEqual(['account_manager', 'admin', 'executive', 'marketing', 'sales_supervisor', 'service']);
    const adminRole = roles.find((r: { code: string }) => r.code === 'admin');
    expect(adminRole.permissions.sort()).toEqual([...allPermissions].sort());
    expect(roles.find((r: { code: string }) => r.code === 'account_manager').dataScopes.users).toBe('own');
  });

  it('starts the default roles with the modules’ field rules: sellers do not see cost or margin', async () => {
    const roles = (await admin.get('/api/v1/roles')).json().data as {
      code: string;
      fieldPermissions: Record<string, Record<string, string>>;
    }[];
    const of = (code: string) => roles.find((r) => r.code === code)!.fieldPermissions;
    expect(of('account_manager')).toMatchObject({
      products: { cost: 'hidden' },
      quotes: { cost: 'hidden', margin: 'hidden' },
      orders: { cost: 'hidden', margin: 'hidden' },
    });
    expect(of('service')).toMatchObject({ products: { cost: 'hidden' }, orders: { cost: 'hidden' } });
    expect(of('sales_supervisor')).toEqual({});
    expect(of('admin')).toEqual({});
    // and they hold: a seller reads a product without its cost
    const seller = await makeUser(admin, {
      departmentId: t.tenant.rootDepartmentId,
      roleIds: [t.tenant.roleIds.account_manager],
    });
    const product = await admin.post('/api/v1/products', {
      code: unique('C').replace(/[^A-Za-z0-9]/g, ''),
      name: unique('产品'),
      listPrice: '10',
      cost: '6',
    });
    expect(product.statusCode, product.body).toBe(201);
    const seen = (await (await t.login(seller.username)).get(`/api/v1/products/${product.json().id}`)).json();
    expect(seen.listPrice).toBe('10.00');
    expect('cost' in seen).toBe(false);
  });

  it('creates a role with permissions, a scope per module and field permissions', async () => {
    const res = await admin.post('/api/v1/roles', {
      name: unique('区域经理'),
      permissions: ['users:view', 'users:edit'],
      dataScopes: { users: 'department_and_children' },
      fieldPermissions: { users: { phone: 'masked' } },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      dataScopes: { users: 'department_and_children' },
      fieldPermissions: { users: { phone: 'masked' } },
    });
  });

  it('rejects unknown permissions, scopes, modules and fields', async () => {
    const bad = [
      { permissions: ['users:fly'] },
      { dataScopes: { users: 'everyone' } },
      { dataScopes: { roles: 'all' } },
      { fieldPermissions: { users: { password: 'read' } } },
      { fieldPermissions: { users: { phone: 'secret' } } },
    ];
    for (const body of bad) {
      const res = await admin.post('/api/v1/roles', { name: unique('r'), ...body });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('role changes apply to the holders at their next request', async () => {
    const role = await makeRole(admin, ['users:view'], { users: 'own' });
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const agent = await t.login(u.username);
    expect((await agent.get('/api/v1/users')).json().total).toBe(1);
    await admin.patch(`/api/v1/roles/${role.id}`, { version: role.version, permissions: [] });
    expect((await agent.get('/api/v1/users')).statusCode).toBe(403);
  });

  it('deletes only unused roles; the admin role can be neither deleted nor stripped', async () => {
    const role = await makeRole(admin, ['users:view']);
    const u = await makeUser(
      admin,
      { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] },
      { activate: false },
    );
    const inUse = await admin.delete(`/api/v1/roles/${role.id}?version=${role.version}`);
    expect(inUse.json().code).toBe('ROLE_IN_USE');
    const fresh = (await admin.get(`/api/v1/users/${u.id}`)).json();
    await admin.patch(`/api/v1/users/${u.id}`, { version: fresh.version, roleIds: [] });
    expect((await admin.delete(`/api/v1/roles/${role.id}?version=${role.version}`)).statusCode).toBe(200);

    const adminRole = (await admin.get(`/api/v1/roles/${t.tenant.roleIds.admin}`)).json();
    expect(
      (await admin.delete(`/api/v1/roles/${adminRole.id}?version=${adminRole.version}`)).json().code,
    ).toBe('SYSTEM_ROLE');
    expect(
      (
        await admin.patch(`/api/v1/roles/${adminRole.id}`, {
          version: adminRole.version,
          permissions: ['users:view'],
        })
      ).json().code,
    ).toBe('SYSTEM_ROLE');
  });

  it('lists the permission catalogue for the matrix UI', async () => {
    const catalogue = (await admin.get('/api/v1/permissions')).json().modules;
    expect(catalogue).toContainEqual({
      module: 'users',
      actions: ['view', 'create', 'edit', 'delete'],
      scoped: true,
      fields: ['phone', 'email', 'employeeCode'],
    });
  });
});
