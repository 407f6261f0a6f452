import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeCustomer, makeRole, makeUser, unique } from '../../test/factories.ts';
import { type ReceivedMail, startSmtpServer } from '../../test/smtp-server.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { resolvePeriod } from './kit/period.ts';
import { MAX_ATTEMPTS, runSubscriptions } from './subscriptions-job.ts';
import { nextRunAt } from './subscriptions-schedule.ts';

/**
 * 报表订阅 on a real database and a real local SMTP server: each user keeps their own, checked by
 * the report when saved; the job runs a due one as its subscriber now and mails the XLSX, whose
 * totals are the report's for that user; who may no longer run it gets nothing.
 */

const URL = '/api/v1/report-subscriptions';
const REPORT = 'customer-composition';
let t: TestContext;
let admin: Agent;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let repRole: string;
let plainRole: string;
let departmentId: string;

type Person = { id: string; email: string; agent: Agent };

async function person(roleId: string, email = `${unique('s')}@acme.test`): Promise<Person> {
  const user = await makeUser(admin, { departmentId, roleIds: [roleId], email });
  return { id: user.id as string, email, agent: await t.login(user.username as string) };
}

/**
 * When the subscription of `body()` is next due after `now`: a give-up waits for it, never a retry's
 * minutes (compared exactly: on a Monday just before 08:00 the schedule's next time is minutes away).
 */
const scheduledAfter = (now: Date) =>
  nextRunAt({ frequency: 'weekly', day: 1, hour: 8 }, 'Asia/Shanghai', now).getTime();

const body = (values: Record<string, unknown> = {}) => ({
  reportCode: REPORT,
  query: { range: 'thisYear', groupBy: 'owner' },
  frequency: 'weekly',
  day: 1,
  hour: 8,
  ...values,
});

async function subscribe(agent: Agent, values: Record<string, unknown> = {}) {
  const res = await agent.post(URL, body(values));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Record<string, unknown> & { id: string; version: number };
}

/** Makes a subscription due (its next run a minute ago) and runs the job now. */
async function runDue(id: string, now = new Date()) {
  await t.database.db.execute(
    sql`UPDATE report_subscriptions SET next_run_at = ${new Date(now.getTime() - 60_000)} WHERE id = ${id}`,
  );
  return runSubscriptions(t.database.db, t.database.db, t.config.serverKey, now);
}

async function rowOf(id: string) {
  const r = await t.database.db.execute(
    sql`SELECT next_run_at, last_sent_at, last_run_at, last_outcome, last_error, attempts, claimed_at
      FROM report_subscriptions WHERE id = ${id}`,
  );
  return r.rows[0] as Record<string, unknown>;
}

/** The XLSX attached to a mail, as rows of cell values. */
async function attachedSheet(mail: ReceivedMail) {
  const m =
    /Content-Type:\s*application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet[\s\S]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/i.exec(
      mail.raw,
    );
  expect(m, 'an XLSX attachment').not.toBeNull();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(m![1].replace(/\s+/g, ''), 'base64') as unknown as ArrayBuffer);
  return Array.from(book.worksheets[0].getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestContext();
  admin = await t.admin();
  const current = (await admin.get('/api/v1/settings/mailing')).json() as { version: number };
  const res = await admin.put('/api/v1/settings/mailing', {
    version: current.version,
    smtpHost: '127.0.0.1',
    smtpPort: smtp.port,
    smtpSecure: false,
    fromAddress: 'crm@acme.test',
    fromName: '关系 CRM',
    linkBaseUrl: 'https://crm.acme.test/',
  });
  expect(res.statusCode, res.body).toBe(200);
  departmentId = t.tenant.rootDepartmentId;
  const selling = ['customers:view', 'customers:create'];
  repRole = (await makeRole(admin, [...selling, `reports:${REPORT}`], { customers: 'own' })).id;
  plainRole = (await makeRole(admin, selling, { customers: 'own' })).id;
}, 120_000);
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('report subscriptions: my own, checked by the report', () => {
  it('creates, lists, changes and deletes my subscription, audited; others’ are 404', async () => {
    const me = await person(repRole);
    const other = await person(repRole);
    const before = Date.now();
    const created = await subscribe(me.agent, {
      title: '周一客户构成',
      query: { range: 'thisYear', groupBy: 'owner', notAFilter: 'x' },
    });
    // only what the report reads is kept
    expect(created.query).toEqual({ range: 'thisYear', groupBy: 'owner' });
    expect(created).toMatchObject({
      reportName: '客户构成',
      active: true,
      locale: 'zh-CN',
      lastOutcome: null,
    });
    const next = new Date(created.nextRunAt as string);
    expect(next.getTime()).toBeGreaterThan(before);
    // Monday 08:00 in Shanghai
    expect(next.getUTCDay()).toBe(1);
    expect(next.getUTCHours()).toBe(0);

    expect((await me.agent.get(URL)).json().data.map((s: { id: string }) => s.id)).toEqual([created.id]);
    expect((await other.agent.get(URL)).json().data).toEqual([]);
    expect(
      (await other.agent.patch(`${URL}/${created.id}`, { version: created.version, hour: 9 })).statusCode,
    ).toBe(404);
    expect((await other.agent.delete(`${URL}/${created.id}?version=${created.version}`)).statusCode).toBe(
      404,
    );
    expect((await other.agent.post(`${URL}/${created.id}/send`, {})).statusCode).toBe(404);

    const changed = await me.agent.patch(`${URL}/${created.id}`, {
      version: created.version,
      frequency: 'monthly',
      day: 15,
      hour: 9,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const monthly = changed.json();
    expect(new Date(monthly.nextRunAt).getUTCDate()).toBe(15);
    expect(new Date(monthly.nextRunAt).getUTCHours()).toBe(1);
    // the version read before the change is stale
    const stale = await me.agent.patch(`${URL}/${created.id}`, { version: created.version, active: false });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const paused = await me.agent.patch(`${URL}/${created.id}`, { version: monthly.version, active: false });
    expect(paused.json().active).toBe(false);
    expect((await me.agent.delete(`${URL}/${created.id}?version=${monthly.version}`)).statusCode).toBe(409);
    expect((await me.agent.delete(`${URL}/${created.id}?version=${paused.json().version}`)).statusCode).toBe(
      200,
    );
    expect((await me.agent.get(URL)).json().data).toEqual([]);

    const audit = await t.database.db.execute(
      sql`SELECT action FROM audit_logs WHERE entity = 'report_subscriptions' AND entity_id = ${created.id} ORDER BY created_at, id`,
    );
    expect((audit.rows as { action: string }[]).map((r) => r.action)).toEqual([
      'create',
      'update',
      'update',
      'delete',
    ]);
  });

  it('refuses what the report refuses: 404 for a report I may not run, 400 on the bad field', async () => {
    const me = await person(repRole);
    const plain = await person(plainRole);
    expect((await plain.agent.post(URL, body())).statusCode).toBe(404);
    const refused = async (values: Record<string, unknown>, field: string) => {
      const res = await me.agent.post(URL, body(values));
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(res.json().details)).toContain(field);
    };
    await refused({ query: { ownerId: 'not-an-id' } }, 'ownerId');
    await refused({ query: { groupBy: 'nope' } }, 'groupBy');
    await refused({ query: { range: 'custom', from: '2026-01-01', to: '2026-01-31' } }, 'range');
    await refused({ day: 8 }, 'day');
    await refused({ frequency: 'monthly', day: 29 }, 'day');
    await refused({ hour: 24 }, 'hour');
    await refused({ reportCode: 'nope' }, 'reportCode');
    await refused({ title: 'x'.repeat(101) }, 'title');
    // a weekly one made monthly-day-20 then weekly again without a weekday
    const s = await subscribe(me.agent, { frequency: 'monthly', day: 20 });
    const res = await me.agent.patch(`${URL}/${s.id}`, { version: s.version, frequency: 'weekly' });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().details)).toContain('day');
    const badFilter = await me.agent.patch(`${URL}/${s.id}`, {
      version: s.version,
      query: { departmentId: 'x' },
    });
    expect(badFilter.statusCode).toBe(400);
    expect(JSON.stringify(badFilter.json().details)).toContain('departmentId');
  });

  it('keeps at most 20 per user', async () => {
    const me = await person(repRole);
    for (let i = 0; i < 20; i++) await subscribe(me.agent, { hour: i });
    const res = await me.agent.post(URL, body());
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('REPORT_SUBSCRIPTION_LIMIT');
  });
});

describe('the job', () => {
  it('mails a due subscription as XLSX whose totals are the report’s for its subscriber, then schedules the next', async () => {
    const me = await person(repRole);
    for (let i = 0; i < 3; i++) await makeCustomer(me.agent);
    const s = await subscribe(me.agent);
    const now = new Date();
    const result = await runDue(s.id, now);
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const mails = smtp.to(me.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('报表订阅：客户构成');
    expect(mails[0].text).toContain(
      'https://crm.acme.test/reports/customer-composition?range=thisYear&groupBy=owner',
    );
    const sheet = await attachedSheet(mails[0]);
    const report = (await me.agent.get(`/api/v1/reports/${REPORT}?range=thisYear&groupBy=owner`)).json();
    const header = sheet.find((r) => r[0] === '负责人') as unknown[];
    const total = sheet.find((r) => r[0] === '合计') as unknown[];
    expect(report.totals.customers).toBe(3);
    expect(total[header.indexOf('客户数')]).toBe(report.totals.customers);

    const row = await rowOf(s.id);
    expect(row.last_outcome).toBe('sent');
    expect(row.claimed_at).toBeNull();
    expect(new Date(row.last_sent_at as string).getTime()).toBe(now.getTime());
    expect(new Date(row.next_run_at as string).getTime()).toBeGreaterThan(now.getTime());
    // sent once: the next run finds nothing due
    await runSubscriptions(t.database.db, t.database.db, t.config.serverKey, now);
    expect(smtp.to(me.email)).toHaveLength(1);
    const audit = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_logs WHERE entity = 'report_subscriptions' AND action = 'send' AND entity_id = ${s.id}`,
    );
    expect((audit.rows[0] as { n: number }).n).toBe(1);
  });

  it('sends nothing to a subscriber who lost the permission or was disabled, and records why', async () => {
    const role = (await makeRole(admin, ['customers:view', `reports:${REPORT}`], { customers: 'own' })) as {
      id: string;
      version: number;
    };
    const me = await person(role.id);
    const s = await subscribe(me.agent);
    const res = await admin.patch(`/api/v1/roles/${role.id}`, {
      version: role.version,
      permissions: ['customers:view'],
    });
    expect(res.statusCode, res.body).toBe(200);
    await runDue(s.id);
    expect(smtp.to(me.email)).toHaveLength(0);
    expect(await rowOf(s.id)).toMatchObject({ last_outcome: 'no-permission', last_sent_at: null });
    expect(new Date((await rowOf(s.id)).next_run_at as string).getTime()).toBeGreaterThan(Date.now());

    const gone = await person(repRole);
    const g = await subscribe(gone.agent);
    await t.database.db.execute(sql`UPDATE users SET status = 'disabled' WHERE id = ${gone.id}`);
    await runDue(g.id);
    expect(smtp.to(gone.email)).toHaveLength(0);
    expect((await rowOf(g.id)).last_outcome).toBe('user-inactive');
  });

  it('gives a refused address up at once and tries a passing failure again later, a few times', async () => {
    const refused = await person(repRole, `nobody-${unique('r')}@acme.test`);
    const r = await subscribe(refused.agent);
    const now = new Date();
    await runDue(r.id, now);
    const bounced = await rowOf(r.id);
    expect(bounced).toMatchObject({ last_outcome: 'bounced', attempts: 0 });
    expect(String(bounced.last_error)).toContain('550');
    // the schedule's next time, not a retry
    expect(new Date(bounced.next_run_at as string).getTime()).toBe(scheduledAfter(now));

    const busy = await person(repRole, `busy-${unique('b')}@acme.test`);
    const b = await subscribe(busy.agent);
    let at = new Date();
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      await runDue(b.id, at);
      const row = await rowOf(b.id);
      expect(row).toMatchObject({ last_outcome: 'failed', attempts: i });
      expect(new Date(row.next_run_at as string).getTime() - at.getTime()).toBe(15 * 60_000);
      at = new Date(at.getTime() + 15 * 60_000);
    }
    await runDue(b.id, at);
    const given = await rowOf(b.id);
    expect(given).toMatchObject({ last_outcome: 'failed', attempts: 0 });
    expect(new Date(given.next_run_at as string).getTime() - at.getTime()).toBeGreaterThan(3600_000);
  });

  it('sends a due subscription once when two runs go at the same time', async () => {
    const me = await person(repRole);
    const s = await subscribe(me.agent);
    const now = new Date();
    await t.database.db.execute(
      sql`UPDATE report_subscriptions SET next_run_at = ${new Date(now.getTime() - 60_000)} WHERE id = ${s.id}`,
    );
    const run = () => runSubscriptions(t.database.db, t.database.db, t.config.serverKey, now);
    await Promise.all([run(), run()]);
    expect(smtp.to(me.email)).toHaveLength(1);
  });

  it('sends one now on request (to try it), recorded, at most once in 30 seconds', async () => {
    const me = await person(repRole);
    const s = await subscribe(me.agent, { locale: 'en-US', query: { range: 'lastWeek', groupBy: 'owner' } });
    const res = await me.agent.post(`${URL}/${s.id}/send`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ lastOutcome: 'sent', nextRunAt: s.nextRunAt });
    expect(res.json().lastSentAt).not.toBeNull();
    const mails = smtp.to(me.email);
    expect(mails).toHaveLength(1);
    // the period is resolved when sent: last week, Monday to Sunday, in the tenant's zone
    const week = resolvePeriod('lastWeek', {}, 'Asia/Shanghai');
    expect(mails[0].subject).toBe(`Report subscription: Customer composition (${week?.from} ~ ${week?.to})`);
    expect((await me.agent.post(`${URL}/${s.id}/send`, {})).statusCode).toBe(429);
  });

  // last: it takes the tenant's SMTP away
  it('records a tenant without an SMTP server and sends the backlog never: the next run is the schedule’s', async () => {
    const me = await person(repRole);
    const s = await subscribe(me.agent);
    const current = (await admin.get('/api/v1/settings/mailing')).json() as { version: number };
    const res = await admin.put('/api/v1/settings/mailing', { version: current.version, smtpHost: null });
    expect(res.statusCode, res.body).toBe(200);
    const now = new Date();
    await runDue(s.id, now);
    const row = await rowOf(s.id);
    expect(row).toMatchObject({ last_outcome: 'no-smtp', last_sent_at: null });
    expect(new Date(row.next_run_at as string).getTime()).toBe(scheduledAfter(now));
    expect(smtp.to(me.email)).toHaveLength(0);
  });
});
