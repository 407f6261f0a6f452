import { type DataScope, dataScopes, isScopedModule } from '@guanxi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteInfo } from '../app.ts';
import type { Agent } from './agent.ts';
import { makeDepartment, makeRole, makeUser } from './factories.ts';
import { createTestContext, type TestContext } from './test-app.ts';

/**
 * Reusable authorisation tests. A module plugs in with a few lines:
 *
 *   describePermissionMatrix('customers', (r) => r.url.startsWith('/api/v1/customers'));
 *   describeScopeMatrix({ module: 'customers', permissions: ['customers:view'], listUrl: …, itemUrl: …, createOwned: … });
 */

const fakeId = '01000000-0000-7000-8000-000000000000';
const fill = (url: string) => url.replace(/:[A-Za-z]+/g, fakeId);

/** Every route guarded by a permission: 403 without it, past the guard with only it. */
/** `jobs`: run the job queue too, for modules whose routes enqueue work. */
export function describePermissionMatrix(
  name: string,
  select: (r: RouteInfo) => boolean,
  opts: { jobs?: boolean } = {},
) {
  describe(`permission matrix: ${name}`, () => {
    let t: TestContext;
    let routes: RouteInfo[];
    let nobody: Agent;
    const holders = new Map<string, Agent>();
    beforeAll(async () => {
      t = await createTestContext({}, { jobs: opts.jobs });
      routes = t.app.routeTable.filter((r) => r.config.permission && select(r));
      const admin = await t.admin();
      const bare = await makeRole(admin, []);
      const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [bare.id] });
      nobody = await t.login(u.username);
      for (const permission of new Set(routes.map((r) => r.config.permission!))) {
        const module = permission.split(':')[0];
        const role = await makeRole(admin, [permission], isScopedModule(module) ? { [module]: 'all' } : {});
        const holder = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
        holders.set(permission, await t.login(holder.username));
      }
    });
    afterAll(() => t.close());

    it('has routes to check', () => {
      expect(routes.length).toBeGreaterThan(0);
    });

    it('answers 403 FORBIDDEN to a user without the permission, for every route', async () => {
      for (const r of routes) {
        const res = await nobody.request(
          r.method as 'GET',
          fill(r.url),
          r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        );
        expect({ route: `${r.method} ${r.url}`, status: res.statusCode, code: res.json().code }).toEqual({
          route: `${r.method} ${r.url}`,
          status: 403,
          code: 'FORBIDDEN',
        });
      }
    });

    it('lets a holder of exactly that permission past the guard, for every route', async () => {
      for (const r of routes) {
        const agent = holders.get(r.config.permission!)!;
        const res = await agent.request(
          r.method as 'GET',
          fill(r.url),
          r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        );
        expect({ route: `${r.method} ${r.url}`, forbidden: res.statusCode === 403 }).toEqual({
          route: `${r.method} ${r.url}`,
          forbidden: false,
        });
        expect(res.statusCode).toBeLessThan(500);
      }
    });
  });
}

/** The people of the scope matrix, relative to the viewer `me`. */
export type ScopeCast = 'me' | 'sub' | 'subsub' | 'peer' | 'child' | 'stranger';
export type CastMember = { id: string; departmentId: string; username: string };

/** Who each scope must see: `sub`/`subsub` report to `me` but sit elsewhere; `child` is in a sub-department. */
export const expectedVisible: Record<DataScope, ScopeCast[]> = {
  own: ['me'],
  own_and_subordinates: ['me', 'sub', 'subsub'],
  department: ['me', 'peer'],
  department_and_children: ['me', 'peer', 'child'],
  all: ['me', 'sub', 'subsub', 'peer', 'child', 'stranger'],
};

export type ScopeFixture = {
  module: string;
  /** Permissions the viewer's role holds (at least the module's view). */
  permissions: string[];
  listUrl: string;
  itemUrl: (id: string) => string;
  /** Creates one record owned by `owner`, returns its id. */
  createOwned: (ctx: { t: TestContext; admin: Agent }, owner: CastMember) => Promise<string>;
};

/** Lists and look-ups by id of a module, under each of the five scopes, for a fixed cast of owners. */
export function describeScopeMatrix(f: ScopeFixture) {
  describe(`data-scope matrix: ${f.module}`, () => {
    let t: TestContext;
    let admin: Agent;
    let me: Agent;
    let role: { id: string; version: number };
    const records = new Map<ScopeCast, string>();

    beforeAll(async () => {
      t = await createTestContext();
      admin = await t.admin();
      const a = await makeDepartment(admin, t.tenant.rootDepartmentId);
      const a1 = await makeDepartment(admin, a.id);
      const b = await makeDepartment(admin, t.tenant.rootDepartmentId);
      role = await makeRole(admin, f.permissions, { [f.module]: 'own' });
      const cast = {} as Record<ScopeCast, CastMember>;
      const add = async (key: ScopeCast, departmentId: string, supervisor?: ScopeCast) => {
        const u = await makeUser(admin, {
          departmentId,
          roleIds: [role.id],
          supervisorId: supervisor && cast[supervisor].id,
        });
        cast[key] = { id: u.id, departmentId, username: u.username };
      };
      await add('me', a.id);
      await add('sub', b.id, 'me');
      await add('subsub', b.id, 'sub');
      await add('peer', a.id);
      await add('child', a1.id);
      await add('stranger', b.id);
      for (const key of Object.keys(cast) as ScopeCast[])
        records.set(key, await f.createOwned({ t, admin }, cast[key]));
      me = await t.login(cast.me.username);
    });
    afterAll(() => t.close());

    async function visibleIds(): Promise<Set<string>> {
      const ids = new Set<string>();
      for (let page = 1; page <= 50; page++) {
        const sep = f.listUrl.includes('?') ? '&' : '?';
        const res = await me.get(`${f.listUrl}${sep}page=${page}&pageSize=100`);
        expect(res.statusCode).toBe(200);
        const body = res.json();
        for (const row of body.data) ids.add(row.id);
        if (body.data.length < 100) break;
      }
      return ids;
    }

    for (const scope of dataScopes) {
      it(`scope ${scope}: the list and look-ups by id show exactly ${expectedVisible[scope].join(', ')}`, async () => {
        const res = await admin.patch(`/api/v1/roles/${role.id}`, {
          version: role.version,
          dataScopes: { [f.module]: scope },
        });
        expect(res.statusCode).toBe(200);
        role = res.json();
        const listed = await visibleIds();
        for (const [key, id] of records) {
          const shouldSee = expectedVisible[scope].includes(key);
          expect({ who: key, listed: listed.has(id) }).toEqual({ who: key, listed: shouldSee });
          const one = await me.get(f.itemUrl(id));
          expect({ who: key, status: one.statusCode }).toEqual({ who: key, status: shouldSee ? 200 : 404 });
        }
      });
    }
  });
}
