import { sql } from 'drizzle-orm';
import type { Db } from '../../apps/server/src/db/client.ts';
import { departments, userRoles, users } from '../../apps/server/src/modules/organization/schema.ts';
import { hashPassword } from '../../apps/server/src/platform/auth/passwords.ts';
import { uuidv7 } from '../../apps/server/src/platform/ids.ts';
import { insertInBatches } from './batch.ts';
import { pad, personName, rng } from './random.ts';
import type { BenchTenant } from './tenant.ts';

export type OrganizationOptions = {
  /** Departments below the tenant's root, in a breadth-first tree. */
  departments: number;
  /** Users besides `admin`, spread evenly over those departments. */
  users: number;
  /** Children per department (tree shape): 6 → 200 departments are 3 levels deep. */
  fanout?: number;
  seed?: number;
  /** Every generated user signs in with this (one argon2 hash for all). Default: the tenant's. */
  password?: string;
  batchSize?: number;
};

export type GeneratedDepartment = { id: string; parentId: string; path: string; depth: number };
export type GeneratedUser = {
  id: string;
  username: string;
  departmentId: string;
  supervisorId: string;
  role: string;
};

export type Organization = {
  departments: GeneratedDepartment[];
  users: GeneratedUser[];
  /** One user per department heads it (role sales_supervisor); the others report to the head. */
  heads: Map<string, string>;
};

const units = [
  '华东',
  '华南',
  '华北',
  '华中',
  '西南',
  '西北',
  '东北',
  '上海',
  '北京',
  '深圳',
  '成都',
  '杭州',
];
const kinds = ['销售部', '大客户部', '渠道部', '市场部', '客服部', '销售一组', '销售二组'];
const titles = ['客户经理', '高级客户经理', '销售代表', '市场专员', '客服专员', '销售助理'];

/**
 * Departments in a tree under the tenant's root and users spread over them, with supervisors:
 * each department's first user heads it and reports to the head of the parent department (the
 * admin at the top); the others report to their head. Roles: heads `sales_supervisor`, others
 * mostly `account_manager`, some `marketing` / `service`. Usernames `u000001…`, all with one
 * password. Returns the ids so later generators (customers, …) can assign owners.
 */
export async function generateOrganization(
  db: Db,
  tenant: BenchTenant,
  opts: OrganizationOptions,
): Promise<Organization> {
  const r = rng(opts.seed ?? 1);
  const fanout = opts.fanout ?? 6;
  const batch = opts.batchSize ?? 1000;
  const tenantId = tenant.tenant.id;
  const rootId = tenant.rootDepartmentId;

  // Department i (1-based) hangs under department floor((i - 1) / fanout); 0 is the root.
  const tree: GeneratedDepartment[] = [{ id: rootId, parentId: '', path: `/${rootId}/`, depth: 0 }];
  const siblings = new Map<string, number>();
  const deptRows: (typeof departments.$inferInsert)[] = [];
  for (let i = 1; i <= opts.departments; i++) {
    const parent = tree[Math.floor((i - 1) / fanout)];
    const id = uuidv7();
    const d = { id, parentId: parent.id, path: `${parent.path}${id}/`, depth: parent.depth + 1 };
    tree.push(d);
    const order = siblings.get(parent.id) ?? 0;
    siblings.set(parent.id, order + 1);
    deptRows.push({
      id,
      tenantId,
      parentId: parent.id,
      name: `${r.pick(units)}${r.pick(kinds)}${pad(i, 3)}`,
      path: d.path,
      sortOrder: order,
    });
  }
  await insertInBatches(deptRows, (chunk) => db.insert(departments).values(chunk), batch);

  const depts = tree.slice(1);
  if (depts.length === 0 && opts.users > 0) throw new Error('users need at least one department');
  const passwordHash = await hashPassword(opts.password ?? tenant.password);
  const width = Math.max(6, String(opts.users).length);
  const heads = new Map<string, string>([[rootId, tenant.adminId]]);
  const byIndex = new Map(tree.map((d) => [d.id, d]));
  const generated: GeneratedUser[] = [];
  const userRows: (typeof users.$inferInsert)[] = [];
  const roleRows: (typeof userRoles.$inferInsert)[] = [];
  // Round robin, departments in breadth-first order: every head exists before its subordinates.
  for (let n = 0; n < opts.users; n++) {
    const dept = depts[n % depts.length];
    const id = uuidv7();
    const isHead = !heads.has(dept.id);
    const supervisorId = isHead ? heads.get(byIndex.get(dept.id)!.parentId)! : heads.get(dept.id)!;
    if (isHead) heads.set(dept.id, id);
    const role = isHead
      ? 'sales_supervisor'
      : r.chance(0.1)
        ? 'marketing'
        : r.chance(0.05)
          ? 'service'
          : 'account_manager';
    const username = `u${pad(n + 1, width)}`;
    generated.push({ id, username, departmentId: dept.id, supervisorId, role });
    userRows.push({
      id,
      tenantId,
      username,
      name: personName(r),
      phone: `1${pad(3_800_000_000 + n, 10)}`,
      email: `${username}@bench.guanxi.local`,
      employeeCode: `BX${pad(n + 1, Math.max(4, width))}`,
      departmentId: dept.id,
      supervisorId,
      jobTitle: isHead ? '销售主管' : r.pick(titles),
      passwordHash,
    });
    roleRows.push({ tenantId, userId: id, roleId: tenant.roleIds[role] });
  }
  await insertInBatches(userRows, (chunk) => db.insert(users).values(chunk), batch);
  await insertInBatches(roleRows, (chunk) => db.insert(userRoles).values(chunk), batch * 4);
  // Planner statistics, as a long-running database would have them.
  await db.execute(sql`ANALYZE departments, users, user_roles`);
  heads.delete(rootId);
  return { departments: depts, users: generated, heads };
}
