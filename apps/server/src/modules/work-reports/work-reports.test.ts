import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, multipart } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';

describeAuthz(authz);

const write = ['work-reports:view', 'work-reports:create', 'work-reports:edit', 'work-reports:delete'];
const records = [
  'customers:view',
  'customers:create',
  'follow-ups:view',
  'follow-ups:create',
  'check-ins:create',
];

let t: TestContext;
let admin: Agent;
let author: Agent;
let authorUser: { id: string; username: string };
let peer: Agent;
let peerUser: { id: string };
let lead: Agent;
let outsider: Agent;
let outsiderUser: { id: string };
let followUpType: string;
let teamId: string;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const team = await makeDepartment(admin, t.tenant.rootDepartmentId);
  teamId = team.id;
  const other = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const member = await makeRole(admin, [...write, ...records], { 'work-reports': 'own', customers: 'own' });
  const leader = await makeRole(admin, [...write, 'work-reports:comment'], { 'work-reports': 'department' });
  authorUser = await makeUser(admin, { departmentId: team.id, roleIds: [member.id] });
  peerUser = await makeUser(admin, { departmentId: team.id, roleIds: [member.id] });
  const leadUser = await makeUser(admin, { departmentId: team.id, roleIds: [leader.id] });
  outsiderUser = await makeUser(admin, { departmentId: other.id, roleIds: [leader.id] });
  author = await t.login(authorUser.username);
  peer = await t.login((peerUser as { username?: string }).username!);
  lead = await t.login(leadUser.username);
  outsider = await t.login((outsiderUser as { username?: string }).username!);
  followUpType = (await admin.get('/api/v1/dictionaries/follow-up-type/items')).json().data[0].id;
});
afterAll(() => t.close());

/** Today in the tenant's zone (Asia/Shanghai): the figures count records made now. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function checkIn(agent: Agent, fields: Record<string, string>) {
  const { default: sharp } = await import('sharp');
  const rand = () => Math.floor(Math.random() * 256);
  const photo = await sharp({
    create: { width: 32, height: 24, channels: 3, background: { r: rand(), g: rand(), b: rand() } },
  })
    .jpeg()
    .toBuffer();
  const body = multipart(
    { lat: '31.2304', lng: '121.4737', accuracy: '20', capturedAt: new Date().toISOString(), ...fields },
    { photo: { name: 'p.jpg', content: photo, type: 'image/jpeg' } },
  );
  const res = await agent.request('POST', '/api/v1/check-ins', body.payload, {
    headers: { ...body.headers, 'idempotency-key': randomUUID() },
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function report(agent: Agent, body: Record<string, unknown>) {
  const res = await agent.post('/api/v1/work-reports', { period: 'day', summary: unique('总结'), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('work reports', () => {
  it('prefills the period with my new customers, follow-ups, visits and check-ins, from the records', async () => {
    const q = `/api/v1/work-reports/prefill?period=day&start=${today()}`;
    const before = (await author.get(q)).json();
    const customer = (await author.post('/api/v1/customers', { name: unique('客户'), force: true })).json();
    const fu = await author.post('/api/v1/follow-ups', {
      customerId: customer.id,
      type: followUpType,
      content: '电话沟通',
    });
    expect(fu.statusCode, fu.body).toBe(201);
    await checkIn(author, { type: 'attendance-in' });
    await checkIn(author, { type: 'visit-in', customerId: customer.id });
    // another person's records are theirs
    await peer.post('/api/v1/customers', { name: unique('客户'), force: true });
    const after = (await author.get(q)).json();
    expect(after).toEqual({
      newCustomers: before.newCustomers + 1,
      followUps: before.followUps + 1,
      visits: before.visits + 1,
      checkIns: before.checkIns + 2,
    });
    // the week and month around today hold them too; another day does not
    const week = (
      await author.get(`/api/v1/work-reports/prefill?period=week&start=${mondayOf(today())}`)
    ).json();
    expect(week.followUps).toBeGreaterThanOrEqual(1);
    const past = (await author.get('/api/v1/work-reports/prefill?period=day&start=2020-01-01')).json();
    expect(past).toEqual({ newCustomers: 0, followUps: 0, visits: 0, checkIns: 0 });
  });

  it("refuses a start that is not the period's first day, and other bad input, with 400 and the field", async () => {
    const bad = async (
      res: { statusCode: number; json(): { code: string; details: unknown } },
      path: string,
    ) => {
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.json().details)).toContain(path);
    };
    for (const [period, start] of [
      ['week', '2026-11-03'], // a Tuesday
      ['month', '2026-11-02'],
      ['half-year', '2026-03-01'],
      ['year', '2026-07-01'],
      ['day', '2026-02-30'],
    ]) {
      await bad(await author.get(`/api/v1/work-reports/prefill?period=${period}&start=${start}`), 'start');
      await bad(await author.post('/api/v1/work-reports', { period, start, summary: 'x' }), 'start');
    }
    await bad(await author.get('/api/v1/work-reports/prefill?period=quarter&start=2026-10-01'), 'period');
    await bad(
      await author.post('/api/v1/work-reports', { period: 'day', start: '2026-10-01', summary: '  ' }),
      'summary',
    );
    await bad(
      await author.post('/api/v1/work-reports', {
        period: 'day',
        start: '2026-10-01',
        summary: 'x'.repeat(5001),
      }),
      'summary',
    );
    for (const [period, start] of [
      ['week', '2026-11-02'],
      ['month', '2026-11-01'],
      ['half-year', '2026-07-01'],
      ['year', '2026-01-01'],
    ])
      expect(
        (await author.get(`/api/v1/work-reports/prefill?period=${period}&start=${start}`)).statusCode,
      ).toBe(200);
  });

  it('submits with the figures frozen; one report per period (409 WORK_REPORT_EXISTS); audited', async () => {
    const start = today();
    const r = await report(author, { start, summary: '今天拜访了客户', plan: '明天报价' });
    expect(r).toMatchObject({
      period: 'day',
      start,
      end: start,
      userId: authorUser.id,
      status: 'submitted',
      summary: '今天拜访了客户',
      plan: '明天报价',
      mine: true,
      comments: [],
      commentCount: 0,
    });
    expect(r.figures).toEqual(
      (await author.get(`/api/v1/work-reports/prefill?period=day&start=${start}`)).json(),
    );
    const again = await author.post('/api/v1/work-reports', { period: 'day', start, summary: '再写一份' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('WORK_REPORT_EXISTS');
    // later records move the prefill, not the submitted report
    const customer = (await author.post('/api/v1/customers', { name: unique('客户'), force: true })).json();
    await author.post('/api/v1/follow-ups', { customerId: customer.id, type: followUpType, content: '补充' });
    const read = (await author.get(`/api/v1/work-reports/${r.id}`)).json();
    expect(read.figures).toEqual(r.figures);
    const audit = (await admin.get(`/api/v1/audit-logs?entity=work-reports&entityId=${r.id}`)).json();
    expect(audit.data.map((a: { action: string }) => a.action)).toEqual(['submit']);
    // a submitted report is final
    const patch = await author.patch(`/api/v1/work-reports/${r.id}`, { version: r.version, summary: '改' });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().code).toBe('WORK_REPORT_SUBMITTED');
    const del = await author.delete(`/api/v1/work-reports/${r.id}?version=${r.version}`);
    expect(del.json().code).toBe('WORK_REPORT_SUBMITTED');
  });

  it('keeps a draft to its author, changes it on the current version only, then submits it', async () => {
    const draft = await report(author, {
      period: 'week',
      start: '2026-10-05',
      summary: '',
      plan: '草稿',
      submit: false,
    });
    expect(draft).toMatchObject({ status: 'draft', figures: null, submittedAt: null });
    // nobody else sees a draft, not even the team lead
    expect((await lead.get(`/api/v1/work-reports/${draft.id}`)).statusCode).toBe(404);
    expect(
      (await lead.get('/api/v1/work-reports?pageSize=100')).json().data.map((x: { id: string }) => x.id),
    ).not.toContain(draft.id);
    // only the author changes it: 403 for the lead, 404 for someone out of scope
    expect(
      (await outsider.patch(`/api/v1/work-reports/${draft.id}`, { version: 1, plan: 'x' })).statusCode,
    ).toBe(404);
    const saved = await author.patch(`/api/v1/work-reports/${draft.id}`, {
      version: draft.version,
      summary: '本周拜访 5 家',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      status: 'draft',
      summary: '本周拜访 5 家',
      plan: '草稿',
      version: draft.version + 1,
    });
    const stale = await author.patch(`/api/v1/work-reports/${draft.id}`, {
      version: draft.version,
      plan: '旧',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    // submitting needs a summary
    const empty = await author.patch(`/api/v1/work-reports/${draft.id}`, {
      version: saved.json().version,
      summary: '',
      submit: true,
    });
    expect(empty.statusCode).toBe(400);
    const submitted = await author.patch(`/api/v1/work-reports/${draft.id}`, {
      version: saved.json().version,
      submit: true,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'submitted',
      summary: '本周拜访 5 家',
      submittedAt: expect.any(String),
    });
    expect(submitted.json().figures).toEqual({ newCustomers: 0, followUps: 0, visits: 0, checkIns: 0 });
    expect((await lead.get(`/api/v1/work-reports/${draft.id}`)).statusCode).toBe(200);
    expect((await lead.patch(`/api/v1/work-reports/${draft.id}`, { version: 3, plan: 'x' })).statusCode).toBe(
      403,
    );
    const audit = (await admin.get(`/api/v1/audit-logs?entity=work-reports&entityId=${draft.id}`)).json();
    expect(audit.data.map((a: { action: string }) => a.action).sort()).toEqual([
      'create',
      'submit',
      'update',
    ]);
  });

  it('deletes a draft of its author (then the period is free again)', async () => {
    const draft = await report(author, { start: '2026-09-01', submit: false });
    expect((await lead.delete(`/api/v1/work-reports/${draft.id}?version=1`)).statusCode).toBe(404);
    expect((await author.delete(`/api/v1/work-reports/${draft.id}?version=9`)).statusCode).toBe(409);
    const res = await author.delete(`/api/v1/work-reports/${draft.id}?version=${draft.version}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await author.get(`/api/v1/work-reports/${draft.id}`)).statusCode).toBe(404);
    await report(author, { start: '2026-09-01' });
  });

  it('lets a supervisor comment on a report in scope; the author is notified and sees it; out of scope is 404', async () => {
    const r = await report(author, { start: '2026-10-12', summary: '拜访 3 家' });
    const res = await lead.post(`/api/v1/work-reports/${r.id}/comments`, { content: '不错，继续跟进报价' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ content: '不错，继续跟进报价', userId: expect.any(String) });
    const seen = (await author.get(`/api/v1/work-reports/${r.id}`)).json();
    expect(seen.comments.map((c: { content: string }) => c.content)).toEqual(['不错，继续跟进报价']);
    expect(seen.commentCount).toBe(1);
    const bell = (await author.get('/api/v1/notifications')).json().data;
    expect(
      bell.find(
        (n: { kind: string; data: { reportId?: string } }) =>
          n.kind === 'work-report.comment' && n.data.reportId === r.id,
      ),
    ).toBeTruthy();
    // out of scope: another department's lead
    expect(
      (await outsider.post(`/api/v1/work-reports/${r.id}/comments`, { content: '看看' })).statusCode,
    ).toBe(404);
    expect((await outsider.get(`/api/v1/work-reports/${r.id}`)).statusCode).toBe(404);
    // empty or too long
    expect((await lead.post(`/api/v1/work-reports/${r.id}/comments`, { content: ' ' })).statusCode).toBe(400);
    expect(
      (await lead.post(`/api/v1/work-reports/${r.id}/comments`, { content: 'x'.repeat(1001) })).statusCode,
    ).toBe(400);
    const audit = (await admin.get(`/api/v1/audit-logs?entity=work-reports&entityId=${r.id}`)).json();
    expect(audit.data.map((a: { action: string }) => a.action)).toContain('comment');
  });

  it('lists mine and my team, filtered by period, author and dates', async () => {
    const peerReport = await report(peer, { period: 'month', start: '2026-08-01' });
    const ids = async (agent: Agent, q: string) =>
      (await agent.get(`/api/v1/work-reports?pageSize=100&${q}`))
        .json()
        .data.map((x: { id: string }) => x.id) as string[];
    expect(await ids(lead, 'view=team')).toContain(peerReport.id);
    expect(await ids(lead, 'view=mine')).toEqual([]);
    expect(await ids(peer, 'view=mine')).toEqual([peerReport.id]);
    expect(await ids(author, '')).not.toContain(peerReport.id); // own scope
    expect(await ids(lead, 'period=month')).toEqual([peerReport.id]);
    expect(await ids(lead, `userId=${peerUser.id}`)).toEqual([peerReport.id]);
    expect(await ids(lead, 'from=2026-08-01&to=2026-08-31')).toEqual([peerReport.id]);
    const peerName = (await peer.get('/api/v1/auth/me')).json().user.name as string;
    expect(await ids(lead, `q=${encodeURIComponent(peerName)}&period=month`)).toEqual([peerReport.id]);
    expect(await ids(lead, 'q=%25nobody%25')).toEqual([]);
    const all = (await lead.get('/api/v1/work-reports?view=team&pageSize=100')).json();
    expect(all.data.map((x: { start: string }) => x.start)).toEqual(
      [...all.data.map((x: { start: string }) => x.start)].sort().reverse(),
    );
    expect((await outsider.get('/api/v1/work-reports?pageSize=100')).json().data).toEqual([]);
    expect((await lead.get('/api/v1/work-reports?from=yesterday')).statusCode).toBe(400);
  });

  it('names who in my scope has not reported for the period (a draft does not count)', async () => {
    const start = '2026-10-19';
    await report(author, { period: 'week', start });
    await report(peer, { period: 'week', start, submit: false });
    const res = await lead.get(`/api/v1/work-reports/missing?period=week&start=${start}`);
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().data.map((x: { userId: string }) => x.userId);
    expect(names).toContain(peerUser.id);
    expect(names).not.toContain(authorUser.id);
    expect(names).not.toContain(outsiderUser.id); // another department
    // someone in the department who does not write reports is not expected to
    const admin2 = await makeUser(admin, { departmentId: teamId, roleIds: [] });
    const again = (await lead.get(`/api/v1/work-reports/missing?period=week&start=${start}`)).json().data;
    expect(again.map((x: { userId: string }) => x.userId)).not.toContain(admin2.id);
    expect((await lead.get('/api/v1/work-reports/missing?period=week&start=2026-10-20')).statusCode).toBe(
      400,
    );
  });
});

function mondayOf(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
