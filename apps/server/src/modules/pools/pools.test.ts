import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { runRecycle } from './recycle.ts';

let t: TestContext;
let admin: Agent;
let sales: Agent;
let salesUser: { id: string };
let other: Agent;
let salesDept: { id: string };
const DAY = 86_400_000;

const salesPermissions = [
  'customers:view',
  'customers:create',
  'customers:edit',
  'pools:view',
  'pools:claim',
  'pools:release',
];

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const region = await makeDepartment(admin, t.tenant.rootDepartmentId);
  salesDept = await makeDepartment(admin, region.id);
  const elsewhere = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const role = await makeRole(admin, salesPermissions, { customers: 'own' });
  salesUser = await makeUser(admin, { departmentId: salesDept.id, roleIds: [role.id] });
  const otherUser = await makeUser(admin, { departmentId: elsewhere.id, roleIds: [role.id] });
  sales = await t.login((salesUser as unknown as { username: string }).username);
  other = await t.login(otherUser.username);
});
afterAll(() => t.close());

async function makePool(rules: Record<string, unknown>) {
  const res = await admin.post('/api/v1/pools', {
    name: unique('公海'),
    departmentIds: [],
    recycleNoFollowUpDays: null,
    recycleNoDealDays: null,
    remindDaysBefore: null,
    holdLimit: null,
    dailyClaimLimit: null,
    cooldownDays: null,
    ...rules,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

async function setPool(pool: { id: string }, rules: Record<string, unknown>) {
  const current = (await admin.get(`/api/v1/pools/${pool.id}`)).json();
  const res = await admin.patch(`/api/v1/pools/${pool.id}`, { version: current.version, ...rules });
  expect(res.statusCode, res.body).toBe(200);
}

/** A customer owned by `owner` that is then released into `pool`. */
async function pooled(owner: Agent, pool: { id: string }) {
  const c = await makeCustomer(owner);
  const res = await owner.post(`/api/v1/customers/${c.id}/release`, { reason: '无意向', poolId: pool.id });
  expect(res.statusCode, res.body).toBe(200);
  return c;
}

describe('public pools', () => {
  let pool: { id: string };
  beforeAll(async () => {
    pool = await makePool({ departmentIds: [] });
    await setPool(pool, { name: unique('华南公海') });
  });

  it('shows pool customers only to departments that see the pool, and releases with a reason', async () => {
    const regional = await makePool({ departmentIds: [salesDept.id] });
    const c = await pooled(sales, regional);
    const seen = (await sales.get(`/api/v1/customers/${c.id}`)).json();
    expect(seen).toMatchObject({ state: 'pool', ownerId: null, poolId: regional.id, canEdit: false });
    expect((await other.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/customers/${c.id}/claim`)).statusCode).toBe(404);
    const inPool = (await sales.get(`/api/v1/customers?state=pool&poolId=${regional.id}`)).json();
    expect(inPool.data.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const pools = (await other.get('/api/v1/pools')).json().data.map((p: { id: string }) => p.id);
    expect(pools).not.toContain(regional.id);
    const timeline = (await sales.get(`/api/v1/customers/${c.id}/timeline`)).json().data;
    expect(timeline[0]).toMatchObject({ action: 'release', summary: '无意向' });
  });

  it('enforces the hold limit, the daily claim limit and the cooldown', async () => {
    const limited = await makePool({ holdLimit: 2, dailyClaimLimit: 10, cooldownDays: 7 });
    const mine = await pooled(sales, limited);
    // cooldown: the previous owner cannot take it back yet
    expect((await sales.post(`/api/v1/customers/${mine.id}/claim`)).json().code).toBe('CLAIM_COOLDOWN');
    const a = await pooled(admin, limited);
    const b = await pooled(admin, limited);
    const held = (await sales.get('/api/v1/customers?pageSize=100')).json().total;
    await setPool(limited, { holdLimit: held + 1 });
    expect((await sales.post(`/api/v1/customers/${a.id}/claim`)).statusCode).toBe(200);
    expect((await sales.post(`/api/v1/customers/${b.id}/claim`)).json().code).toBe('HOLD_LIMIT_REACHED');
    await setPool(limited, { holdLimit: null, dailyClaimLimit: 1 });
    expect((await sales.post(`/api/v1/customers/${b.id}/claim`)).json().code).toBe(
      'DAILY_CLAIM_LIMIT_REACHED',
    );
  });

  it('lets exactly one of two concurrent claims take the last slot', async () => {
    const tight = await makePool({});
    const x = await pooled(admin, tight);
    const y = await pooled(admin, tight);
    const held = (await sales.get('/api/v1/customers?pageSize=100')).json().total;
    await setPool(tight, { holdLimit: held + 1 });
    const results = await Promise.all([
      sales.post(`/api/v1/customers/${x.id}/claim`),
      sales.post(`/api/v1/customers/${y.id}/claim`),
    ]);
    const codes = results.map((r) => (r.statusCode === 200 ? 'ok' : r.json().code)).sort();
    expect(codes).toEqual(['HOLD_LIMIT_REACHED', 'ok']);
    // and two people claiming the same customer: one wins, the other is told it is gone
    const z = await pooled(admin, tight);
    await setPool(tight, { holdLimit: null });
    const both = await Promise.all([
      sales.post(`/api/v1/customers/${z.id}/claim`),
      admin.post(`/api/v1/customers/${z.id}/claim`),
    ]);
    expect(both.map((r) => (r.statusCode === 200 ? 'ok' : r.json().code)).sort()).toEqual([
      'CUSTOMER_NOT_IN_POOL',
      'ok',
    ]);
  });

  it('lets a supervisor assign a pool customer to someone in scope', async () => {
    const c = await pooled(admin, pool);
    const res = await admin.post(`/api/v1/customers/${c.id}/assign`, { userId: salesUser.id });
    expect(res.json()).toMatchObject({ state: 'active', ownerId: salesUser.id });
    expect((await sales.get(`/api/v1/customers/${c.id}`)).json().canEdit).toBe(true);
  });

  it('refuses to delete a pool that still holds customers', async () => {
    const p = await makePool({});
    await pooled(admin, p);
    const current = (await admin.get(`/api/v1/pools/${p.id}`)).json();
    expect((await admin.delete(`/api/v1/pools/${p.id}?version=${current.version}`)).json().code).toBe(
      'POOL_NOT_EMPTY',
    );
  });
});

describe('daily recycle with a moved clock', () => {
  it('reminds K days before, once, then recycles after N days without follow-up; protection holds', async () => {
    // a pool only for this department, so nothing else in the tenant is affected
    const dept = await makeDepartment(admin, t.tenant.rootDepartmentId);
    await makePool({ departmentIds: [dept.id], recycleNoFollowUpDays: 30, remindDaysBefore: 3 });
    const role = await makeRole(admin, [...salesPermissions], { customers: 'own' });
    const u = await makeUser(admin, { departmentId: dept.id, roleIds: [role.id] });
    const owner = await t.login(u.username);
    const c = await makeCustomer(owner, { name: unique('将被收回') });
    const kept = await makeCustomer(owner, { name: unique('延期保护') });
    await owner.post(`/api/v1/customers/${kept.id}/delay`, { until: '2099-01-01' });
    // an invalidated customer (失效) is worked by nobody: neither reminded nor recycled
    const dead = await makeCustomer(owner, { name: unique('已注销') });
    expect(
      (await owner.post(`/api/v1/customers/${dead.id}/invalidate`, { reason: '已注销' })).statusCode,
    ).toBe(200);
    const start = Date.now();

    expect(await runRecycle(t.database.db, new Date(start + 20 * DAY))).toEqual({ recycled: 0, reminded: 0 });
    const r1 = await runRecycle(t.database.db, new Date(start + 28 * DAY));
    expect(r1.reminded).toBeGreaterThanOrEqual(1);
    expect((await runRecycle(t.database.db, new Date(start + 28.5 * DAY))).reminded).toBe(0);
    const bell = (await owner.get('/api/v1/notifications/unread-count')).json();
    expect(bell.count).toBe(1);
    const notes = (await owner.get('/api/v1/notifications')).json().data;
    expect(notes[0]).toMatchObject({ kind: 'pool.recycle-reminder', link: `/customers/${c.id}` });
    expect((await owner.get(`/api/v1/customers/${c.id}`)).json().state).toBe('active');

    const r2 = await runRecycle(t.database.db, new Date(start + 31 * DAY));
    expect(r2.recycled).toBe(1);
    expect((await owner.get(`/api/v1/customers/${c.id}`)).json()).toMatchObject({
      state: 'pool',
      ownerId: null,
    });
    expect((await owner.get(`/api/v1/customers/${kept.id}`)).json().state).toBe('active');
    expect((await owner.get(`/api/v1/customers/${dead.id}`)).json()).toMatchObject({
      state: 'active',
      valid: false,
    });
    const after = (await owner.get('/api/v1/notifications?unread=true')).json().data;
    expect(after.map((n: { kind: string }) => n.kind)).toEqual(['pool.recycled', 'pool.recycle-reminder']);
    expect((await owner.post(`/api/v1/notifications/${after[0].id}/read`)).json().count).toBe(1);
    expect((await sales.post(`/api/v1/notifications/${after[1].id}/read`)).statusCode).toBe(404);
    expect((await owner.post('/api/v1/notifications/read-all')).json().count).toBe(1);
    expect((await owner.get('/api/v1/notifications/unread-count')).json().count).toBe(0);

    // 立即执行 runs the caller's own tenant only: another tenant's admin recycles none of ours
    const due = await makeCustomer(owner, { name: unique('已到期') });
    await t.database.db.execute(
      sql`UPDATE customers SET last_follow_up_at = now() - interval '40 days', owned_since = now() - interval '40 days' WHERE id = ${due.id}`,
    );
    const stranger = await t.login('admin', undefined, t.other.code);
    expect((await stranger.post('/api/v1/pools/recycle')).json().recycled).toBe(0);
    expect((await owner.get(`/api/v1/customers/${due.id}`)).json().state).toBe('active');
    expect((await admin.post('/api/v1/pools/recycle')).json().recycled).toBeGreaterThanOrEqual(1);
    expect((await owner.get(`/api/v1/customers/${due.id}`)).json().state).toBe('pool');
  });
});

describeAuthz(authz);
