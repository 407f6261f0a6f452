import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { syncDefaultRoles } from './default-roles-sync.ts';

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

/** Puts a seeded role back where an older release left it: its seed did not grant `permission` yet. */
async function asSeededBefore(roleId: string, permission: string, dropScope?: string) {
  await t.database.db.execute(sql`UPDATE roles SET
    permissions = array_remove(permissions, ${permission}),
    seeded_permissions = array_remove(seeded_permissions, ${permission}),
    data_scopes = data_scopes - ${dropScope ?? ''}::text
    WHERE id = ${roleId}`);
}

const roleAuditEntries = async (roleId: string) =>
  (await admin.get(`/api/v1/audit-logs?entity=roles&entityId=${roleId}`)).json().data;

const snapshot = async () =>
  (
    await t.database.db.execute(
      sql`SELECT id, permissions, seeded_permissions, data_scopes, version, updated_at::text AS at
        FROM roles ORDER BY id`,
    )
  ).rows;
const auditRows = async () =>
  Number((await t.database.db.execute(sql`SELECT count(*)::int AS n FROM audit_logs`)).rows[0].n);

describe('default roles sync', () => {
  it('gives seeded roles of every tenant what the seed grants now and did not before, audited', async () => {
    const manager = t.tenant.roleIds.account_manager;
    const supervisor = t.other.roleIds.sales_supervisor;
    await asSeededBefore(manager, 'contacts:delete', 'customers');
    // an admin's own choice of scope for a module the role already has an entry for
    await t.database.db.execute(
      sql`UPDATE roles SET data_scopes = data_scopes || '{"users":"all"}' WHERE id = ${manager}`,
    );
    await asSeededBefore(supervisor, 'pools:release');
    const before = (await admin.get(`/api/v1/roles/${manager}`)).json();
    expect(before.permissions).not.toContain('contacts:delete');
    expect(before.dataScopes.customers).toBeUndefined();

    expect(await syncDefaultRoles(t.database.db)).toBe(2);

    const after = (await admin.get(`/api/v1/roles/${manager}`)).json();
    expect(after.permissions).toContain('contacts:delete');
    expect(after.dataScopes).toMatchObject({ customers: 'own', users: 'all' });
    expect(after.version).toBe(before.version + 1);
    const [entry] = await roleAuditEntries(manager);
    expect(entry).toMatchObject({ action: 'update', userName: 'system', userId: null });
    expect(entry.changes.permissions[1]).toContain('contacts:delete');
    expect(entry.changes.dataScopes[1]).toMatchObject({ customers: 'own' });

    const otherAdmin = await t.login('admin', undefined, 'other');
    const synced = (await otherAdmin.get(`/api/v1/roles/${supervisor}`)).json();
    expect(synced.permissions).toContain('pools:release');
  });

  it('reaches holders of the role at their next request', async () => {
    const manager = t.tenant.roleIds.account_manager;
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [manager] });
    await asSeededBefore(manager, 'contacts:edit');
    const holder = await t.login(u.username);
    expect((await holder.get('/api/v1/auth/me')).json().permissions).not.toContain('contacts:edit');
    await syncDefaultRoles(t.database.db);
    await expect
      .poll(async () => (await holder.get('/api/v1/auth/me')).json().permissions, { timeout: 3000 })
      .toContain('contacts:edit');
  });

  it('does not grant again a permission an admin removed after the seed granted it', async () => {
    const id = t.tenant.roleIds.marketing;
    const role = (await admin.get(`/api/v1/roles/${id}`)).json();
    expect(role.permissions).toContain('customers:create');
    const edited = await admin.patch(`/api/v1/roles/${id}`, {
      version: role.version,
      permissions: role.permissions.filter((p: string) => p !== 'customers:create'),
    });
    expect(edited.statusCode).toBe(200);
    await syncDefaultRoles(t.database.db);
    const after = (await admin.get(`/api/v1/roles/${id}`)).json();
    expect(after.permissions).not.toContain('customers:create');
    expect(after.version).toBe(edited.json().version);
  });

  it('leaves custom roles alone', async () => {
    const custom = await makeRole(admin, ['users:view']);
    await syncDefaultRoles(t.database.db);
    const after = (await admin.get(`/api/v1/roles/${custom.id}`)).json();
    expect(after).toMatchObject({ code: null, permissions: ['users:view'], dataScopes: {} });
    expect(after.version).toBe(custom.version);
    expect(await roleAuditEntries(custom.id)).toHaveLength(1); // its creation only
  });

  it('changes nothing when run again', async () => {
    await asSeededBefore(t.tenant.roleIds.service, 'contacts:view', 'users');
    expect(await syncDefaultRoles(t.database.db)).toBe(1);
    const roles = await snapshot();
    const audits = await auditRows();
    expect(await syncDefaultRoles(t.database.db)).toBe(0);
    expect(await snapshot()).toEqual(roles);
    expect(await auditRows()).toBe(audits);
  });
});
