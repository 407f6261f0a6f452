import type { DataScope, Permission, ScopedModule } from '@guanxi/contract';
import { dataScopes } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Db } from '../db/client.ts';
import { uuidv7 } from '../platform/ids.ts';
import { Agent } from './agent.ts';
import { TEST_PASSWORD } from './fixtures.ts';
import { createTestContext, type TestContext } from './test-app.ts';

/**
 * Property-based authorisation: random org trees, users with supervisors, a viewer with a random
 * data scope and a module's random records; the viewer's list (every page), count, quick search,
 * look-up by id and export must show exactly what an independent model of the scope rules allows.
 *
 * A module plugs in with a {@link PropertyFixture} (next to its `authz.ts`) and runs it with
 * `describeAuthzProperty(fixture)`. Each run writes its organisation and records in one
 * transaction, to the tables the app writes, tagged so that runs never see each other's records;
 * every check goes through the HTTP API.
 *
 * Runs: `GUANXI_FC_RUNS` (default 100); seed: `GUANXI_FC_SEED` (a number, or `random`; default fixed).
 */

/** An organisation by indices: departments under the tenant's root, users in them, one viewer. */
export type Org = {
  /** `parent` is an earlier department, or -1: right under the tenant's root department. */
  departments: { parent: number }[];
  /** `supervisor` is an earlier user or -1 (none). */
  users: { department: number; supervisor: number }[];
  viewer: number;
  scope: DataScope;
  /** Page size the viewer lists with (small, so lists span several pages). */
  pageSize: number;
};

/** A department index, or -1 for the tenant's root department. */
export type DepartmentRef = number;

/** One run's organisation, inserted: its ids, its tag and the model of what the viewer may see. */
export class World {
  constructor(
    readonly org: Org,
    readonly tag: string,
    readonly tenantId: string,
    readonly rootDepartmentId: string,
    readonly departmentIds: string[],
    readonly userIds: string[],
  ) {}

  /** A unique search token of this run: fixed width, so no token is part of another. */
  token(kind: string, i: number) {
    return `${this.tag}${kind}${String(i).padStart(3, '0')}`;
  }

  departmentId(d: DepartmentRef) {
    return d < 0 ? this.rootDepartmentId : this.departmentIds[d];
  }

  get viewer() {
    return this.org.viewer;
  }

  /** The viewer's department index. */
  get viewerDepartment() {
    return this.org.users[this.org.viewer].department;
  }

  /** Department `d` and every department above it, up to and including the root (-1). */
  lineage(d: DepartmentRef): DepartmentRef[] {
    const out: DepartmentRef[] = [];
    for (let x = d; x >= 0; x = this.org.departments[x].parent) out.push(x);
    out.push(-1);
    return out;
  }

  /** Whether department `d` is `top` or below it. */
  isBelow(d: DepartmentRef, top: DepartmentRef) {
    return this.lineage(d).includes(top);
  }

  /** Whether user `u` is the viewer or reports to the viewer, directly or through others. */
  reportsToViewer(u: number) {
    for (let x = u; x >= 0; x = this.org.users[x].supervisor) if (x === this.viewer) return true;
    return false;
  }

  /** The five data-scope rules: whether a record owned by `owner` in `department` is in the viewer's scope. */
  ownerInScope(owner: number, department: DepartmentRef): boolean {
    switch (this.org.scope) {
      case 'own':
        return owner === this.viewer;
      case 'own_and_subordinates':
        return this.reportsToViewer(owner);
      case 'department':
        return department === this.viewerDepartment;
      case 'department_and_children':
        return this.isBelow(department, this.viewerDepartment);
      case 'all':
        return true;
    }
  }
}

/** Records of one kind the viewer reaches through the API, with what the model says of each. */
export type Collection = {
  name: string;
  /** The list, narrowed to this run's records (a tag or a search by the run tag). */
  listUrl: string;
  /** The list searched by one record's token (`q`); omitted when the module has no quick search. */
  searchUrl?: (token: string) => string;
  /** The CSV export of the same list; omitted when the module has none. */
  exportUrl?: string;
  itemUrl: (id: string) => string;
  /** Every record of the run in this collection; `token` appears in its name (and in its export row). */
  items: { id: string; token: string; visible: boolean }[];
};

/** What a module states to be checked by the property (see `modules/customers/authz-property.ts`). */
export type PropertyFixture<R, S = unknown> = {
  name: string;
  /** The module whose data scope the viewer's role draws. */
  module: ScopedModule;
  /** Permissions of the viewer's role (view, export …). */
  permissions: Permission[];
  /** The run's records, by indices into the organisation. */
  records: (org: Org) => fc.Arbitrary<R>;
  /** Writes the records in the run's transaction, to the tables the app writes; returns their ids. */
  insert: (tx: Db, world: World, records: R) => Promise<S>;
  /** The lists to check, each with the model's verdict on every record. */
  collections: (world: World, records: R, inserted: S) => Collection[];
};

/** Random organisations: 1–6 departments a few levels deep, 1–7 users, a viewer and a scope. */
export const orgArbitrary: fc.Arbitrary<Org> = fc
  .record({
    parents: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
    users: fc.array(fc.record({ department: fc.nat(), supervisor: fc.nat() }), {
      minLength: 1,
      maxLength: 7,
    }),
    // user 0 heads the most supervisor chains: often the viewer, so that subordinates are common
    viewer: fc.oneof(fc.constant(0), fc.nat()),
    scope: fc.constantFrom(...dataScopes),
    pageSize: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ parents, users, viewer, scope, pageSize }) => ({
    // parent: -1 or an earlier department (i + 1 choices)
    departments: parents.map((p, i) => ({ parent: (p % (i + 1)) - 1 })),
    users: users.map((u, i) => ({
      department: u.department % parents.length,
      supervisor: (u.supervisor % (i + 1)) - 1,
    })),
    viewer: viewer % users.length,
    scope,
    pageSize,
  }));

/** Users of `org` relative to its viewer: the viewer, its subordinates, its department's people, anyone. */
export function userOf(org: Org): fc.Arbitrary<number> {
  const users = org.users.map((_, i) => i);
  const below = (u: number) => {
    for (let x = u; x >= 0; x = org.users[x].supervisor) if (x === org.viewer) return true;
    return false;
  };
  const department = org.users[org.viewer].department;
  const subordinates = users.filter((u) => u !== org.viewer && below(u));
  const peers = users.filter((u) => u !== org.viewer && org.users[u].department === department);
  const some = (list: number[]) => (list.length ? [fc.constantFrom(...list)] : []);
  return fc.oneof(fc.constantFrom(...users), fc.constant(org.viewer), ...some(subordinates), ...some(peers));
}

/** Departments of `org` relative to its viewer's: its own, those above and below it, any (-1: the root). */
export function departmentOf(org: Org): fc.Arbitrary<DepartmentRef> {
  const all = [-1, ...org.departments.map((_, i) => i)];
  const own = org.users[org.viewer].department;
  const lineage: DepartmentRef[] = [];
  for (let x = own; x >= 0; x = org.departments[x].parent) lineage.push(x);
  lineage.push(-1);
  const below = all.filter((d) => {
    for (let x = d; x >= 0; x = org.departments[x].parent) if (x === own) return d !== own;
    return false;
  });
  const some = (list: number[]) => (list.length ? [fc.constantFrom(...list)] : []);
  return fc.oneof(fc.constantFrom(...all), fc.constant(own), fc.constantFrom(...lineage), ...some(below));
}

/** Writes a run's departments, users, the viewer's role and its grant (reference data of the organisation). */
async function insertOrg(
  tx: Db,
  t: TestContext,
  org: Org,
  tag: string,
  passwordHash: string,
  rootPath: string,
  f: { module: ScopedModule; permissions: Permission[] },
): Promise<World> {
  const tenantId = t.tenant.id;
  const departmentIds = org.departments.map(() => uuidv7());
  const paths: string[] = [];
  const departments = org.departments.map((d, i) => {
    const parentId = d.parent < 0 ? t.tenant.rootDepartmentId : departmentIds[d.parent];
    paths[i] = `${d.parent < 0 ? rootPath : paths[d.parent]}${departmentIds[i]}/`;
    return sql`(${departmentIds[i]}, ${tenantId}, ${parentId}, ${`${tag}d${i}`}, ${paths[i]})`;
  });
  await tx.execute(sql`INSERT INTO departments (id, tenant_id, parent_id, name, path)
    VALUES ${sql.join(departments, sql`, `)}`);
  const userIds = org.users.map(() => uuidv7());
  const users = org.users.map(
    (
      u,
      i,
    ) => sql`(${userIds[i]}, ${tenantId}, ${`${tag}u${i}`}, ${`用户${tag}u${i}`}, ${departmentIds[u.department]},
      ${u.supervisor < 0 ? null : userIds[u.supervisor]}::uuid, 'active', ${passwordHash}, false)`,
  );
  await tx.execute(sql`INSERT INTO users (id, tenant_id, username, name, department_id, supervisor_id, status,
    password_hash, must_change_password) VALUES ${sql.join(users, sql`, `)}`);
  const roleId = uuidv7();
  await tx.execute(sql`INSERT INTO roles (id, tenant_id, name, permissions, data_scopes)
    VALUES (${roleId}, ${tenantId}, ${`${tag}role`}, ${`{${f.permissions.join(',')}}`}::text[],
      ${JSON.stringify({ [f.module]: org.scope })}::jsonb)`);
  await tx.execute(sql`INSERT INTO user_roles (tenant_id, user_id, role_id)
    VALUES (${tenantId}, ${userIds[org.viewer]}, ${roleId})`);
  return new World(org, tag, tenantId, t.tenant.rootDepartmentId, departmentIds, userIds);
}

/** Every id a list shows, page by page, and the total of its first page. */
async function listAll(viewer: Agent, url: string, pageSize: number, wrong: string[], name: string) {
  const ids: string[] = [];
  let total: number | undefined;
  const sep = url.includes('?') ? '&' : '?';
  for (let page = 1; page <= 200; page++) {
    const res = await viewer.get(`${url}${sep}page=${page}&pageSize=${pageSize}`);
    if (res.statusCode !== 200) {
      wrong.push(`${name}: list page ${page} answered ${res.statusCode} ${res.body}`);
      break;
    }
    const body = res.json();
    if (page === 1 && !body.totalIsEstimate) total = body.total;
    for (const row of body.data) ids.push(row.id);
    if (body.data.length < pageSize) break;
  }
  return { ids, total };
}

const describeSet = (items: Collection['items'], ids: Iterable<string>) => {
  const byId = new Map(items.map((i) => [i.id, i.token]));
  return [...ids].map((id) => byId.get(id) ?? `foreign ${id}`).sort();
};

/** Compares what the viewer sees of one collection through the API with the model; every mismatch. */
async function checkCollection(viewer: Agent, c: Collection, pageSize: number): Promise<string[]> {
  const wrong: string[] = [];
  const expected = new Set(c.items.filter((i) => i.visible).map((i) => i.id));
  const show = (ids: Iterable<string>) => describeSet(c.items, ids).join(' ') || '∅';

  const { ids, total } = await listAll(viewer, c.listUrl, pageSize, wrong, c.name);
  const listed = new Set(ids);
  if (ids.length !== listed.size) wrong.push(`${c.name}: list repeats a record across pages (${show(ids)})`);
  if ([...listed].some((id) => !expected.has(id)) || [...expected].some((id) => !listed.has(id)))
    wrong.push(`${c.name}: list shows ${show(listed)}, the scope allows ${show(expected)}`);
  if (total !== undefined && total !== expected.size)
    wrong.push(`${c.name}: total ${total}, the scope allows ${expected.size}`);

  for (const item of c.items) {
    const one = await viewer.get(c.itemUrl(item.id));
    const status = item.visible ? 200 : 404;
    if (one.statusCode !== status)
      wrong.push(`${c.name}: look-up of ${item.token} answered ${one.statusCode}, expected ${status}`);
    if (c.searchUrl) {
      const found = await viewer.get(c.searchUrl(item.token));
      if (found.statusCode !== 200)
        wrong.push(`${c.name}: search ${item.token} answered ${found.statusCode}`);
      else {
        const rows: { id: string }[] = found.json().data;
        const got = rows.map((r) => r.id);
        const want = item.visible ? [item.id] : [];
        if (got.length !== want.length || got.some((id) => id !== item.id))
          wrong.push(`${c.name}: search ${item.token} found ${show(got)}, expected ${show(want)}`);
      }
    }
  }

  if (c.exportUrl) {
    const res = await viewer.get(c.exportUrl);
    if (res.statusCode !== 200) wrong.push(`${c.name}: export answered ${res.statusCode}`);
    else {
      const rows = res.body
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .slice(1)
        .filter((line) => line.trim() !== '');
      const exported: string[] = [];
      for (const row of rows) {
        const hits = c.items.filter((i) => row.includes(i.token));
        if (hits.length !== 1) wrong.push(`${c.name}: export row of ${hits.length} known records: ${row}`);
        else exported.push(hits[0].id);
      }
      const set = new Set(exported);
      if (
        exported.length !== set.size ||
        [...set].some((id) => !expected.has(id)) ||
        [...expected].some((id) => !set.has(id))
      )
        wrong.push(`${c.name}: export has ${show(exported)}, the scope allows ${show(expected)}`);
    }
  }
  return wrong;
}

export const propertyRuns = () => Number(process.env.GUANXI_FC_RUNS || 100);

/** The fixed seed unless `GUANXI_FC_SEED` gives one (`random`: a new one each time, printed on failure). */
export const propertySeed = (): number | undefined => {
  const s = process.env.GUANXI_FC_SEED;
  if (s === 'random') return undefined;
  return s ? Number(s) : 20261205;
};

/** One test: `GUANXI_FC_RUNS` random worlds, each checked through the API against the model. */
export function describeAuthzProperty<R, S>(f: PropertyFixture<R, S>) {
  describe(`property-based authorisation: ${f.name}`, () => {
    let t: TestContext;
    let passwordHash: string;
    let rootPath: string;
    const prefix = `fc${Math.random().toString(36).slice(2, 6)}`;
    let run = 0;

    beforeAll(async () => {
      t = await createTestContext();
      const admin = await t.database.db.execute(
        sql`SELECT password_hash FROM users WHERE id = ${t.tenant.adminId}`,
      );
      passwordHash = (admin.rows[0] as { password_hash: string }).password_hash;
      const root = await t.database.db.execute(
        sql`SELECT path FROM departments WHERE id = ${t.tenant.rootDepartmentId}`,
      );
      rootPath = (root.rows[0] as { path: string }).path;
    });
    afterAll(() => t?.close());

    const runs = propertyRuns();
    it(`the viewer's list, count, search, look-up by id and export show exactly the scope (${runs} runs)`, async () => {
      const world = orgArbitrary.chain((org) => f.records(org).map((records) => ({ org, records })));
      await fc.assert(
        fc.asyncProperty(world, async ({ org, records }) => {
          const tag = `${prefix}${String(run++).padStart(6, '0')}`;
          const { w, inserted } = await t.database.db.transaction(async (tx) => {
            const w = await insertOrg(tx, t, org, tag, passwordHash, rootPath, f);
            return { w, inserted: await f.insert(tx, w, records) };
          });
          const viewer = await Agent.login(t.app, `${tag}u${org.viewer}`, TEST_PASSWORD);
          const wrong: string[] = [];
          for (const c of f.collections(w, records, inserted))
            wrong.push(...(await checkCollection(viewer, c, org.pageSize)));
          if (wrong.length)
            throw new Error(`scope ${org.scope}, viewer u${org.viewer}:\n${wrong.join('\n')}`);
        }),
        { numRuns: runs, seed: propertySeed(), endOnFailure: false },
      );
    }, 3_600_000);
  });
}
