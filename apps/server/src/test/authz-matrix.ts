import {
  type DataScope,
  dataScopes,
  isScopedModule,
  type Permission,
  type ScopedModule,
} from '@guanxi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteInfo } from '../platform/http.ts';
import type { Agent } from './agent.ts';
import { makeDepartment, makeRole, makeUser } from './factories.ts';
import { createTestContext, type TestContext } from './test-app.ts';

/**
 * The authorisation harness. Every module with guarded routes or a data scope states its matrices
 * as data in `modules/<m>/authz.ts` and runs them from one of its test files:
 *
 *   // modules/pools/authz.ts
 *   export const authz: ModuleAuthz = {
 *     permissions: [{ name: 'pools', routes: (r) => r.url.startsWith('/api/v1/pools') }],
 *     scopes: [],
 *   };
 *   // modules/pools/pools.test.ts
 *   describeAuthz(authz);
 *
 * `test/authz-coverage.test.ts` fails when a guarded route is selected by no permission matrix, a
 * scoped module has no scope matrix, or an `authz.ts` is run by no test file. Each matrix checks
 * all its routes / cast members and reports every mismatch in one failure.
 */

/** Routes of one module checked together: 403 without their permission, past the guard with only it. */
export type PermissionMatrix = {
  name: string;
  /** Picks the module's routes from the route table (only those with a `permission` count). */
  routes: (r: RouteInfo) => boolean;
  /** Run the job queue too, for modules whose routes enqueue work. */
  jobs?: boolean;
};

/** What `modules/<m>/authz.ts` exports as `authz`. */
export type ModuleAuthz = { permissions: PermissionMatrix[]; scopes: ScopeFixture[] };

/** Runs every matrix a module states. */
export function describeAuthz(authz: ModuleAuthz) {
  for (const m of authz.permissions) describePermissionMatrix(m.name, m.routes, { jobs: m.jobs });
  for (const f of authz.scopes) describeScopeMatrix(f);
}

/** A route guarded by a permission. */
export type GuardedRoute = RouteInfo & { config: { permission: Permission } };
type RouteLike = { method: string; url: string; config: { permission?: string } };
/** The routes of a route table that need a permission. */
export const guardedRoutes = (table: readonly RouteLike[]) =>
  table.filter((r): r is GuardedRoute => Boolean(r.config.permission));

export const routeName = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/** What a route answered in a matrix. */
export type Answer = { route: string; status: number; code?: string };

const said = (a: Answer) => `${a.route}: ${a.status}${a.code ? ` ${a.code}` : ''}`;

/** Answers of a caller without the permission that are not 403 FORBIDDEN, all of them. */
export const notForbidden = (answers: Answer[]) =>
  answers
    .filter((a) => a.status !== 403 || a.code !== 'FORBIDDEN')
    .map((a) => `${said(a)} (expected 403 FORBIDDEN)`);

/** Answers of a holder of exactly the permission that stopped at the guard or broke, all of them. */
export const notLetThrough = (answers: Answer[]) =>
  answers
    .filter((a) => a.status === 403 || a.status >= 500)
    .map((a) => `${said(a)} (expected past the guard, below 500)`);

const fakeId = '01000000-0000-7000-8000-000000000000';
const fill = (url: string) => url.replace(/:[A-Za-z]+/g, fakeId);

async function answer(agent: Agent, r: GuardedRoute): Promise<Answer> {
  const res = await agent.request(
    r.method as 'GET',
    fill(r.url),
    r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
  );
  let code: string | undefined;
  try {
    code = res.json().code;
  } catch {
    code = undefined; // not JSON: reported by its status
  }
  return { route: routeName(r), status: res.statusCode, code };
}

/** Every route guarded by a permission: 403 without it, past the guard with only it. */
export function describePermissionMatrix(
  name: string,
  select: (r: RouteInfo) => boolean,
  opts: { jobs?: boolean } = {},
) {
  describe(`permission matrix: ${name}`, () => {
    let t: TestContext;
    let routes: GuardedRoute[];
    let nobody: Agent;
    const holders = new Map<Permission, Agent>();
    beforeAll(async () => {
      t = await createTestContext({}, { jobs: opts.jobs });
      routes = guardedRoutes(t.app.routeTable).filter(select);
      const admin = await t.admin();
      const bare = await makeRole(admin, []);
      const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [bare.id] });
      nobody = await t.login(u.username);
      for (const permission of new Set(routes.map((r) => r.config.permission))) {
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
      const answers: Answer[] = [];
      for (const r of routes) answers.push(await answer(nobody, r));
      expect(notForbidden(answers)).toEqual([]);
    });

    it('lets a holder of exactly that permission past the guard, for every route', async () => {
      const answers: Answer[] = [];
      for (const r of routes) answers.push(await answer(holders.get(r.config.permission)!, r));
      expect(notLetThrough(answers)).toEqual([]);
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
  module: ScopedModule;
  /** Permissions the viewer's role holds (at least the module's view). */
  permissions: Permission[];
  listUrl: string;
  itemUrl: (id: string) => string;
  /** Creates one record owned by `owner`, returns its id. */
  createOwned: (ctx: { t: TestContext; admin: Agent }, owner: CastMember) => Promise<string>;
};

/** What the viewer saw of one cast member's record: in the list, and the status of its look-up by id. */
export type Sighting = { who: ScopeCast; listed: boolean; status: number };

/** Every cast member a scope shows that it should not, or hides that it should show. */
export const scopeMismatches = (scope: DataScope, sightings: Sighting[]) =>
  sightings.flatMap((s) => {
    const shouldSee = expectedVisible[scope].includes(s.who);
    const wrong: string[] = [];
    if (s.listed !== shouldSee) wrong.push(`${s.who}: ${s.listed ? 'listed' : 'not listed'}`);
    if (s.status !== (shouldSee ? 200 : 404))
      wrong.push(`${s.who}: look-up by id answered ${s.status}, expected ${shouldSee ? 200 : 404}`);
    return wrong;
  });

/** Lists and look-ups by id of a module, under each of the five scopes, for a fixed cast of owners. */
export function describeScopeMatrix(f: ScopeFixture) {
  describe(`data-scope matrix: ${f.module} (${f.listUrl})`, () => {
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
        expect(res.statusCode, res.body).toBe(200);
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
        const sightings: Sighting[] = [];
        for (const [who, id] of records) {
          const one = await me.get(f.itemUrl(id));
          sightings.push({ who, listed: listed.has(id), status: one.statusCode });
        }
        expect(scopeMismatches(scope, sightings)).toEqual([]);
      });
    }
  });
}
