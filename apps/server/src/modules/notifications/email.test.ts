import { notificationCategoryOf } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleJobs } from '../../app.ts';
import type { Agent } from '../../test/agent.ts';
import { makeUser, unique } from '../../test/factories.ts';
import { startSmtpServer } from '../../test/smtp-server.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { notifyMany } from './bulk-service.ts';
import { EMAIL_JOB, emailTenant, MAX_ATTEMPTS } from './email-service.ts';
import { notify } from './service.ts';

/**
 * 邮件提醒 on a real database and a real local SMTP server; the job's clock is a parameter
 * (`emailTenant(…, now)`), so digests are driven to their hour. Every test has its own users and
 * counts only what reached their addresses.
 */

let t: TestContext;
let admin: Agent;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const TZ = 'Asia/Shanghai';
const SITE = 'https://crm.acme.test';

const tenant = () => ({ id: t.tenant.id, timezone: TZ });
const run = (now = new Date()) => emailTenant(t.database.db, t.config.serverKey, tenant(), now);

/** A user with an address, signed in. */
async function person(settings?: Record<string, unknown>, address?: string) {
  const email = address ?? `${unique('p')}@acme.test`;
  const user = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, email });
  const agent = await t.login(user.username as string);
  if (settings) {
    const current = (await agent.get('/api/v1/notification-settings')).json() as { version: number };
    const res = await agent.put('/api/v1/notification-settings', {
      email: 'instant',
      digestHour: 8,
      categories: {},
      version: current.version,
      ...settings,
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  return { id: user.id as string, email, agent };
}

async function remind(userId: string, kind: string, title: string, link: string | null = null) {
  await notify(t.database.db, { tenantId: t.tenant.id, userId, kind, title, link, data: {} });
  const r = await t.database.db.execute(
    sql`SELECT id FROM notifications WHERE user_id = ${userId} ORDER BY created_at DESC, id DESC LIMIT 1`,
  );
  return (r.rows[0] as { id: string }).id;
}

async function states(userId: string) {
  const r = await t.database.db.execute(
    sql`SELECT title, email_status, email_attempts FROM notifications WHERE user_id = ${userId} ORDER BY created_at`,
  );
  return r.rows as { title: string; email_status: string | null; email_attempts: number }[];
}

/** `hh:mm` on the tenant's wall clock `days` from today. */
function local(days: number, hhmm: string) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(
    new Date(Date.now() + days * 86400_000),
  );
  return new Date(`${today}T${hhmm}:00+08:00`);
}

async function mailSettings(values: Record<string, unknown>, agent = admin) {
  const current = (await agent.get('/api/v1/settings/mailing')).json() as { version: number };
  const res = await agent.put('/api/v1/settings/mailing', { version: current.version, ...values });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestContext();
  admin = await t.admin();
  await mailSettings({
    smtpHost: '127.0.0.1',
    smtpPort: smtp.port,
    smtpSecure: false,
    fromAddress: 'crm@acme.test',
    fromName: '关系 CRM',
    linkBaseUrl: `${SITE}/`,
  });
}, 120_000);
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('categories of the kinds the modules send', () => {
  it('puts each kind where a reader looks for it, and an unknown kind in other', () => {
    const expected: Record<string, string> = {
      'event.reminder': 'follow-ups',
      'follow-up.comment': 'follow-ups',
      'work-report.comment': 'follow-ups',
      'approval.pending': 'approvals',
      'approval.decided': 'approvals',
      'quote.approval': 'approvals',
      'marketing-plan.review': 'approvals',
      'lead.assigned': 'assignments',
      'opportunity.assigned': 'assignments',
      'opportunity.stalled': 'assignments',
      'ticket.assigned': 'assignments',
      'pool.recycle-reminder': 'pools',
      'pool.recycled': 'pools',
      'ticket.sla-warning': 'service',
      'ticket.sla-breach': 'service',
      'churn.warning': 'churn',
      'announcement.instruction': 'announcements',
      'announcement.overdue': 'announcements',
      'contract.expiring': 'contracts',
      'receivables.overdue': 'receivables',
      'order.paid': 'receivables',
      'something.new': 'other',
    };
    for (const [kind, category] of Object.entries(expected))
      expect(notificationCategoryOf(kind), kind).toBe(category);
  });
});

describe('e-mail reminder settings (GET/PUT /notification-settings)', () => {
  it('answers the defaults — a daily digest at 08:00 of everything — with my address and the SMTP flag', async () => {
    const me = await person();
    const res = await me.agent.get('/api/v1/notification-settings');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ email: 'digest', digestHour: 8, version: 0, emailAddress: me.email });
    expect(s.smtpConfigured).toBe(true);
    expect(Object.values(s.categories).every((v) => v === true)).toBe(true);
    expect(Object.keys(s.categories)).toContain('service');
    expect(Object.keys(s.categories)).toContain('other');
  });

  it('refuses a bad mode, hour or category with the field, and a stale version with 409', async () => {
    const me = await person();
    const put = (body: Record<string, unknown>) =>
      me.agent.put('/api/v1/notification-settings', {
        email: 'digest',
        digestHour: 18,
        categories: {},
        version: 0,
        ...body,
      });
    for (const [body, path] of [
      [{ email: 'weekly' }, 'email'],
      [{ digestHour: 24 }, 'digestHour'],
      [{ digestHour: -1 }, 'digestHour'],
      [{ digestHour: 7.5 }, 'digestHour'],
      [{ categories: { sales: false } }, 'categories'],
      [{ categories: { service: 'no' } }, 'categories.service'],
    ] as const) {
      const res = await put(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().details[0].path).toBe(path);
    }
    const saved = await put({ categories: { service: false } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ email: 'digest', digestHour: 18, version: 1 });
    expect(saved.json().categories).toMatchObject({ service: false, approvals: true });
    const stale = await put({ version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const again = await put({ version: 1, email: 'off' });
    expect(again.json()).toMatchObject({ email: 'off', version: 2 });
    // each save is audited, with what changed
    const audit = await t.database.db.execute(
      sql`SELECT changes FROM audit_logs WHERE entity = 'notification-settings' AND entity_id = ${me.id}
        ORDER BY created_at`,
    );
    expect(audit.rows).toHaveLength(2);
    expect((audit.rows[1] as { changes: Record<string, unknown> }).changes).toEqual({
      email: ['digest', 'off'],
      // left out of the second save: on again
      service: [false, true],
    });
  });

  it('is each user’s own: saving mine changes nobody else’s', async () => {
    const a = await person({ email: 'off' });
    const b = await person();
    expect((await a.agent.get('/api/v1/notification-settings')).json().email).toBe('off');
    expect((await b.agent.get('/api/v1/notification-settings')).json()).toMatchObject({
      email: 'digest',
      version: 0,
    });
  });

  it('says when I have no address or the tenant has no SMTP', async () => {
    const plain = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId });
    const agent = await t.login(plain.username as string);
    expect((await agent.get('/api/v1/notification-settings')).json().emailAddress).toBeNull();
    const other = await t.login('admin', undefined, t.other.code);
    expect((await other.get('/api/v1/notification-settings')).json().smtpConfigured).toBe(false);
  });
});

describe('the e-mail job', () => {
  it('is registered by the notifications manifest, every 5 minutes', () => {
    const job = moduleJobs.find((j) => j.name === EMAIL_JOB);
    expect(job?.schedule?.cron).toBe('*/5 * * * *');
  });

  it('instant: one reminder is one e-mail with its title and absolute link, and goes once', async () => {
    const me = await person({ email: 'instant' });
    const id = await remind(me.id, 'pool.recycle-reminder', '客户「华东贸易」将被收回公海', '/customers/abc');
    await run();
    const mails = smtp.to(me.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('客户「华东贸易」将被收回公海');
    expect(mails[0].text).toContain(`${SITE}/customers/abc`);
    expect(mails[0].html).toContain(`href="${SITE}/customers/abc"`);
    expect(mails[0].text).toContain(`Manage reminder settings: ${SITE}/profile?tab=reminders`);
    // a second run finds nothing more
    await run();
    expect(smtp.to(me.email)).toHaveLength(1);
    const r = await t.database.db.execute(
      sql`SELECT email_status, emailed_at FROM notifications WHERE id = ${id}`,
    );
    expect(r.rows[0]).toMatchObject({ email_status: 'sent' });
  });

  it('instant: up to three go one by one, five go as ONE combined e-mail', async () => {
    const few = await person({ email: 'instant' });
    for (const n of [1, 2, 3]) await remind(few.id, 'approval.pending', `待审批 ${n}`);
    await run();
    expect(smtp.to(few.email).map((m) => m.subject)).toEqual([
      '【提醒 Reminder】待审批 1',
      '【提醒 Reminder】待审批 2',
      '【提醒 Reminder】待审批 3',
    ]);

    const many = await person({ email: 'instant' });
    for (const n of [1, 2, 3, 4, 5]) await remind(many.id, 'lead.assigned', `线索 ${n} 分配给您`);
    await run();
    const mails = smtp.to(many.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('5 条新提醒 / 5 new reminders');
    for (const n of [1, 2, 3, 4, 5]) expect(mails[0].text).toContain(`线索 ${n} 分配给您`);
    // newest first
    expect(mails[0].text.indexOf('线索 5')).toBeLessThan(mails[0].text.indexOf('线索 1'));
    expect((await states(many.id)).every((s) => s.email_status === 'sent')).toBe(true);
  });

  it('a category switched off sends nothing (and the reminder is settled, not kept waiting)', async () => {
    const me = await person({ email: 'instant', categories: { service: false } });
    await remind(me.id, 'ticket.sla-warning', '工单 GD-1 响应时限将到');
    await remind(me.id, 'ticket.assigned', '工单 GD-2 已分派给您');
    await run();
    // the SLA warning is 服务 (off); an assignment is 分配 (on)
    expect(smtp.to(me.email).map((m) => m.subject)).toEqual(['【提醒 Reminder】工单 GD-2 已分派给您']);
    expect((await states(me.id)).map((s) => s.email_status)).toEqual(['skipped', 'sent']);
  });

  it('instant: what I already read in the app before the send is not e-mailed', async () => {
    const me = await person({ email: 'instant' });
    const seen = await remind(me.id, 'contract.expiring', '合同 HT-1 将于 7 天后到期');
    await remind(me.id, 'contract.expired', '合同 HT-2 已到期');
    expect((await me.agent.post(`/api/v1/notifications/${seen}/read`)).statusCode).toBe(200);
    await run();
    expect(smtp.to(me.email).map((m) => m.subject)).toEqual(['【提醒 Reminder】合同 HT-2 已到期']);
  });

  it('digest: one e-mail at the hour, grouped by category, then nothing until the next day', async () => {
    const me = await person({ email: 'digest', digestHour: 8 });
    await remind(me.id, 'churn.warning', '3 个客户流失预警', '/churn');
    await remind(me.id, 'approval.pending', '张三 提交了报价审批');
    await remind(me.id, 'receivables.overdue', '2 笔回款计划已逾期');
    // before the hour: nothing
    await run(local(1, '07:55'));
    expect(smtp.to(me.email)).toHaveLength(0);
    await run(local(1, '08:00'));
    const [digest] = smtp.to(me.email);
    expect(smtp.to(me.email)).toHaveLength(1);
    expect(digest.subject).toContain('每日提醒汇总 / Daily reminder digest');
    expect(digest.subject).toContain('3 条');
    for (const label of ['审批 / Approvals', '客户流失 / Churn warnings', '回款 / Payments'])
      expect(digest.text).toContain(label);
    // in the categories' order: approvals before churn before payments
    expect(digest.text.indexOf('审批 / Approvals')).toBeLessThan(digest.text.indexOf('客户流失'));
    expect(digest.text).toContain(`${SITE}/churn`);

    // a new reminder later that day waits for tomorrow's digest, even within the hour (dated
    // 08:20 that day: made "now", it would be over the 48 hours a reminder waits by day 2's hour
    // whenever the tenant's clock reads before 08:05)
    const later = await remind(me.id, 'event.reminder', '日程：拜访客户');
    await t.database.db.execute(
      sql`UPDATE notifications SET created_at = ${local(1, '08:20')} WHERE id = ${later}`,
    );
    await run(local(1, '08:30'));
    await run(local(1, '15:00'));
    expect(smtp.to(me.email)).toHaveLength(1);
    await run(local(2, '08:05'));
    expect(smtp.to(me.email)).toHaveLength(2);
    expect(smtp.to(me.email)[1].text).toContain('日程：拜访客户');
    const s = (await me.agent.get('/api/v1/notification-settings')).json();
    expect(new Date(s.lastDigestAt).toISOString()).toBe(local(2, '08:05').toISOString());
  });

  it('digest: lists at most 100 lines, then says how many more', async () => {
    const me = await person({ email: 'digest', digestHour: 7 });
    await notifyMany(
      t.database.db,
      Array.from({ length: 105 }, (_, i) => ({
        tenantId: t.tenant.id,
        userId: me.id,
        kind: 'pool.recycle-reminder',
        title: `公海回收提醒 #${i + 1}`,
      })),
    );
    await run(local(1, '07:00'));
    const mails = smtp.to(me.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('105 条');
    expect(mails[0].text).toContain('公海回收 / Pool recycling (105)');
    expect(mails[0].text).toContain('另有 5 条 / and 5 more');
    expect(mails[0].html).toContain('另有 5 条 / and 5 more');
    expect((await states(me.id)).every((s) => s.email_status === 'sent')).toBe(true);
  });

  it('digest: a user who never saved gets the default digest at 08:00', async () => {
    const me = await person();
    await remind(me.id, 'order.paid', '订单 DD-1 已全额回款');
    await run(local(1, '08:10'));
    expect(smtp.to(me.email)).toHaveLength(1);
    expect(smtp.to(me.email)[0].text).toContain('回款 / Payments');
  });

  it('never e-mails a reminder twice when two runs go at once', async () => {
    const me = await person({ email: 'instant' });
    await remind(me.id, 'announcement.instruction', '新指令：月底盘点');
    await Promise.all([run(), run(), run()]);
    expect(smtp.to(me.email)).toHaveLength(1);
    const d = await person({ email: 'digest', digestHour: 9 });
    await remind(d.id, 'announcement.notice', '通知：放假安排');
    await Promise.all([run(local(1, '09:00')), run(local(1, '09:00'))]);
    expect(smtp.to(d.email)).toHaveLength(1);
  });

  it('escapes everything in the HTML', async () => {
    const me = await person({ email: 'instant' });
    await remind(
      me.id,
      'follow-up.comment',
      '<script>alert(1)</script> & "点评" <b>x</b>',
      '/follow-ups?a=1&b=<2>',
    );
    await run();
    const [mail] = smtp.to(me.email);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>x</b>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;点评&quot;');
    expect(mail.html).toContain('href="https://crm.acme.test/follow-ups?a=1&amp;b=&lt;2&gt;"');
    // the plain text is the title as it is
    expect(mail.text).toContain('<script>alert(1)</script>');
  });

  it('a passing failure is tried again, up to the cap; a refused address is given up at once', async () => {
    const busy = await person({ email: 'instant' }, `busy-${unique()}@acme.test`);
    await remind(busy.id, 'pool.recycled', '客户已被收回公海');
    await run();
    expect(await states(busy.id)).toMatchObject([{ email_status: null, email_attempts: 1 }]);
    for (let i = 1; i < MAX_ATTEMPTS; i++) await run();
    expect(await states(busy.id)).toMatchObject([{ email_status: 'failed', email_attempts: MAX_ATTEMPTS }]);
    await run();
    expect(await states(busy.id)).toMatchObject([{ email_attempts: MAX_ATTEMPTS }]);

    const gone = await person({ email: 'instant' }, `nobody-${unique()}@acme.test`);
    await remind(gone.id, 'pool.recycled', '客户已被收回公海');
    await run();
    expect(await states(gone.id)).toMatchObject([{ email_status: 'failed', email_attempts: 1 }]);
  });

  it('without SMTP nothing is sent or marked; what waited two days is skipped, so a later setup sends no backlog', async () => {
    const otherAdmin = await t.login('admin', undefined, t.other.code);
    const email = `${unique('o')}@other.test`;
    // the default settings: a digest at 08:00
    const user = await makeUser(
      otherAdmin,
      { departmentId: t.other.rootDepartmentId, email },
      { activate: false },
    );
    await notify(t.database.db, {
      tenantId: t.other.id,
      userId: user.id as string,
      kind: 'churn.warning',
      title: '流失预警',
    });
    const other = { id: t.other.id, timezone: TZ };
    const r1 = await emailTenant(t.database.db, t.config.serverKey, other, local(1, '08:00'));
    expect(r1.emails).toBe(0);
    expect(await states(user.id as string)).toMatchObject([{ email_status: null, email_attempts: 0 }]);
    // two days on, SMTP set up: the old reminder is skipped, not sent
    await mailSettings(
      { smtpHost: '127.0.0.1', smtpPort: smtp.port, fromAddress: 'crm@other.test' },
      otherAdmin,
    );
    await emailTenant(t.database.db, t.config.serverKey, other, local(3, '08:00'));
    expect(smtp.to(email)).toHaveLength(0);
    expect(await states(user.id as string)).toMatchObject([{ email_status: 'skipped' }]);
  });

  it('a user whose e-mail is off gets nothing', async () => {
    const me = await person({ email: 'off' });
    await remind(me.id, 'approval.pending', '待审批');
    await run();
    await run(local(1, '08:00'));
    expect(smtp.to(me.email)).toHaveLength(0);
  });
});
