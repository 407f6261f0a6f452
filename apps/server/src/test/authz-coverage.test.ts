import { isPermission, scopedModules } from '@guanxi/contract';
import type { FastifyContextConfig } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, mergeRoles } from '../platform/auth/principal.ts';
import type { RouteInfo } from '../platform/http.ts';
import { type AuthzFile, authzGaps, loadAuthzFiles, loadTestFiles, type TestFile } from './authz-coverage.ts';
import {
  type ModuleAuthz,
  notForbidden,
  notLetThrough,
  type ScopeFixture,
  scopeMismatches,
} from './authz-matrix.ts';
import { createTestContext, type TestContext } from './test-app.ts';

describe('authorisation coverage of this code base', () => {
  let t: TestContext;
  let authzFiles: AuthzFile[];
  let testFiles: TestFile[];
  beforeAll(async () => {
    t = await createTestContext();
    authzFiles = await loadAuthzFiles();
    testFiles = loadTestFiles();
  });
  afterAll(() => t.close());

  it('every guarded route is in a permission matrix, every scoped module in a scope matrix, every authz.ts run by a test', () => {
    const gaps = authzGaps({ routes: t.app.routeTable, authzFiles, scopedModules, testFiles });
    expect(gaps, gaps.join('\n')).toEqual([]);
  });

  it('would name every route of a module whose matrices were dropped, in one answer (pools)', () => {
    const gaps = authzGaps({
      routes: t.app.routeTable,
      authzFiles: authzFiles.filter((f) => f.file !== 'modules/pools/authz.ts'),
      scopedModules,
      testFiles,
    });
    // claim / release / assign stay covered: the customers matrix selects them too
    const poolRoutes = t.app.routeTable
      .filter((r) => r.config.permission && r.url.startsWith('/api/v1/pools'))
      .map((r) => `route ${r.method} ${r.url} (${r.config.permission}) is selected by no permission matrix`);
    expect(poolRoutes.length).toBeGreaterThan(3);
    expect(gaps).toEqual(poolRoutes);
  });
});

const route = (method: string, url: string, permission?: string): RouteInfo =>
  ({ method, url, config: { permission } }) as RouteInfo;
const scope = (module: string): ScopeFixture =>
  ({ module, permissions: [], listUrl: '/x', itemUrl: (id: string) => id }) as unknown as ScopeFixture;
const authz = (prefixes: string[], scopes: string[] = []): ModuleAuthz => ({
  permissions: prefixes.map((p) => ({ name: p, routes: (r) => r.url.startsWith(p) })),
  scopes: scopes.map(scope),
});

describe('the coverage check', () => {
  const routes = [
    route('GET', '/api/v1/things', 'customers:view'),
    route('POST', '/api/v1/things', 'customers:create'),
    route('GET', '/api/v1/widgets', 'pools:view'),
    route('DELETE', '/api/v1/widgets/:id', 'pools:admin'),
    route('GET', '/api/v1/notifications'), // signed in is enough: needs no matrix
    route('GET', '/healthz'),
  ];
  const runs = (module: string, as = 'authz') =>
    `import { ${as === 'authz' ? 'authz' : `authz as ${as}`} } from './authz.ts';\n` +
    `describe('${module}', () => describeAuthz(${as}));`;

  it('passes a complete set', () => {
    const gaps = authzGaps({
      routes,
      authzFiles: [
        { file: 'modules/things/authz.ts', authz: authz(['/api/v1/things'], ['customers']) },
        { file: 'modules/widgets/authz.ts', authz: authz(['/api/v1/widgets'], ['users']) },
      ],
      scopedModules: ['customers', 'users'],
      testFiles: [
        { file: 'modules/things/things.test.ts', text: runs('things') },
        { file: 'modules/widgets/widgets.test.ts', text: runs('widgets', 'widgetAuthz') },
      ],
    });
    expect(gaps).toEqual([]);
  });

  it('names every uncovered route, scoped module, unrun or empty authz.ts, all in one answer', () => {
    const gaps = authzGaps({
      routes,
      authzFiles: [
        // covers GET /things only
        {
          file: 'modules/things/authz.ts',
          authz: {
            permissions: [
              { name: 'things', routes: (r) => r.method === 'GET' && r.url === '/api/v1/things' },
            ],
            scopes: [scope('customers')],
          },
        },
        // selects nothing guarded: a stale or mistyped selector
        { file: 'modules/gadgets/authz.ts', authz: authz(['/api/v1/gadgets']) },
        // `authz` forgotten
        { file: 'modules/widgets/authz.ts', authz: undefined },
      ],
      scopedModules: ['customers', 'users'],
      testFiles: [
        { file: 'modules/things/things.test.ts', text: runs('things') },
        // imports it but never runs it
        { file: 'modules/gadgets/gadgets.test.ts', text: "import { authz } from './authz.ts';\n" },
        // runs another module's file
        {
          file: 'modules/widgets/widgets.test.ts',
          text: "import { authz } from '../things/authz.ts';\ndescribeAuthz(authz);",
        },
      ],
    });
    expect(gaps).toEqual([
      'modules/widgets/authz.ts exports no `authz`',
      'route POST /api/v1/things (customers:create) is selected by no permission matrix',
      'route GET /api/v1/widgets (pools:view) is selected by no permission matrix',
      'route DELETE /api/v1/widgets/:id (pools:admin) is selected by no permission matrix',
      'permission matrix "/api/v1/gadgets" (modules/gadgets/authz.ts) selects no guarded route',
      'scoped module users has no scope matrix',
      'modules/gadgets/authz.ts is run by no test file (import its `authz`, call describeAuthz(authz))',
      'modules/widgets/authz.ts is run by no test file (import its `authz`, call describeAuthz(authz))',
    ]);
  });

  it('counts a test in another folder that imports the file by its relative path', () => {
    const gaps = authzGaps({
      routes: [],
      authzFiles: [{ file: 'modules/things/authz.ts', authz: { permissions: [], scopes: [] } }],
      scopedModules: [],
      testFiles: [
        {
          file: 'test/all.test.ts',
          text: "import { authz as things } from '../modules/things/authz.ts';\ndescribeAuthz(things);",
        },
      ],
    });
    expect(gaps).toEqual([]);
  });
});

describe('the matrices report every failing case', () => {
  it('permission matrix, without the permission: every route not answering 403 FORBIDDEN', () => {
    expect(
      notForbidden([
        { route: 'GET /a', status: 403, code: 'FORBIDDEN' },
        { route: 'GET /b', status: 200 },
        { route: 'POST /c', status: 404, code: 'NOT_FOUND' },
        { route: 'POST /d', status: 403, code: 'CSRF_INVALID' },
      ]),
    ).toEqual([
      'GET /b: 200 (expected 403 FORBIDDEN)',
      'POST /c: 404 NOT_FOUND (expected 403 FORBIDDEN)',
      'POST /d: 403 CSRF_INVALID (expected 403 FORBIDDEN)',
    ]);
  });

  it('permission matrix, with exactly the permission: every route stopped by the guard or failing', () => {
    expect(
      notLetThrough([
        { route: 'GET /a', status: 200 },
        { route: 'GET /b', status: 403, code: 'FORBIDDEN' },
        { route: 'POST /c', status: 400, code: 'VALIDATION_FAILED' },
        { route: 'POST /d', status: 500, code: 'INTERNAL' },
      ]),
    ).toEqual([
      'GET /b: 403 FORBIDDEN (expected past the guard, below 500)',
      'POST /d: 500 INTERNAL (expected past the guard, below 500)',
    ]);
  });

  it('scope matrix: every cast member shown or hidden wrongly, in the list and by id', () => {
    expect(
      scopeMismatches('department', [
        { who: 'me', listed: true, status: 200 },
        { who: 'peer', listed: false, status: 404 },
        { who: 'stranger', listed: true, status: 200 },
        { who: 'sub', listed: false, status: 404 },
        { who: 'child', listed: false, status: 200 },
      ]),
    ).toEqual([
      'peer: not listed',
      'peer: look-up by id answered 404, expected 200',
      'stranger: listed',
      'stranger: look-up by id answered 200, expected 404',
      'child: look-up by id answered 200, expected 404',
    ]);
  });
});

describe('typed permissions', () => {
  it('a permission outside the catalogue does not compile (checked by `npm run typecheck`)', () => {
    const config: FastifyContextConfig = {
      // @ts-expect-error a typo in a route's permission
      permission: 'customers:veiw',
    };
    const info: RouteInfo['config'] = {
      // @ts-expect-error the route table's permission is typed too
      permission: 'pool:admin',
    };
    const p = { permissions: new Set(['pools:view'] as const) };
    // @ts-expect-error can() takes catalogue permissions only
    expect(can(p, 'pools:admn')).toBe(false);
    expect([config.permission, info.permission].filter((s) => isPermission(s as string))).toEqual([]);
    expect([can(p, 'pools:view'), can(p, 'pools:admin')]).toEqual([true, false]);
  });

  it('a role row from the database grants only permissions of the catalogue', () => {
    const merged = mergeRoles([
      { permissions: ['users:view', 'users:fly'], dataScopes: {}, fieldPermissions: {}, requireTotp: false },
      { permissions: ['gone:away', 'pools:claim'], dataScopes: {}, fieldPermissions: {}, requireTotp: false },
    ]);
    expect([...merged.permissions].sort()).toEqual(['pools:claim', 'users:view']);
  });
});
