import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, multipart } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { costPer } from './roi.ts';

let t: TestContext;
let admin: Agent;
let marketer: Agent;
let marketerUser: { id: string; name: string };
let colleague: Agent;
let colleagueUser: { id: string };
let outsider: Agent;
let outsiderUser: { id: string };
let viewer: Agent;
let channels: { id: string; name: string }[];

const all = ['campaigns:view', 'campaigns:create', 'campaigns:edit', 'campaigns:delete'];

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const root = t.tenant.rootDepartmentId;
  const east = await makeDepartment(admin, root);
  const south = await makeDepartment(admin, root);
  const dept = await makeRole(admin, all, { campaigns: 'department' });
  const readOnly = await makeRole(admin, ['campaigns:view'], { campaigns: 'department' });
  marketerUser = await makeUser(admin, { departmentId: east.id, roleIds: [dept.id] });
  colleagueUser = await makeUser(admin, { departmentId: east.id, roleIds: [dept.id] });
  outsiderUser = await makeUser(admin, { departmentId: south.id, roleIds: [dept.id] });
  const viewerUser = await makeUser(admin, { departmentId: east.id, roleIds: [readOnly.id] });
  marketer = await t.login((marketerUser as unknown as { username: string }).username);
  colleague = await t.login((colleagueUser as unknown as { username: string }).username);
  outsider = await t.login((outsiderUser as unknown as { username: string }).username);
  viewer = await t.login((viewerUser as unknown as { username: string }).username);
  channels = (await admin.get('/api/v1/dictionaries/campaign-channel/items')).json().data;
});
afterAll(() => t.close());

type Row = { id: string; version: number; [k: string]: unknown };

async function create(agent: Agent, body: Record<string, unknown> = {}) {
  const res = await agent.post('/api/v1/campaigns', {
    name: unique('活动'),
    channel: channels[0].id,
    startDate: '2026-04-01',
    endDate: '2026-04-02',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Row;
}

describe('campaigns', () => {
  it('creates a numbered campaign with participants and exact expense lines (0.10 + 0.20 = 0.30)', async () => {
    const c = await create(marketer, {
      budget: '1000',
      targetCustomers: '华东经销商',
      products: '新品 A',
      partners: '会展公司',
      participantIds: [colleagueUser.id],
      expenses: [
        { item: '茶歇', amount: '0.10' },
        { item: '矿泉水', amount: '0.2', spentOn: '2026-04-01', note: '两箱' },
      ],
    });
    expect(c.number).toMatch(/^HD\d{8}-\d{4}$/);
    expect(c).toMatchObject({
      status: 'planned',
      budget: '1000.00',
      totalExpense: '0.30',
      ownerId: marketerUser.id,
      ownerName: marketerUser.name,
      channelName: channels[0].name,
      participants: [{ id: colleagueUser.id }],
      expenses: [
        { item: '茶歇', amount: '0.10', spentOn: null, note: null },
        { item: '矿泉水', amount: '0.20', spentOn: '2026-04-01', note: '两箱' },
      ],
      results: { cost: '0.30', leads: 0, costPerLead: null, costPerCustomer: null, wonAmount: '0.00' },
    });
    // big amounts stay exact to the cent (a float would lose them)
    const big = await create(marketer, {
      expenses: [
        { item: 'a', amount: '9999999999999.99' },
        { item: 'b', amount: '0.01' },
      ],
    });
    expect(big.totalExpense).toBe('10000000000000.00');
    const listed = (await marketer.get(`/api/v1/campaigns?q=${encodeURIComponent(c.name as string)}`)).json();
    expect(listed.data).toEqual([expect.objectContaining({ id: c.id, totalExpense: '0.30' })]);
  });

  it('refuses bad money, dates, channels and participants with field paths, never a 500', async () => {
    const bad = async (body: Record<string, unknown>, path: string, code = 'VALIDATION_FAILED') => {
      const res = await marketer.post('/api/v1/campaigns', {
        name: 'x',
        channel: channels[0].id,
        startDate: '2026-04-01',
        endDate: '2026-04-02',
        ...body,
      });
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.json().code).toBe(code);
      expect(JSON.stringify(res.json().details)).toContain(path);
    };
    await bad({ expenses: [{ item: '场地', amount: 1.5 }] }, 'expenses.0.amount');
    await bad({ expenses: [{ item: '场地', amount: '1.005' }] }, 'expenses.0.amount');
    await bad({ expenses: [{ item: '场地', amount: '-5' }] }, 'expenses.0.amount');
    await bad({ budget: '1e5' }, 'budget');
    await bad({ endDate: '2026-03-01' }, 'endDate');
    await bad(
      { participantIds: [outsiderUser.id, '01000000-0000-7000-8000-000000000000'] },
      'participantIds',
    );
    // a channel must be an item of campaign-channel
    const source = (await admin.get('/api/v1/dictionaries/customer-source/items')).json().data[0].id;
    await bad({ channel: source }, 'channel', 'DICTIONARY_ITEM_MISMATCH');
  });

  it('refuses an invalidated channel for new campaigns but keeps it on those that have it', async () => {
    const item = (
      await admin.post('/api/v1/dictionaries/campaign-channel/items', { name: unique('渠道') })
    ).json() as Row;
    const c = await create(marketer, { channel: item.id });
    const off = await admin.post('/api/v1/dictionaries/campaign-channel/items/invalidate', {
      ids: [item.id],
    });
    expect(off.statusCode, off.body).toBe(200);
    const res = await marketer.post('/api/v1/campaigns', {
      name: 'x',
      channel: item.id,
      startDate: '2026-04-01',
      endDate: '2026-04-01',
    });
    expect(res.json().code).toBe('DICTIONARY_ITEM_INVALID');
    const kept = await marketer.patch(`/api/v1/campaigns/${c.id}`, { version: c.version, name: '改名' });
    expect(kept.statusCode, kept.body).toBe(200);
    // in use: it cannot be deleted
    const now = (await admin.get('/api/v1/dictionaries/campaign-channel/items')).json().data as Row[];
    const version = now.find((i) => i.id === item.id)?.version;
    const del = await admin.delete(
      `/api/v1/dictionaries/campaign-channel/items/${item.id}?version=${version}`,
    );
    expect(del.json().code).toBe('DICTIONARY_ITEM_IN_USE');
  });

  it('updates with the version (stale → 409 CONFLICT), replaces expense lines, audits each change', async () => {
    const c = await create(marketer, { expenses: [{ item: '场地', amount: '100' }] });
    const res = await marketer.patch(`/api/v1/campaigns/${c.id}`, {
      version: c.version,
      status: 'running',
      expenses: [
        { item: '场地', amount: '100.00' },
        { item: '印刷', amount: '35.5' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const updated = res.json() as Row;
    expect(updated).toMatchObject({ status: 'running', version: c.version + 1, totalExpense: '135.50' });
    const stale = await colleague.patch(`/api/v1/campaigns/${c.id}`, { version: c.version, name: '旧版本' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const staleDelete = await marketer.delete(`/api/v1/campaigns/${c.id}?version=${c.version}`);
    expect(staleDelete.statusCode).toBe(409);
    const history = (await marketer.get(`/api/v1/campaigns/${c.id}/history`)).json().data as {
      field: string;
      before: unknown;
      after: unknown;
    }[];
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'status', before: 'planned', after: 'running' }),
        expect.objectContaining({
          field: 'expenses',
          before: ['场地 100.00'],
          after: ['场地 100.00', '印刷 35.50'],
        }),
      ]),
    );
    // dates are checked against the stored other end
    const early = await marketer.patch(`/api/v1/campaigns/${c.id}`, {
      version: updated.version,
      endDate: '2026-01-01',
    });
    expect(early.statusCode).toBe(400);
    const gone = await marketer.delete(`/api/v1/campaigns/${c.id}?version=${updated.version}`);
    expect(gone.statusCode, gone.body).toBe(200);
    expect((await marketer.get(`/api/v1/campaigns/${c.id}`)).statusCode).toBe(404);
  });

  it('keeps campaigns in their department: out of scope is 404 for reading, changing, the log and deleting', async () => {
    const c = await create(marketer);
    expect((await colleague.get(`/api/v1/campaigns/${c.id}`)).statusCode).toBe(200);
    const answers = await Promise.all([
      outsider.get(`/api/v1/campaigns/${c.id}`),
      outsider.patch(`/api/v1/campaigns/${c.id}`, { version: c.version, name: 'x' }),
      outsider.delete(`/api/v1/campaigns/${c.id}?version=${c.version}`),
      outsider.get(`/api/v1/campaigns/${c.id}/actions`),
      outsider.post(`/api/v1/campaigns/${c.id}/actions`, { content: 'x' }),
      outsider.get(`/api/v1/campaigns/${c.id}/history`),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([404, 404, 404, 404, 404, 404]);
    const list = (await outsider.get('/api/v1/campaigns?pageSize=100')).json();
    expect(list.data.map((r: Row) => r.id)).not.toContain(c.id);
    // handing it to someone out of one's own reach is refused (nobody loses what they made)
    const away = await marketer.patch(`/api/v1/campaigns/${c.id}`, {
      version: c.version,
      ownerId: outsiderUser.id,
    });
    expect(away.statusCode).toBe(400);
    expect(away.json().details[0].path).toBe('ownerId');
    const made = await marketer.post('/api/v1/campaigns', {
      name: 'x',
      channel: channels[0].id,
      startDate: '2026-04-01',
      endDate: '2026-04-01',
      ownerId: outsiderUser.id,
    });
    expect(made.statusCode).toBe(400);
    // and a handover within the department moves nothing out of sight
    const handed = await marketer.patch(`/api/v1/campaigns/${c.id}`, {
      version: c.version,
      ownerId: colleagueUser.id,
    });
    expect(handed.statusCode, handed.body).toBe(200);
  });

  it('filters the list by channel, status, owner and overlapping dates', async () => {
    const tag = unique('筛选');
    const a = await create(marketer, {
      name: `${tag}A`,
      channel: channels[1].id,
      startDate: '2026-05-01',
      endDate: '2026-05-10',
    });
    const b = await create(colleague, {
      name: `${tag}B`,
      status: 'running',
      startDate: '2026-05-08',
      endDate: '2026-06-02',
    });
    const ids = async (query: string) =>
      (
        (await marketer.get(`/api/v1/campaigns?q=${encodeURIComponent(tag)}&${query}`)).json().data as Row[]
      ).map((r) => r.id);
    expect(await ids(`channel=${channels[1].id}`)).toEqual([a.id]);
    expect(await ids('status=running')).toEqual([b.id]);
    expect(await ids('status=planned,running')).toHaveLength(2);
    expect(await ids(`ownerId=${colleagueUser.id}`)).toEqual([b.id]);
    expect(await ids('from=2026-05-11&to=2026-05-31')).toEqual([b.id]);
    expect(await ids('from=2026-05-09&to=2026-05-09')).toHaveLength(2);
    expect(await ids('sort=startDate')).toEqual([a.id, b.id]);
    expect((await marketer.get('/api/v1/campaigns?status=bogus')).statusCode).toBe(400);
    expect((await marketer.get('/api/v1/campaigns?from=2026-13-45x')).statusCode).toBe(400);
  });

  it('keeps an action log: dated entries by people, newest first, removable only by their author', async () => {
    const c = await create(marketer);
    const first = await marketer.post(`/api/v1/campaigns/${c.id}/actions`, {
      occurredOn: '2026-03-02',
      content: '发出邀请函',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      occurredOn: '2026-03-02',
      userId: marketerUser.id,
      canDelete: true,
    });
    const second = await colleague.post(`/api/v1/campaigns/${c.id}/actions`, { content: '确认场地' });
    expect(second.statusCode, second.body).toBe(201);
    const log = (await marketer.get(`/api/v1/campaigns/${c.id}/actions`)).json().data as Row[];
    expect(log.map((a) => a.content)).toEqual(['确认场地', '发出邀请函']);
    expect(log.map((a) => a.canDelete)).toEqual([false, true]);
    const future = await marketer.post(`/api/v1/campaigns/${c.id}/actions`, {
      occurredOn: '2099-01-01',
      content: 'x',
    });
    expect(future.statusCode).toBe(400);
    expect((await marketer.post(`/api/v1/campaigns/${c.id}/actions`, { content: ' ' })).statusCode).toBe(400);
    const notMine = await marketer.delete(`/api/v1/campaigns/${c.id}/actions/${second.json().id}`);
    expect(notMine.statusCode).toBe(403);
    const mine = await marketer.delete(`/api/v1/campaigns/${c.id}/actions/${first.json().id}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect((await marketer.get(`/api/v1/campaigns/${c.id}/actions`)).json().data).toHaveLength(1);
    // a read-only viewer reads the log but cannot write it
    expect((await viewer.get(`/api/v1/campaigns/${c.id}/actions`)).statusCode).toBe(200);
    expect((await viewer.post(`/api/v1/campaigns/${c.id}/actions`, { content: 'x' })).statusCode).toBe(403);
    const audit = (await admin.get(`/api/v1/audit-logs?entity=campaigns&entityId=${c.id}`)).json()
      .data as Row[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['create', 'campaign-action', 'campaign-action-delete']),
    );
  });

  it('answers ROI per campaign and per channel with zero leads (no division by zero)', async () => {
    const tag = unique('ROI');
    await create(marketer, {
      name: `${tag}1`,
      startDate: '2025-01-10',
      endDate: '2025-01-12',
      expenses: [
        { item: '场地', amount: '0.10' },
        { item: '物料', amount: '0.20' },
      ],
    });
    await create(marketer, {
      name: `${tag}2`,
      channel: channels[1].id,
      startDate: '2025-01-11',
      endDate: '2025-01-11',
    });
    const roi = (await marketer.get('/api/v1/campaigns/roi?from=2025-01-01&to=2025-01-31')).json();
    expect(roi.campaigns).toHaveLength(2);
    expect(roi.total).toMatchObject({
      campaigns: 2,
      cost: '0.30',
      leads: 0,
      costPerLead: null,
      costPerCustomer: null,
    });
    expect(roi.channels).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: channels[0].id, campaigns: 1, cost: '0.30', costPerLead: null }),
        expect.objectContaining({ channel: channels[1].id, campaigns: 1, cost: '0.00' }),
      ]),
    );
    expect(roi.counted).toEqual(['cost', 'leads', 'converted', 'customers', 'wonAmount']);
    // out of scope, out of sight
    const theirs = (await outsider.get('/api/v1/campaigns/roi?from=2025-01-01&to=2025-01-31')).json();
    expect(theirs.total.campaigns).toBe(0);
    expect((await marketer.get('/api/v1/campaigns/roi?from=2025-02-01&to=2025-01-01')).statusCode).toBe(400);
  });

  it("counts the leads module's leads: per campaign, per channel, cost per lead and per customer", async () => {
    const tag = unique('线索ROI');
    const period = 'from=2024-06-01&to=2024-06-30';
    const a = await create(marketer, {
      name: `${tag}A`,
      startDate: '2024-06-01',
      endDate: '2024-06-02',
      expenses: [{ item: '场地', amount: '100.00' }],
    });
    const b = await create(marketer, {
      name: `${tag}B`,
      startDate: '2024-06-10',
      endDate: '2024-06-10',
      expenses: [{ item: '物料', amount: '50' }],
    });
    const c = await create(marketer, {
      name: `${tag}C`,
      channel: channels[1].id,
      startDate: '2024-06-20',
      endDate: '2024-06-20',
    });
    // leads through the leads module's API (the admin may create, convert and delete them)
    const lead = async (campaignId: string) => {
      const res = await admin.post('/api/v1/leads', { name: unique('线索客户'), campaignId, mobile: null });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as Row;
    };
    const [a1] = [await lead(a.id), await lead(a.id), await lead(a.id)];
    const converted = await admin.post(`/api/v1/leads/${a1.id}/convert`, { contact: null });
    expect(converted.statusCode, converted.body).toBe(200);
    await lead(b.id);
    const gone = await lead(b.id);
    expect((await admin.delete(`/api/v1/leads/${gone.id}?version=${gone.version}`)).statusCode).toBe(200);
    // an unknown campaign is refused by the leads module (it asks campaigns/published.ts)
    const unknown = await admin.post('/api/v1/leads', {
      name: 'x',
      campaignId: '01000000-0000-7000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);

    const roi = (await marketer.get(`/api/v1/campaigns/roi?${period}`)).json();
    const row = (id: string) => roi.campaigns.find((r: Row) => r.id === id);
    expect(row(a.id)).toMatchObject({
      cost: '100.00',
      leads: 3,
      converted: 1,
      customers: 1,
      costPerLead: '33.33',
      costPerCustomer: '100.00',
    });
    expect(row(b.id)).toMatchObject({
      cost: '50.00',
      leads: 1,
      customers: 0,
      costPerLead: '50.00',
      costPerCustomer: null,
    });
    expect(row(c.id)).toMatchObject({ cost: '0.00', leads: 0, costPerLead: null });
    const channel = roi.channels.find((r: { channel: string }) => r.channel === channels[0].id);
    expect(channel).toMatchObject({
      campaigns: 2,
      cost: '150.00',
      leads: 4,
      customers: 1,
      costPerLead: '37.50',
    });
    expect(roi.total).toMatchObject({
      campaigns: 3,
      cost: '150.00',
      leads: 4,
      converted: 1,
      costPerCustomer: '150.00',
    });
    // the list counts them too
    const listed = (
      await marketer.get(`/api/v1/campaigns?q=${encodeURIComponent(tag)}&sort=startDate`)
    ).json();
    expect(listed.data.map((r: Row) => [r.leads, r.customers])).toEqual([
      [3, 1],
      [1, 0],
      [0, 0],
    ]);
    // the campaign's own page has the same figures
    const detail = (await marketer.get(`/api/v1/campaigns/${a.id}`)).json();
    expect(detail.results).toMatchObject({ leads: 3, customers: 1, costPerLead: '33.33', wonAmount: '0.00' });
    // channel filter
    const one = (await marketer.get(`/api/v1/campaigns/roi?${period}&channel=${channels[1].id}`)).json();
    expect(one.campaigns.map((r: Row) => r.id)).toEqual([c.id]);
  });

  it('counts the won amounts of the opportunities its leads were converted into (not the open or lost ones)', async () => {
    const tag = unique('赢单ROI');
    const camp = await create(marketer, {
      name: tag,
      startDate: '2024-07-01',
      endDate: '2024-07-02',
      expenses: [{ item: '场地', amount: '1000' }],
    });
    const reason = (await admin.get('/api/v1/dictionaries/lost-reason/items')).json();
    const lostReason = (Array.isArray(reason) ? reason : reason.data)[0].id as string;
    // each lead converted by the admin with a deal, which is then won, lost or left open
    const deal = async (amount: string, end: 'win' | 'lose' | 'open') => {
      const lead = (
        await admin.post('/api/v1/leads', { name: unique('线索客户'), campaignId: camp.id })
      ).json();
      const res = await admin.post(`/api/v1/leads/${lead.id}/convert`, {
        contact: null,
        opportunity: { title: unique('机会'), expectedAmount: amount, expectedCloseDate: '2024-08-01' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const id = res.json().opportunityId as string;
      const o = (await admin.get(`/api/v1/opportunities/${id}`)).json();
      if (end === 'win') await admin.post(`/api/v1/opportunities/${id}/win`, { version: o.version });
      if (end === 'lose')
        await admin.post(`/api/v1/opportunities/${id}/lose`, { version: o.version, reason: lostReason });
    };
    await deal('0.10', 'win');
    await deal('0.20', 'win');
    await deal('999', 'lose');
    await deal('5000', 'open');
    const roi = (await marketer.get('/api/v1/campaigns/roi?from=2024-07-01&to=2024-07-31')).json();
    expect(roi.campaigns.find((r: Row) => r.id === camp.id)).toMatchObject({ wonAmount: '0.30', leads: 4 });
    expect((await marketer.get(`/api/v1/campaigns/${camp.id}`)).json().results.wonAmount).toBe('0.30');
  });

  it('carries files seen exactly when the campaign is, attached by who may edit it', async () => {
    const c = await create(marketer);
    const form = multipart(
      { entity: 'campaigns', entityId: c.id },
      { file: { name: '场地合同.txt', content: '合同', type: 'text/plain' } },
    );
    const up = await marketer.request('POST', '/api/v1/files', form.payload, { headers: form.headers });
    expect(up.statusCode, up.body).toBe(201);
    const files = `/api/v1/files?entity=campaigns&entityId=${c.id}`;
    expect((await colleague.get(files)).json().data).toHaveLength(1);
    expect((await outsider.get(files)).statusCode).toBe(404);
    const again = multipart(
      { entity: 'campaigns', entityId: c.id },
      { file: { name: 'x.txt', content: 'x', type: 'text/plain' } },
    );
    const refused = await viewer.request('POST', '/api/v1/files', again.payload, { headers: again.headers });
    expect(refused.statusCode).toBe(403);
  });

  it('divides cost per lead to the cent, rounding half up', () => {
    expect(costPer('100.00', 3)).toBe('33.33');
    expect(costPer('0.05', 2)).toBe('0.03');
    expect(costPer('10000000000000.00', 7)).toBe('1428571428571.43');
    expect(costPer('5.00', 0)).toBeNull();
  });
});

describeAuthz(authz);
