import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';

describeAuthz(authz);

let t: TestContext;
let admin: Agent;
let sup: Agent;
let rep1: Agent;
let rep2: Agent;
let outsider: Agent;
const ids = { sup: '', rep1: '', rep2: '', outsider: '' };
let followUpType = '';

const permissions = [
  'follow-ups:view',
  'follow-ups:create',
  'follow-ups:delete',
  'customers:view',
  'customers:create',
  'customers:edit',
];

type Norm = { levelId: string; levelName: string; perMonth: number; version: number | null };
type Row = {
  userId: string;
  name: string;
  customers: number;
  required: number;
  done: number;
  rate: number | null;
};
type Behind = {
  id: string;
  name: string;
  levelId: string;
  required: number;
  done: number;
  followUps: number;
};

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const dept = t.tenant.rootDepartmentId;
  const team = await makeRole(admin, permissions, {
    customers: 'own_and_subordinates',
    'follow-ups': 'own_and_subordinates',
  });
  const own = await makeRole(admin, permissions, { customers: 'own', 'follow-ups': 'own' });
  const s = await makeUser(admin, { departmentId: dept, roleIds: [team.id] });
  const r1 = await makeUser(admin, { departmentId: dept, roleIds: [own.id], supervisorId: s.id });
  const r2 = await makeUser(admin, { departmentId: dept, roleIds: [own.id], supervisorId: s.id });
  const o = await makeUser(admin, { departmentId: dept, roleIds: [own.id] });
  Object.assign(ids, { sup: s.id, rep1: r1.id, rep2: r2.id, outsider: o.id });
  [sup, rep1, rep2, outsider] = await Promise.all([s, r1, r2, o].map((u) => t.login(u.username)));
  const types = (await admin.get('/api/v1/dictionaries/follow-up-type/items')).json().data as {
    id: string;
  }[];
  followUpType = types[0].id;
});
afterAll(() => t.close());

const norms = async (agent: Agent = admin) => {
  const res = await agent.get('/api/v1/settings/contact-norms');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { norms: Norm[] }).norms;
};

/** A new customer level with a norm of `perMonth` (levels of their own keep tests apart). */
async function levelWithNorm(perMonth: number) {
  const level = await admin.post('/api/v1/dictionaries/customer-level/items', { name: unique('等级') });
  expect(level.statusCode, level.body).toBe(201);
  const res = await admin.put('/api/v1/settings/contact-norms', {
    norms: [{ levelId: level.json().id, perMonth }],
  });
  expect(res.statusCode, res.body).toBe(200);
  return level.json().id as string;
}

async function followUp(agent: Agent, customerId: string, occurredAt: string) {
  const res = await agent.post('/api/v1/follow-ups', {
    customerId,
    type: followUpType,
    content: unique('跟进'),
    occurredAt,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

async function report(agent: Agent, month: string) {
  const res = await agent.get(`/api/v1/reports/contact-compliance?month=${month}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { data: Row[] }).data;
}

async function drill(agent: Agent, month: string, userId: string, status = 'all', q = '') {
  const res = await agent.get(
    `/api/v1/reports/contact-compliance/customers?month=${month}&userId=${userId}&status=${status}&pageSize=100&q=${encodeURIComponent(q)}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { data: Behind[]; total: number };
}

describe('contact norms (GET/PUT /settings/contact-norms)', () => {
  it('seeds the levels of a new tenant: 重点客户 4, 普通客户 2, 小客户 1 a month, read by anyone signed in', async () => {
    const byName = new Map((await norms(rep1)).map((n) => [n.levelName, n.perMonth]));
    expect([byName.get('重点客户'), byName.get('普通客户'), byName.get('小客户')]).toEqual([4, 2, 1]);
  });

  it('lets only an administrator change them, validated, versioned and audited', async () => {
    const level = (
      await admin.post('/api/v1/dictionaries/customer-level/items', { name: unique('等级') })
    ).json() as { id: string; name: string };
    const denied = await sup.put('/api/v1/settings/contact-norms', {
      norms: [{ levelId: level.id, perMonth: 3 }],
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('FORBIDDEN');

    const bad: [unknown, number, string, string?][] = [
      [{ norms: [{ levelId: level.id, perMonth: -1 }] }, 400, 'VALIDATION_FAILED', 'norms.0.perMonth'],
      [{ norms: [{ levelId: level.id, perMonth: 100 }] }, 400, 'VALIDATION_FAILED', 'norms.0.perMonth'],
      [{ norms: [{ levelId: level.id, perMonth: 1.5 }] }, 400, 'VALIDATION_FAILED', 'norms.0.perMonth'],
      [{ norms: [{ levelId: 'x', perMonth: 1 }] }, 400, 'VALIDATION_FAILED', 'norms.0.levelId'],
      [{ norms: [] }, 400, 'VALIDATION_FAILED', 'norms'],
      [{}, 400, 'VALIDATION_FAILED', 'norms'],
      // not a customer level: an item of another dictionary, an id of nothing
      [
        { norms: [{ levelId: followUpType, perMonth: 1 }] },
        400,
        'DICTIONARY_ITEM_MISMATCH',
        'norms.0.levelId',
      ],
      [
        { norms: [{ levelId: '01000000-0000-7000-8000-000000000000', perMonth: 1 }] },
        400,
        'DICTIONARY_ITEM_MISMATCH',
        'norms.0.levelId',
      ],
      [
        {
          norms: [
            { levelId: level.id, perMonth: 1 },
            { levelId: level.id, perMonth: 2 },
          ],
        },
        400,
        'VALIDATION_FAILED',
        'norms.1.levelId',
      ],
    ];
    for (const [body, status, code, path] of bad) {
      const res = await admin.put('/api/v1/settings/contact-norms', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().code).toBe(code);
      if (path) expect(JSON.stringify(res.json().details), res.body).toContain(path);
    }
    expect((await norms()).find((n) => n.levelId === level.id)).toMatchObject({ perMonth: 0, version: null });

    const created = await admin.put('/api/v1/settings/contact-norms', {
      norms: [{ levelId: level.id, perMonth: 3 }],
    });
    expect(created.statusCode, created.body).toBe(200);
    const mine = (created.json() as { norms: Norm[] }).norms.find((n) => n.levelId === level.id);
    expect(mine).toMatchObject({ perMonth: 3, version: 1 });
    // a second first save of the same level, and a stale version, are conflicts
    const again = await admin.put('/api/v1/settings/contact-norms', {
      norms: [{ levelId: level.id, perMonth: 5 }],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CONFLICT');
    const changed = await admin.put('/api/v1/settings/contact-norms', {
      norms: [{ levelId: level.id, perMonth: 5, version: 1 }],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const stale = await admin.put('/api/v1/settings/contact-norms', {
      norms: [{ levelId: level.id, perMonth: 6, version: 1 }],
    });
    expect(stale.statusCode).toBe(409);
    expect((await norms()).find((n) => n.levelId === level.id)).toMatchObject({ perMonth: 5, version: 2 });

    const audit = await admin.get('/api/v1/audit-logs?entity=contact_norms&pageSize=100');
    expect(audit.statusCode, audit.body).toBe(200);
    const entries = (audit.json().data as { summary: string; action: string; changes: unknown }[]).filter(
      (e) => e.summary === level.name,
    );
    expect(entries.map((e) => [e.action, e.changes])).toEqual(
      expect.arrayContaining([
        ['create', { perMonth: [null, 3] }],
        ['update', { perMonth: [3, 5] }],
      ]),
    );
    expect(entries).toHaveLength(2);
    // a level with a norm is in use: it cannot be deleted from the dictionary
    const del = await admin.delete(`/api/v1/dictionaries/customer-level/items/${level.id}?version=1`);
    expect(del.json().code).toBe('DICTIONARY_ITEM_IN_USE');
  });
});

describe('contact compliance report', () => {
  it('counts each customer up to its norm, by anyone, on active customers with a norm only (not deleted, invalidated or pooled)', async () => {
    const twice = await levelWithNorm(2);
    const none = await levelWithNorm(0);
    const busy = await makeCustomer(rep2, { levelId: twice });
    const neglected = await makeCustomer(rep2, { levelId: twice });
    const unnormed = await makeCustomer(rep2, { levelId: none });
    const gone = await makeCustomer(rep2, { levelId: twice });
    for (const day of ['03', '05', '09', '12', '20'])
      await followUp(rep2, busy.id, `2026-09-${day}T10:00:00+08:00`);
    await followUp(rep2, unnormed.id, '2026-09-03T10:00:00+08:00');
    await followUp(rep2, gone.id, '2026-09-03T10:00:00+08:00');
    const del = await admin.delete(`/api/v1/customers/${gone.id}?version=${gone.version}`);
    expect(del.statusCode, del.body).toBe(200);
    // invalidated (失效) and released into a pool: no longer the owner's duty
    const invalid = await makeCustomer(rep2, { levelId: twice });
    const pooled = await makeCustomer(rep2, { levelId: twice });
    await followUp(rep2, invalid.id, '2026-09-04T10:00:00+08:00');
    await followUp(rep2, pooled.id, '2026-09-04T10:00:00+08:00');
    const inv = await admin.post(`/api/v1/customers/${invalid.id}/invalidate`, { reason: '注销' });
    expect(inv.statusCode, inv.body).toBe(200);
    const pool = await admin.post('/api/v1/pools', {
      name: unique('公海'),
      departmentIds: [],
      recycleNoFollowUpDays: null,
      recycleNoDealDays: null,
      remindDaysBefore: null,
      holdLimit: null,
      dailyClaimLimit: null,
      cooldownDays: null,
    });
    expect(pool.statusCode, pool.body).toBe(201);
    const released = await admin.post(`/api/v1/customers/${pooled.id}/release`, {
      reason: '无意向',
      poolId: pool.json().id,
    });
    expect(released.statusCode, released.body).toBe(200);

    const row = (await report(sup, '2026-09')).find((r) => r.userId === ids.rep2);
    // 5 follow-ups on one customer count as its 2; the other's 0 is not hidden
    expect(row).toMatchObject({ customers: 2, required: 4, done: 2, rate: 0.5 });
    // the supervisor's call on the neglected one counts: the norm is about the customer
    await followUp(sup, neglected.id, '2026-09-28T15:00:00+08:00');
    // a deleted follow-up no longer counts
    const extra = await followUp(rep2, neglected.id, '2026-09-29T10:00:00+08:00');
    const removed = await rep2.delete(`/api/v1/follow-ups/${extra.id}?version=${extra.version}`);
    expect(removed.statusCode, removed.body).toBe(200);
    const after = (await report(rep2, '2026-09')).find((r) => r.userId === ids.rep2);
    expect(after).toMatchObject({ customers: 2, required: 4, done: 3, rate: 0.75 });

    const { data, total } = await drill(sup, '2026-09', ids.rep2);
    expect(total).toBe(2);
    expect(data.map((c) => [c.id, c.required, c.done, c.followUps])).toEqual([
      [neglected.id, 2, 1, 1],
      [busy.id, 2, 2, 5],
    ]);
    // the drill-down adds up to the row
    expect(data.reduce((s, c) => s + c.required, 0)).toBe(after?.required);
    expect(data.reduce((s, c) => s + c.done, 0)).toBe(after?.done);
    expect((await drill(sup, '2026-09', ids.rep2, 'behind')).data.map((c) => c.id)).toEqual([neglected.id]);
    const past = await sup.get(
      `/api/v1/reports/contact-compliance/customers?month=2026-09&userId=${ids.rep2}&page=5&pageSize=1`,
    );
    expect(past.json()).toMatchObject({ data: [], total: 2, page: 5 });
    // a part of the name finds one customer among many
    expect((await drill(sup, '2026-09', ids.rep2, 'all', busy.name.slice(2))).data.map((c) => c.id)).toEqual([
      busy.id,
    ]);
  });

  it('takes the month in the tenant’s time zone (Asia/Shanghai, then America/Los_Angeles)', async () => {
    const once = await levelWithNorm(3);
    const c = await makeCustomer(rep1, { levelId: once });
    // 2026-10-31 16:30 UTC is 1 November 00:30 in Shanghai; 2026-11-30 16:00 UTC is 1 December 00:00
    await followUp(rep1, c.id, '2026-10-31T16:30:00Z');
    await followUp(rep1, c.id, '2026-11-30T15:59:59Z');
    await followUp(rep1, c.id, '2026-11-30T16:00:00Z');
    await followUp(rep1, c.id, '2026-10-31T15:59:59Z');
    const done = async (month: string) =>
      (await drill(rep1, month, ids.rep1)).data.find((x) => x.id === c.id)?.followUps;
    expect(await done('2026-10')).toBe(1);
    expect(await done('2026-11')).toBe(2);
    expect(await done('2026-12')).toBe(1);
    // the same follow-ups in a tenant on Los Angeles time (PST, UTC−8, from 1 November)
    const setZone = async (timezone: string) => {
      const { version } = (await admin.get('/api/v1/tenant')).json();
      const res = await admin.patch('/api/v1/tenant', { version, timezone });
      expect(res.statusCode, res.body).toBe(200);
    };
    await setZone('America/Los_Angeles');
    try {
      expect(await done('2026-10')).toBe(2);
      expect(await done('2026-11')).toBe(2);
      expect(await done('2026-12')).toBe(0);
    } finally {
      await setZone('Asia/Shanghai');
    }
  });

  it('shows a supervisor their subtree’s users and an own-scope user only themselves (404 beyond)', async () => {
    const team = (await report(sup, '2026-08')).map((r) => r.userId);
    expect(team).toEqual(expect.arrayContaining([ids.sup, ids.rep1, ids.rep2]));
    expect(team).not.toContain(ids.outsider);
    expect(team).toHaveLength(3);
    expect((await report(rep1, '2026-08')).map((r) => r.userId)).toEqual([ids.rep1]);
    const self = (await report(outsider, '2026-08'))[0];
    expect(self).toMatchObject({ userId: ids.outsider, customers: 0, required: 0, done: 0, rate: null });

    for (const [agent, userId] of [
      [rep1, ids.rep2],
      [sup, ids.outsider],
      [outsider, ids.sup],
      [sup, '01000000-0000-7000-8000-000000000000'],
    ] as const) {
      const res = await agent.get(
        `/api/v1/reports/contact-compliance/customers?month=2026-08&userId=${userId}`,
      );
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    expect((await drill(sup, '2026-08', ids.rep1)).total).toBeGreaterThanOrEqual(0);
  });

  it('refuses a malformed month or user id with the field’s path', async () => {
    for (const q of ['month=2026-13', 'month=2026-1', 'month=', 'month=abc', '']) {
      const res = await sup.get(`/api/v1/reports/contact-compliance?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    for (const q of [
      'month=2026-01&userId=x',
      'month=2026-01',
      `month=2026-01&userId=${ids.rep1}&status=late`,
    ]) {
      const res = await sup.get(`/api/v1/reports/contact-compliance/customers?${q}`);
      expect(res.statusCode, q).toBe(400);
    }
  });

  it('exports the rows in scope as XLSX in the request’s language, with the month and a totals row', async () => {
    const twice = await levelWithNorm(2);
    const c = await makeCustomer(rep1, { levelId: twice });
    await followUp(rep1, c.id, '2026-07-10T10:00:00+08:00');
    const rows = await report(sup, '2026-07');

    const read = async (agent: Agent) => {
      const res = await agent.request('GET', '/api/v1/reports/contact-compliance/export?month=2026-07');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      const values: unknown[][] = [];
      sheet.eachRow((r) => {
        values.push((r.values as unknown[]).slice(1));
      });
      return { sheet, values, disposition: String(res.headers['content-disposition']) };
    };
    const zh = await read(sup);
    expect(zh.disposition).toContain(encodeURIComponent('联系频率达标-2026-07.xlsx'));
    expect(zh.values[0]).toEqual(['月份', '员工', '客户数', '应跟进', '已跟进', '达标率(%)']);
    const body = zh.values.slice(1, -1);
    expect(body).toHaveLength(rows.length);
    const rep1Row = rows.find((r) => r.userId === ids.rep1)!;
    const rep1Name = (await admin.get(`/api/v1/users/${ids.rep1}`)).json().name;
    expect(body).toContainEqual(
      [
        '2026-07',
        rep1Name,
        rep1Row.customers,
        rep1Row.required,
        rep1Row.done,
        (rep1Row.done / rep1Row.required) * 100,
      ].filter((v) => v !== undefined),
    );
    expect(body.some((r) => r[1] === (outsider.user as { username: string }).username)).toBe(false);
    const total = zh.values.at(-1)!;
    expect(total.slice(0, 5)).toEqual([
      '2026-07',
      '合计',
      rows.reduce((s, r) => s + r.customers, 0),
      rows.reduce((s, r) => s + r.required, 0),
      rows.reduce((s, r) => s + r.done, 0),
    ]);
    const en = await read(sup.with({ 'accept-language': 'en-US,en;q=0.9' }));
    expect(en.values[0]).toEqual(['Month', 'User', 'Customers', 'Required', 'Done', 'Rate (%)']);
    expect(en.values.at(-1)?.[1]).toBe('Total');
    expect(en.disposition).toContain('contact-compliance-2026-07.xlsx');
    // an own-scope user's file holds only their own row
    const own = await read(rep1);
    expect(own.values.slice(1, -1).map((r) => r[1])).toEqual([rep1Name]);
  });
});
