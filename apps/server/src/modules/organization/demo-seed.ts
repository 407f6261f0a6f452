import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { demoDepartments, demoUsers } from './demo-data.ts';
import { departments, userRoles, users } from './schema.ts';

/** Departments and people of the demo company; demo users sign in with the admin's first password. */
export async function seedDemoOrganization(db: Db, demo: DemoTenant) {
  const { tenantId, rootDepartmentId: rootId, roleIds, password } = demo;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const ids: Record<string, { id: string; path: string }> = { root: { id: rootId, path: `/${rootId}/` } };
    for (const [i, d] of demoDepartments.entries()) {
      const id = uuidv7();
      const parent = ids[d.parent ?? 'root'];
      ids[d.key] = { id, path: `${parent.path}${id}/` };
      await tx
        .insert(departments)
        .values({ id, tenantId, parentId: parent.id, name: d.name, path: ids[d.key].path, sortOrder: i });
    }
    const userIds: Record<string, string> = {};
    for (const u of demoUsers) {
      userIds[u.username] = uuidv7();
      await tx.insert(users).values({
        id: userIds[u.username],
        tenantId,
        username: u.username,
        name: u.name,
        departmentId: ids[u.department].id,
        supervisorId: u.supervisor ? userIds[u.supervisor] : null,
        jobTitle: u.jobTitle,
        phone: u.phone,
        email: `${u.username}@demo.guanxi.local`,
        employeeCode: u.employeeCode,
        passwordHash,
      });
      await tx.insert(userRoles).values({ tenantId, userId: userIds[u.username], roleId: roleIds[u.role] });
    }
    // The admin reports to nobody but gets the head office's employee code series.
    await tx
      .update(users)
      .set({ employeeCode: 'GX0000' })
      .where(and(eq(users.tenantId, tenantId), eq(users.username, 'admin')));
  });
}
