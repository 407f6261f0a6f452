import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { makeProduct } from '../quotes/test-helpers.ts';
import { authz } from './authz.ts';
import { runChurn, scoreRisks } from './service.ts';

describeAuthz(authz);

let t: TestContext;
let admin: Agent;
let manager: Agent;
let managerId: string;
let other: Agent;
let reasonId: string;
let managerDept: string;
let otherId: string;
let otherDept: string;

type Rec = { id: string; version: number; status: string; risk: number; customerId: string; delays: number };

const DAY = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** A customer of `ownerId` owned (and created) `ago` ago, optionally last ordering `orderedAgo` ago. */
async function oldCustomer(ownerId: string, ago = '2 years', orderedAgo?: string, risk?: number) {
  const c = (await makeCustomer(admin, { ownerId })) as { id: string };
  await t.database.db.execute(sql`UPDATE customers SET owned_since = now() - ${ago}::interval,
    created_at = now() - ${ago}::interval,
    last_order_at = ${orderedAgo ? sql`now() - ${orderedAgo}::interval` : sql`NULL`},
    risk_score = ${risk ?? null} WHERE id = ${c.id}`);
  return c.id;
}

async function run(): Promise<{ created: number; returned: number }> {
  const res = await admin.post('/api/v1/churn/run', {});
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function recordsOf(agent: Agent, query: string): Promise<Rec[]> {
  const res = await agent.get(`/api/v1/churn-records?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data;
}

async function recordOf(customerId: string): Promise<Rec> {
  const [r] = await recordsOf(admin, `customerId=${customerId}`);
  return r;
}

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const dept = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const elsewhere = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const role = await makeRole(admin, ['churn:view', 'churn:handle', 'customers:view'], {
    churn: 'own',
    customers: 'own',
  });
  managerDept = dept.id;
  const m = await makeUser(admin, { departmentId: dept.id, roleIds: [role.id] });
  managerId = m.id;
  manager = await t.login(m.username);
  const o = await makeUser(admin, { departmentId: elsewhere.id, roleIds: [role.id] });
  [otherId, otherDept] = [o.id, elsewhere.id];
  other = await t.login(o.username);
  const reasons = await admin.get('/api/v1/dictionaries/churn-reason/items');
  reasonId = reasons.json().data[0].id;
});
afterAll(() => t.close());

describe('churn settings', () => {
  it('answers the defaults, and changes with the version read (stale → 409, weights not 100 → 400)', async () => {
    const s = (await admin.get('/api/v1/settings/churn')).json();
    expect(s).toMatchObject({ months: 6, maxDelays: 2, poolOnConfirm: false });
    expect(s.weights.recency + s.weights.frequency + s.weights.monetary).toBe(100);
    const bad = await admin.put('/api/v1/settings/churn', {
      ...s,
      weights: { recency: 50, frequency: 50, monetary: 50 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('weights');
    const junk = await admin.put('/api/v1/settings/churn', { ...s, months: 0 });
    expect(junk.statusCode).toBe(400);
    const ok = await admin.put('/api/v1/settings/churn', {
      ...s,
      weights: { recency: 40, frequency: 30, monetary: 30 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(s.version + 1);
    const stale = await admin.put('/api/v1/settings/churn', s);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const audit = await admin.get('/api/v1/audit-logs?entity=churn-settings');
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.json().data[0]).toMatchObject({ action: 'update', entity: 'churn-settings' });
  });
});

describe('the daily churn job', () => {
  it('warns each qualifying customer exactly once however often it runs, and notifies the owner once per run', async () => {
    const stale = await oldCustomer(managerId, '2 years', '7 months');
    const never = await oldCustomer(managerId, '7 months');
    const recent = await oldCustomer(managerId, '2 years', '1 month');
    const young = await oldCustomer(managerId, '2 months');
    const first = await run();
    expect(first.created).toBeGreaterThanOrEqual(2);
    const second = await run();
    expect(second.created).toBe(0);
    await Promise.all([run(), run()]);
    for (const id of [stale, never]) {
      const all = await recordsOf(admin, `customerId=${id}`);
      expect(all).toHaveLength(1);
      expect(all[0].status).toBe('warning');
    }
    expect(await recordsOf(admin, `customerId=${recent}`)).toHaveLength(0);
    expect(await recordsOf(admin, `customerId=${young}`)).toHaveLength(0);
    const notes = (await manager.get('/api/v1/notifications')).json().data as {
      kind: string;
      data: { count: number };
    }[];
    const churnNotes = notes.filter((n) => n.kind === 'churn.warning');
    expect(churnNotes).toHaveLength(1);
    expect(churnNotes[0].data.count).toBeGreaterThanOrEqual(2);
  });

  it('lists warnings by risk, highest first', async () => {
    const ids = [
      await oldCustomer(managerId, '3 years', undefined, 20),
      await oldCustomer(managerId, '3 years', undefined, 90),
      await oldCustomer(managerId, '3 years', undefined, 55),
    ];
    // the risk of a warning is the customer's when raised: no scoring in between
    await runChurn(t.database.db, t.tenant.id, 'Asia/Shanghai');
    const mine = await recordsOf(manager, 'status=warning&pageSize=100');
    const risks = mine.map((r) => r.risk);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    const order = mine.filter((r) => ids.includes(r.customerId)).map((r) => r.risk);
    expect(order).toEqual([90, 55, 20]);
  });

  it('scores every active customer 0–100, higher without orders and follow-ups', async () => {
    const idle = await oldCustomer(managerId, '3 years');
    const buyer = await oldCustomer(managerId, '3 years');
    const product = (await makeProduct(admin, { listPrice: '500.00' })) as { id: string };
    for (let i = 0; i < 3; i++) {
      const o = await admin.post('/api/v1/orders', {
        customerId: buyer,
        lines: [{ productId: product.id, quantity: '3' }],
      });
      expect(o.statusCode, o.body).toBe(201);
    }
    await scoreRisks(t.database.db, t.tenant.id);
    const score = async (id: string) =>
      (await admin.get(`/api/v1/customers/${id}`)).json().riskScore as number;
    const [a, b] = [await score(idle), await score(buyer)];
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThanOrEqual(100);
    expect(b).toBeLessThan(a);
  });
});

describe('delay and confirm', () => {
  it('a delay hides the warning until its date, then the job brings it back; at most M delays', async () => {
    const customer = await oldCustomer(managerId, '2 years');
    await run();
    let r = await recordOf(customer);
    const past = await manager.post(`/api/v1/churn-records/${r.id}/delay`, {
      measures: '上门拜访',
      until: dateIn(0),
      version: r.version,
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().details[0].path).toBe('until');
    const empty = await manager.post(`/api/v1/churn-records/${r.id}/delay`, {
      measures: ' ',
      until: dateIn(10),
      version: r.version,
    });
    expect(empty.statusCode).toBe(400);
    const delayed = await manager.post(`/api/v1/churn-records/${r.id}/delay`, {
      measures: '上门拜访，赠送培训',
      until: dateIn(10),
      version: r.version,
    });
    expect(delayed.statusCode, delayed.body).toBe(200);
    expect(delayed.json()).toMatchObject({
      status: 'delayed',
      delays: 1,
      until: dateIn(10),
      measures: '上门拜访，赠送培训',
    });
    const stale = await manager.post(`/api/v1/churn-records/${r.id}/delay`, {
      measures: 'x',
      until: dateIn(10),
      version: r.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    // hidden from the warnings until the date; another run neither returns it nor raises a second
    expect((await recordsOf(manager, 'status=warning&pageSize=100')).some((x) => x.id === r.id)).toBe(false);
    await run();
    expect((await recordOf(customer)).status).toBe('delayed');
    // the day comes
    const back = await runChurn(t.database.db, t.tenant.id, 'Asia/Shanghai', new Date(Date.now() + 10 * DAY));
    expect(back.returned).toBeGreaterThanOrEqual(1);
    r = await recordOf(customer);
    expect(r.status).toBe('warning');
    expect((await recordsOf(manager, 'status=warning&pageSize=100')).some((x) => x.id === r.id)).toBe(true);
    expect(await recordsOf(admin, `customerId=${customer}`)).toHaveLength(1);
    const again = await manager.post(`/api/v1/churn-records/${r.id}/delay`, {
      measures: '再跟进',
      until: dateIn(5),
      version: r.version,
    });
    expect(again.statusCode, again.body).toBe(200);
    const third = await manager.post(`/api/v1/churn-records/${r.id}/delay`, {
      measures: '又一次',
      until: dateIn(20),
      version: again.json().version,
    });
    expect(third.statusCode).toBe(409);
    expect(third.json().code).toBe('CHURN_DELAY_LIMIT');
    const history = (await manager.get(`/api/v1/churn-records/${r.id}/history`)).json().data as {
      toStatus: string;
    }[];
    expect(history.map((h) => h.toStatus)).toEqual(['warning', 'delayed', 'warning', 'delayed']);
  });

  it('confirm flags the customer lost with a reason; a confirmed record cannot move again', async () => {
    const customer = await oldCustomer(managerId, '2 years');
    await run();
    const r = await recordOf(customer);
    const noReason = await manager.post(`/api/v1/churn-records/${r.id}/confirm`, {
      reason: managerId,
      version: r.version,
    });
    expect(noReason.statusCode).toBe(400);
    const res = await manager.post(`/api/v1/churn-records/${r.id}/confirm`, {
      reason: reasonId,
      version: r.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', reasonId });
    expect(res.json().reasonName).toBeTruthy();
    const c = (await admin.get(`/api/v1/customers/${customer}`)).json();
    expect(c.churnedAt).not.toBeNull();
    const twice = await manager.post(`/api/v1/churn-records/${r.id}/confirm`, {
      reason: reasonId,
      version: res.json().version,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('INVALID_TRANSITION');
    const delay = await manager.post(`/api/v1/churn-records/${r.id}/delay`, {
      measures: 'x',
      until: dateIn(3),
      version: res.json().version,
    });
    expect(delay.json().code).toBe('INVALID_TRANSITION');
    // a lost customer is not warned again
    await run();
    expect(await recordsOf(admin, `customerId=${customer}`)).toHaveLength(1);
  });

  it('a new order closes an open warning as recovered (and clears a confirmed churn)', async () => {
    const product = (await makeProduct(admin)) as { id: string };
    const warned = await oldCustomer(managerId, '2 years');
    const lost = await oldCustomer(managerId, '2 years');
    await run();
    const l = await recordOf(lost);
    expect(
      (await manager.post(`/api/v1/churn-records/${l.id}/confirm`, { reason: reasonId, version: l.version }))
        .statusCode,
    ).toBe(200);
    for (const customerId of [warned, lost]) {
      const order = await admin.post('/api/v1/orders', {
        customerId,
        lines: [{ productId: product.id, quantity: '1' }],
      });
      expect(order.statusCode, order.body).toBe(201);
      const r = await recordOf(customerId);
      expect(r.status).toBe('recovered');
      expect((r as unknown as { recoveredBy: string }).recoveredBy).toBe(order.json().number);
      expect((await admin.get(`/api/v1/customers/${customerId}`)).json().churnedAt).toBeNull();
    }
    // ordered just now: no new warning
    await run();
    expect(await recordsOf(admin, `customerId=${warned}`)).toHaveLength(1);
  });

  it('a customer merge brings the duplicate’s records along, keeping one open warning', async () => {
    const kept = await oldCustomer(managerId, '2 years');
    const gone = await oldCustomer(managerId, '2 years');
    const lostEarlier = await oldCustomer(managerId, '2 years');
    await run();
    // the duplicate also has a closed record (recovered earlier)
    await t.database.db.execute(sql`UPDATE churn_records SET status = 'recovered', closed_at = now(),
      customer_id = ${gone} WHERE customer_id = ${lostEarlier}`);
    const merged = await admin.post(`/api/v1/customers/${kept}/merge`, { sourceId: gone });
    expect(merged.statusCode, merged.body).toBe(200);
    const records = await recordsOf(admin, `customerId=${kept}`);
    expect(records.map((r) => r.status).sort()).toEqual(['recovered', 'warning']);
    expect(await recordsOf(admin, `customerId=${gone}`)).toHaveLength(0);
  });

  it('keeps to the churn scope: another department’s manager neither lists, reads nor handles the record', async () => {
    const customer = await oldCustomer(managerId, '2 years');
    await run();
    const r = await recordOf(customer);
    expect((await recordsOf(other, 'pageSize=100')).some((x) => x.id === r.id)).toBe(false);
    expect((await other.get(`/api/v1/churn-records/${r.id}`)).statusCode).toBe(404);
    const res = await other.post(`/api/v1/churn-records/${r.id}/delay`, {
      measures: 'x',
      until: dateIn(3),
      version: r.version,
    });
    expect(res.statusCode).toBe(404);
    expect(
      (await other.post(`/api/v1/churn-records/${r.id}/confirm`, { reason: reasonId, version: r.version }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses bad input with 400, never 500', async () => {
    expect((await admin.get('/api/v1/churn-records?status=lost')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/churn-records/nope')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/churn-records?sort=name')).statusCode).toBe(400);
    const r = await admin.post(`/api/v1/churn-records/${managerId}/delay`, {
      measures: 'x',
      until: '2026-13-45',
      version: 1,
    });
    expect(r.statusCode).toBe(400);
  });

  it('confirm moves the customer into the pool covering its department when the setting says so (audited)', async () => {
    const pool = await admin.post('/api/v1/pools', {
      name: `流失公海${Date.now()}`,
      departmentIds: [managerDept],
      recycleNoFollowUpDays: null,
      recycleNoDealDays: null,
      remindDaysBefore: null,
      holdLimit: null,
      dailyClaimLimit: null,
      cooldownDays: null,
    });
    expect(pool.statusCode, pool.body).toBe(201);
    const s = (await admin.get('/api/v1/settings/churn')).json();
    const on = await admin.put('/api/v1/settings/churn', { ...s, poolOnConfirm: true });
    expect(on.statusCode, on.body).toBe(200);
    try {
      const customer = await oldCustomer(managerId, '2 years');
      await run();
      const r = await recordOf(customer);
      const res = await manager.post(`/api/v1/churn-records/${r.id}/confirm`, {
        reason: reasonId,
        version: r.version,
      });
      expect(res.statusCode, res.body).toBe(200);
      // seen in the pool by its departments
      const c = (await manager.get(`/api/v1/customers/${customer}`)).json();
      expect(c).toMatchObject({ state: 'pool', poolId: pool.json().id });
      expect(c.churnedAt).not.toBeNull();
      const audit = (await admin.get(`/api/v1/audit-logs?entity=churn-records&entityId=${r.id}`)).json().data;
      expect(audit.map((a: { action: string }) => a.action)).toContain('confirm');
    } finally {
      const now = (await admin.get('/api/v1/settings/churn')).json();
      await admin.put('/api/v1/settings/churn', { ...now, poolOnConfirm: false });
    }
  });

  it('a warning follows its customer to a new owner with the nightly run', async () => {
    const customer = await oldCustomer(managerId, '2 years');
    await run();
    const r = await recordOf(customer);
    await t.database.db.execute(
      sql`UPDATE customers SET owner_id = ${otherId}, department_id = ${otherDept} WHERE id = ${customer}`,
    );
    await scoreRisks(t.database.db, t.tenant.id);
    expect((await other.get(`/api/v1/churn-records/${r.id}`)).statusCode).toBe(200);
    expect((await manager.get(`/api/v1/churn-records/${r.id}`)).statusCode).toBe(404);
  });
});
