import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { rateOf } from './service.ts';

/*
 * The cast: department A with children A1 and A2, a sibling B. 主管 (supervisor) in A sets and
 * splits targets (scope department_and_children); 客户经理 am1 in A1 sees their own attainment only.
 */
let t: TestContext;
let admin: Agent;
let boss: Agent;
let am: Agent;
const ids = {} as Record<'A' | 'A1' | 'A2' | 'A1x' | 'B' | 'boss' | 'am1' | 'am2' | 'inA' | 'inB', string>;
const MONTH = '2027-03-01';

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  ids.A = (await makeDepartment(admin, t.tenant.rootDepartmentId)).id;
  ids.A1 = (await makeDepartment(admin, ids.A)).id;
  ids.A2 = (await makeDepartment(admin, ids.A)).id;
  ids.A1x = (await makeDepartment(admin, ids.A1)).id;
  ids.B = (await makeDepartment(admin, t.tenant.rootDepartmentId)).id;
  const supervisor = await makeRole(
    admin,
    ['targets:view', 'targets:create', 'targets:edit', 'targets:delete'],
    { targets: 'department_and_children' },
  );
  const manager = await makeRole(admin, ['targets:view'], { targets: 'own' });
  const b = await makeUser(admin, { departmentId: ids.A, roleIds: [supervisor.id], name: '主管甲' });
  ids.boss = b.id;
  const a1 = await makeUser(admin, { departmentId: ids.A1, roleIds: [manager.id], name: '经理一' });
  ids.am1 = a1.id;
  ids.am2 = (await makeUser(admin, { departmentId: ids.A1, roleIds: [manager.id], name: '经理二' })).id;
  ids.inA = (await makeUser(admin, { departmentId: ids.A, roleIds: [manager.id], name: '甲部员工' })).id;
  ids.inB = (await makeUser(admin, { departmentId: ids.B, roleIds: [manager.id], name: '乙部员工' })).id;
  boss = await t.login(b.username);
  am = await t.login(a1.username);
});
afterAll(() => t.close());

async function byDepartment(id: string) {
  const list = (await boss.get(`/api/v1/targets?period=month&start=${MONTH}`)).json().data;
  return list.find((x: { departmentId: string | null }) => x.departmentId === id);
}

async function create(agent: Agent, body: Record<string, unknown>, status = 201) {
  const res = await agent.post('/api/v1/targets', { period: 'month', start: MONTH, ...body });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

describe('rateOf', () => {
  it('is actual / target in percent, 1 decimal half up, null without a target above 0', () => {
    expect(rateOf(85_25n, 100_00n)).toBe('85.3');
    expect(rateOf(85_24n, 100_00n)).toBe('85.2');
    expect(rateOf(0n, 100_00n)).toBe('0.0');
    expect(rateOf(250_00n, 100_00n)).toBe('250.0');
    expect(rateOf(1n, 3n)).toBe('33.3');
    expect(rateOf(2n, 3n)).toBe('66.7');
    expect(rateOf(5n, null)).toBeNull();
    expect(rateOf(5n, 0n)).toBeNull();
  });
});

describe('POST /targets', () => {
  it('sets a department target with exact decimals; one per subject and period', async () => {
    const created = await create(boss, { departmentId: ids.A2, amount: '1234.5', count: 3 });
    expect(created).toMatchObject({
      period: 'month',
      start: MONTH,
      departmentId: ids.A2,
      amount: '1234.50',
      count: 3,
    });
    const again = await create(boss, { departmentId: ids.A2, amount: '1' }, 409);
    expect(again.code).toBe('TARGET_EXISTS');
    // another period of the same subject is another target
    await create(boss, { period: 'quarter', start: '2027-01-01', departmentId: ids.A2, amount: '5000' });
  });

  it('refuses a start that is not the period’s first day, two subjects or none, no value, bad money', async () => {
    for (const body of [
      { start: '2027-03-02', departmentId: ids.A2, amount: '1' },
      { period: 'quarter', start: '2027-02-01', departmentId: ids.A2, amount: '1' },
      { period: 'year', start: '2027-03-01', departmentId: ids.A2, amount: '1' },
      { start: '2027-13-01', departmentId: ids.A2, amount: '1' },
      { departmentId: ids.A2, userId: ids.am1, amount: '1' },
      { amount: '1' },
      { userId: ids.am2 },
      { userId: ids.am2, amount: '1.234' },
      { userId: ids.am2, amount: '-5' },
      { userId: ids.am2, amount: 5 },
      { userId: ids.am2, count: -1 },
      { userId: ids.am2, count: 1.5 },
      { period: 'week', userId: ids.am2, amount: '1' },
    ]) {
      const res = await boss.post('/api/v1/targets', { period: 'month', start: MONTH, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const unknown = await boss.post('/api/v1/targets', {
      period: 'month',
      start: MONTH,
      departmentId: '01000000-0000-7000-8000-000000000000',
      amount: '1',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details[0].path).toBe('departmentId');
  });

  it('answers 404 for a subject outside the caller’s targets scope', async () => {
    expect(
      (
        await boss.post('/api/v1/targets', {
          period: 'month',
          start: MONTH,
          departmentId: ids.B,
          amount: '1',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await boss.post('/api/v1/targets', { period: 'month', start: MONTH, userId: ids.inB, amount: '1' }))
        .statusCode,
    ).toBe(404);
  });
});

describe('split, update, delete', () => {
  let parent: { id: string; version: number };

  it('splits a department’s target to its child departments and people, within the parent', async () => {
    // A2 already holds 1234.50: A may not be set below what its children hold
    const below = await create(boss, { departmentId: ids.A, amount: '1000.00', count: 10 }, 409);
    expect(below).toMatchObject({
      code: 'TARGET_EXCEEDS_PARENT',
      details: [{ path: 'amount', message: 'allocated 1234.50 of 1000.00' }],
    });
    const a2 = await byDepartment(ids.A2);
    expect(
      (await boss.patch(`/api/v1/targets/${a2.id}`, { amount: '50', version: a2.version })).statusCode,
    ).toBe(200);
    parent = await create(boss, { departmentId: ids.A, amount: '1000.00', count: 10 });
    const res = await boss.post(`/api/v1/targets/${parent.id}/split`, {
      parts: [
        { departmentId: ids.A1, amount: '600', count: 6 },
        { userId: ids.inA, amount: '300.50' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toHaveLength(2);
    expect(await byDepartment(ids.A1)).toMatchObject({ amount: '600.00', count: 6 });
  });

  it('refuses a split that exceeds the parent, writing nothing', async () => {
    // 600 + 300.50 + 50 = 950.50 ≤ 1000; 800 instead of 600 → 1150.50 > 1000
    const over = await boss.post(`/api/v1/targets/${parent.id}/split`, {
      parts: [{ departmentId: ids.A1, amount: '800' }],
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('TARGET_EXCEEDS_PARENT');
    expect(over.json().details[0]).toMatchObject({ path: 'amount', message: 'allocated 1150.50 of 1000.00' });
    expect((await byDepartment(ids.A1)).amount).toBe('600.00');
    // counts too: 6 + 5 > 10
    const counts = await boss.post(`/api/v1/targets/${parent.id}/split`, {
      parts: [{ userId: ids.inA, count: 5 }],
    });
    expect(counts.statusCode).toBe(409);
    expect(counts.json().details.map((d: { path: string }) => d.path)).toEqual(['count']);
    // a child set directly is held to the same rule
    const direct = await boss.post('/api/v1/targets', {
      period: 'month',
      start: MONTH,
      userId: ids.boss,
      amount: '100',
    });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().code).toBe('TARGET_EXCEEDS_PARENT');
  });

  it('of two splits at once that fit alone but not together, one is refused', async () => {
    const month = '2027-05-01';
    const p = await create(boss, { start: month, departmentId: ids.A, amount: '100' });
    const [one, two] = await Promise.all([
      boss.post(`/api/v1/targets/${p.id}/split`, { parts: [{ departmentId: ids.A1, amount: '60' }] }),
      boss.post(`/api/v1/targets/${p.id}/split`, { parts: [{ departmentId: ids.A2, amount: '60' }] }),
    ]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([200, 409]);
    const list = (await boss.get(`/api/v1/targets?period=month&start=${month}`)).json().data;
    expect(
      list.filter((x: { departmentId: string }) => x.departmentId === ids.A1 || x.departmentId === ids.A2),
    ).toHaveLength(1);
  });

  it('refuses parts that are not the department’s children or people, and splitting a person’s target', async () => {
    for (const [i, part] of [
      { departmentId: ids.A1x },
      { departmentId: ids.B },
      { userId: ids.am1 },
    ].entries()) {
      const res = await boss.post(`/api/v1/targets/${parent.id}/split`, {
        parts: [{ ...part, amount: '1' }],
      });
      // B and its people are out of scope (404); A1x and am1 are in scope but not direct children (400)
      expect(res.statusCode, `${i}`).toBe(part.departmentId === ids.B ? 404 : 400);
    }
    const dup = await boss.post(`/api/v1/targets/${parent.id}/split`, {
      parts: [
        { departmentId: ids.A1, amount: '1' },
        { departmentId: ids.A1, amount: '2' },
      ],
    });
    expect(dup.statusCode).toBe(400);
    const person = (await boss.get(`/api/v1/targets?period=month&start=${MONTH}`))
      .json()
      .data.find((x: { userId: string }) => x.userId === ids.inA);
    const res = await boss.post(`/api/v1/targets/${person.id}/split`, {
      parts: [{ userId: ids.inA, amount: '1' }],
    });
    expect(res.statusCode).toBe(400);
  });

  it('updates with version (409 when stale), not below what is allocated, keeping a value; audited', async () => {
    const current = (await boss.get(`/api/v1/targets/${parent.id}`)).json();
    const stale = await boss.patch(`/api/v1/targets/${parent.id}`, {
      amount: '2000',
      version: current.version - 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const below = await boss.patch(`/api/v1/targets/${parent.id}`, {
      amount: '900',
      version: current.version,
    });
    expect(below.statusCode).toBe(409);
    expect(below.json().code).toBe('TARGET_EXCEEDS_PARENT');
    const empty = await boss.patch(`/api/v1/targets/${parent.id}`, {
      amount: null,
      count: null,
      version: current.version,
    });
    expect(empty.statusCode).toBe(400);
    const up = await boss.patch(`/api/v1/targets/${parent.id}`, { amount: '2000', version: current.version });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ amount: '2000.00', count: 10, version: current.version + 1 });
    const audit = (await admin.get(`/api/v1/audit-logs?entity=targets&entityId=${parent.id}`)).json().data;
    expect(audit[0]).toMatchObject({ action: 'update', changes: { amount: ['1000.00', '2000.00'] } });
  });

  it('deletes with version; then the subject may have a new one', async () => {
    const a2 = await byDepartment(ids.A2);
    expect((await boss.delete(`/api/v1/targets/${a2.id}?version=${a2.version - 1}`)).statusCode).toBe(409);
    expect((await boss.delete(`/api/v1/targets/${a2.id}?version=${a2.version}`)).statusCode).toBe(200);
    expect((await boss.get(`/api/v1/targets/${a2.id}`)).statusCode).toBe(404);
    await create(boss, { departmentId: ids.A2, amount: '10' });
  });
});

describe('GET /targets/attainment', () => {
  it('shows the supervisor every department of the subtree and its people, with target, actual, rate and allocation', async () => {
    const res = await boss.get(`/api/v1/targets/attainment?period=month&start=${MONTH}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ period: 'month', start: MONTH, end: '2027-04-01', basis: 'orders' });
    expect(body.departments.map((d: { id: string }) => d.id).sort()).toEqual(
      [ids.A, ids.A1, ids.A2, ids.A1x].sort(),
    );
    const a = body.departments.find((d: { id: string }) => d.id === ids.A);
    expect(a).toMatchObject({
      target: '2000.00',
      actual: '0.00',
      rate: '0.0',
      targetCount: 10,
      actualCount: 0,
      countRate: '0.0',
      allocated: '910.50',
      allocatedCount: 6,
    });
    const a1x = body.departments.find((d: { id: string }) => d.id === ids.A1x);
    expect(a1x).toMatchObject({ target: null, rate: null, parentId: ids.A1 });
    const people = body.users.map((u: { id: string }) => u.id);
    expect(people).toEqual(expect.arrayContaining([ids.boss, ids.am1, ids.am2, ids.inA]));
    expect(people).not.toContain(ids.inB);
    expect(body.users.find((u: { id: string }) => u.id === ids.inA)).toMatchObject({
      target: '300.50',
      parentId: ids.A,
    });
  });

  it('shows an account manager (scope own) only their own row and no department', async () => {
    const body = (await am.get(`/api/v1/targets/attainment?period=month&start=${MONTH}`)).json();
    expect(body.departments).toEqual([]);
    expect(body.users.map((u: { id: string }) => u.id)).toEqual([ids.am1]);
  });

  it('refuses a start that is not the period’s first day', async () => {
    const res = await boss.get('/api/v1/targets/attainment?period=quarter&start=2027-03-01');
    expect(res.statusCode).toBe(400);
  });
});

describe('settings', () => {
  it('default orders; the admin changes the basis with version, audited', async () => {
    expect((await boss.get('/api/v1/targets/settings')).json()).toEqual({ basis: 'orders', version: 0 });
    expect((await boss.put('/api/v1/targets/settings', { basis: 'payments', version: 0 })).statusCode).toBe(
      403,
    );
    const res = await admin.put('/api/v1/targets/settings', { basis: 'payments', version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ basis: 'payments', version: 1 });
    expect((await admin.put('/api/v1/targets/settings', { basis: 'orders', version: 0 })).statusCode).toBe(
      409,
    );
    expect((await admin.put('/api/v1/targets/settings', { basis: 'leads', version: 1 })).statusCode).toBe(
      400,
    );
    const body = (await boss.get(`/api/v1/targets/attainment?period=month&start=${MONTH}`)).json();
    expect(body.basis).toBe('payments');
  });
});

describe('attainment from the sales (won opportunities)', () => {
  it('counts a won opportunity to its owner, their department and every department above, within the period', async () => {
    const month = `${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7)}-01`;
    const settings = (await admin.get('/api/v1/targets/settings')).json();
    expect(
      (await admin.put('/api/v1/targets/settings', { basis: 'opportunities', version: settings.version }))
        .statusCode,
    ).toBe(200);
    const customer = await makeCustomer(admin);
    const created = await admin.post('/api/v1/opportunities', {
      customerId: customer.id,
      title: '门禁项目',
      expectedAmount: '1234.56',
      expectedCloseDate: month,
    });
    expect(created.statusCode, created.body).toBe(201);
    const assigned = await admin.post(`/api/v1/opportunities/${created.json().id}/assign`, {
      userId: ids.am1,
      version: created.json().version,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const won = await admin.post(`/api/v1/opportunities/${created.json().id}/win`, {
      version: assigned.json().version,
    });
    expect(won.statusCode, won.body).toBe(200);
    await create(boss, { start: month, userId: ids.am1, amount: '2000', count: 4 });

    const body = (await boss.get(`/api/v1/targets/attainment?period=month&start=${month}`)).json();
    expect(body.basis).toBe('opportunities');
    expect(body.users.find((u: { id: string }) => u.id === ids.am1)).toMatchObject({
      target: '2000.00',
      actual: '1234.56',
      rate: '61.7',
      targetCount: 4,
      actualCount: 1,
      countRate: '25.0',
    });
    for (const d of [ids.A1, ids.A])
      expect(body.departments.find((x: { id: string }) => x.id === d)).toMatchObject({
        actual: '1234.56',
        actualCount: 1,
        rate: null,
      });
    expect(body.departments.find((x: { id: string }) => x.id === ids.A2)).toMatchObject({ actual: '0.00' });
    // the account manager sees the same of their own row; another period counts nothing
    const own = (await am.get(`/api/v1/targets/attainment?period=month&start=${month}`)).json();
    expect(own.users).toMatchObject([{ id: ids.am1, actual: '1234.56', rate: '61.7' }]);
    const year = (await am.get(`/api/v1/targets/attainment?period=year&start=2020-01-01`)).json();
    expect(year.users[0]).toMatchObject({ actual: '0.00', target: null, rate: null });
  });
});

describe('attainment rows by scope', () => {
  it('department: that department and its people; own_and_subordinates: those people and no department', async () => {
    const deptRole = await makeRole(admin, ['targets:view'], { targets: 'department' });
    const teamRole = await makeRole(admin, ['targets:view'], { targets: 'own_and_subordinates' });
    const inA = await makeUser(admin, { departmentId: ids.A, roleIds: [deptRole.id] });
    const lead = await makeUser(admin, { departmentId: ids.B, roleIds: [teamRole.id] });
    const report = await makeUser(admin, { departmentId: ids.A1, supervisorId: lead.id });
    const q = `period=month&start=${MONTH}`;
    const byDept = (await (await t.login(inA.username)).get(`/api/v1/targets/attainment?${q}`)).json();
    expect(byDept.departments.map((d: { id: string }) => d.id)).toEqual([ids.A]);
    expect(byDept.users.map((u: { id: string }) => u.id).sort()).toEqual([ids.boss, ids.inA, inA.id].sort());
    const byTeam = (await (await t.login(lead.username)).get(`/api/v1/targets/attainment?${q}`)).json();
    expect(byTeam.departments).toEqual([]);
    expect(byTeam.users.map((u: { id: string }) => u.id).sort()).toEqual([lead.id, report.id].sort());
  });
});

describeAuthz(authz);
