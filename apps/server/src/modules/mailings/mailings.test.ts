import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { dispatchMailings } from './dispatch-service.ts';

describeAuthz(authz);

/** What the local SMTP server received: envelope recipient → raw message (quoted-printable decoded). */
type Received = { to: string; raw: string };

const SMTP_USER = 'mailer';
const SMTP_PASSWORD = 'smtp-pässword-42';

/** A local smtp-server on a random port: checks the login, refuses two addresses, keeps every message. */
async function startSmtp() {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      const fail = (code: number, text: string) => cb(Object.assign(new Error(text), { responseCode: code }));
      if (address.address.startsWith('nobody')) return fail(550, '5.1.1 No such user here');
      if (address.address.startsWith('busy')) return fail(451, '4.3.0 Mailbox busy, try later');
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        // quoted-printable undone on the whole message (headers are ASCII, bodies UTF-8 bytes)
        const soft = Buffer.concat(chunks)
          .toString('latin1')
          .replace(/=\r?\n/g, '');
        const raw = Buffer.from(
          soft.replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8');
        for (const r of session.envelope.rcptTo) received.push({ to: r.address, raw });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A local SMS gateway: takes a message only when its HMAC signature is right. */
async function startSmsGateway(secret: string) {
  const received: { to: string; text: string; template: string | null }[] = [];
  const refused: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const ts = String(req.headers['x-guanxi-timestamp']);
      const expected = `sha256=${crypto.createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;
      if (req.headers['x-guanxi-signature'] !== expected) {
        refused.push(body);
        res.writeHead(401).end('bad signature');
        return;
      }
      const m = JSON.parse(body) as { to: string; text: string; template: string | null };
      if (m.to === '13900000000') {
        res.writeHead(400).end('number blocked');
        return;
      }
      received.push(m);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    refused,
    url: `http://127.0.0.1:${port}/send`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const SMS_SECRET = 'gateway-shared-secret';

let t: TestContext;
let admin: Agent;
let marketer: Agent;
let marketerId: string;
let other: Agent;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let sms: Awaited<ReturnType<typeof startSmsGateway>>;

const permissions = [
  'mailings:view',
  'mailings:create',
  'mailings:send',
  'customers:view',
  'customers:create',
  'contacts:view',
  'contacts:create',
  'leads:view',
  'leads:create',
];

async function waitFor<T>(check: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function settings(values: Record<string, unknown>) {
  const current = (await admin.get('/api/v1/settings/mailing')).json() as { version: number };
  const res = await admin.put('/api/v1/settings/mailing', { version: current.version, ...values });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function create(agent: Agent, body: Record<string, unknown>) {
  const res = await agent.post('/api/v1/mailings', {
    name: unique('群发'),
    channel: 'email',
    subject: 'Hello {{name}}',
    body: 'Dear {{contactName}} of {{customerName}}, news for you.',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; counts: { total: number } };
}

async function send(agent: Agent, m: { id: string; version: number }, extra: Record<string, unknown> = {}) {
  return agent.post(`/api/v1/mailings/${m.id}/send`, { version: m.version, ...extra });
}

async function recipients(agent: Agent, id: string, query = '') {
  const all: { address: string; status: string; error: string | null }[] = [];
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    const res = await agent.get(
      `/api/v1/mailings/${id}/recipients?pageSize=100&page=${page}${cursor ? `&cursor=${cursor}` : ''}${query}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { data: typeof all; nextCursor?: string };
    all.push(...body.data);
    if (!body.nextCursor) return all;
    cursor = body.nextCursor;
  }
}

const settled = (agent: Agent, id: string) =>
  waitFor(async () => {
    const m = (await agent.get(`/api/v1/mailings/${id}`)).json() as { status: string };
    return m.status === 'sent' && m;
  }, 60_000);

beforeAll(async () => {
  smtp = await startSmtp();
  sms = await startSmsGateway(SMS_SECRET);
  t = await createTestContext({}, { jobs: true });
  admin = await t.admin();
  const role = await makeRole(admin, permissions, { customers: 'own', mailings: 'own', leads: 'own' });
  const dept = t.tenant.rootDepartmentId;
  const user = await makeUser(admin, { departmentId: dept, roleIds: [role.id] });
  marketerId = user.id;
  marketer = await t.login(user.username);
  other = await t.login((await makeUser(admin, { departmentId: dept, roleIds: [role.id] })).username);
  await settings({
    smtpHost: '127.0.0.1',
    smtpPort: smtp.port,
    smtpSecure: false,
    smtpUser: SMTP_USER,
    smtpPassword: SMTP_PASSWORD,
    fromAddress: 'news@acme.test',
    fromName: '关系 CRM',
    smsUrl: sms.url,
    smsSecret: SMS_SECRET,
    smsTemplate: 'SMS_001',
    perMinute: 5000,
    linkBaseUrl: 'https://crm.acme.test/',
  });
}, 120_000);
afterAll(async () => {
  await t.close();
  await smtp.close();
  await sms.close();
});

describe('settings', () => {
  it('stores the SMTP password and SMS secret sealed and never returns them', async () => {
    const got = (await admin.get('/api/v1/settings/mailing')).json() as Record<string, unknown>;
    expect(got).toMatchObject({ smtpPasswordSet: true, smsSecretSet: true, smtpUser: SMTP_USER });
    expect(JSON.stringify(got)).not.toContain(SMTP_PASSWORD);
    expect(JSON.stringify(got)).not.toContain(SMS_SECRET);
    const raw = await t.database.db.execute(
      sql`SELECT smtp_password, sms_secret, link_secret FROM mailing_settings WHERE tenant_id = ${t.tenant.id}`,
    );
    const row = raw.rows[0] as Record<string, string>;
    for (const v of Object.values(row)) expect(v).toMatch(/^gx1\./);
    expect(row.smtp_password).not.toContain(SMTP_PASSWORD);
    // and the audit says it changed without the value
    const audit = await t.database.db.execute(
      sql`SELECT changes::text AS c FROM audit_logs WHERE entity = 'mailing-settings' AND tenant_id = ${t.tenant.id}`,
    );
    expect(JSON.stringify(audit.rows)).not.toContain(SMTP_PASSWORD);
  });

  it('keeps the password when it is left out, answers 409 on a stale version, 403 without mailings:admin', async () => {
    const before = (await admin.get('/api/v1/settings/mailing')).json() as { version: number };
    const res = await admin.put('/api/v1/settings/mailing', { version: before.version, fromName: 'Acme' });
    expect(res.json()).toMatchObject({ smtpPasswordSet: true, fromName: 'Acme' });
    const stale = await admin.put('/api/v1/settings/mailing', { version: before.version, fromName: 'X' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    expect((await marketer.get('/api/v1/settings/mailing')).statusCode).toBe(403);
    const bad = await admin.put('/api/v1/settings/mailing', {
      version: before.version + 1,
      smsUrl: 'ftp://x',
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('a mailing to a saved query of 1,000 contacts', () => {
  let savedQueryId: string;
  let firstId: string;

  beforeAll(async () => {
    const customer = await makeCustomer(marketer, { name: 'Acme Trading', ownerId: marketerId });
    // 1,000 contacts written at once (the audience, not the contacts API, is under test)
    await t.database.db.execute(
      sql`INSERT INTO contacts (id, tenant_id, customer_id, name, email, created_by)
          SELECT gen_random_uuid(), ${t.tenant.id}, ${customer.id}, 'Contact ' || lpad(i::text, 4, '0'),
                 'c' || i || '@example.com', ${marketerId}
          FROM generate_series(1, 1000) i`,
    );
    const saved = await marketer.post('/api/v1/saved-queries', {
      list: 'contacts',
      name: '客户联系人',
      query: { customerId: customer.id },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    savedQueryId = saved.json().id;
  }, 60_000);

  it('reaches every contact at the local SMTP server with merge fields and a signed unsubscribe link', async () => {
    const m = await create(marketer, { savedQueryId });
    firstId = m.id;
    expect(m.counts.total).toBe(1000);
    const res = await send(marketer, m);
    expect(res.statusCode, res.body).toBe(200);
    expect(['sending', 'sent']).toContain(res.json().status);
    const done = (await settled(marketer, m.id)) as unknown as { counts: Record<string, number> };
    expect(done.counts).toMatchObject({ total: 1000, sent: 1000, failed: 0, pending: 0 });
    const mine = smtp.received.filter((r) => /^c\d+@example\.com$/.test(r.to));
    expect(mine).toHaveLength(1000);
    expect(new Set(mine.map((r) => r.to)).size).toBe(1000);
    const one = mine.find((r) => r.to === 'c42@example.com')!;
    expect(one.raw).toContain('Subject: Hello Contact 0042');
    expect(one.raw).toContain('Dear Contact 0042 of Acme Trading');
    expect(one.raw).toMatch(/List-Unsubscribe:\s+<https:\/\/crm\.acme\.test\/u\/[A-Za-z0-9_-]{44}>/);
    for (const r of mine) expect(r.raw).toMatch(/https:\/\/crm\.acme\.test\/u\/[A-Za-z0-9_-]{44}/);
    const statuses = await recipients(marketer, m.id);
    expect(statuses.every((s) => s.status === 'sent')).toBe(true);
  }, 120_000);

  it('unsubscribes through the link without sign-in; the next mailing skips that address', async () => {
    const mail = smtp.received.find((r) => r.to === 'c7@example.com')!;
    const token = /\/u\/([A-Za-z0-9_-]{44})/.exec(mail.raw)![1];
    const anonymous = t.app;
    const res = await anonymous.inject({
      method: 'POST',
      url: '/api/v1/public/unsubscribe',
      payload: { token },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    // again: the same answer, nothing new
    expect(
      (await anonymous.inject({ method: 'POST', url: '/api/v1/public/unsubscribe', payload: { token } }))
        .statusCode,
    ).toBe(200);

    const before = smtp.received.length;
    const next = await create(marketer, { savedQueryId });
    expect((await send(marketer, next)).statusCode).toBe(200);
    const done = (await settled(marketer, next.id)) as unknown as { counts: Record<string, number> };
    expect(done.counts).toMatchObject({ total: 1000, sent: 999, suppressed: 1 });
    const arrived = smtp.received.slice(before);
    expect(arrived.map((r) => r.to)).not.toContain('c7@example.com');
    expect(arrived).toHaveLength(999);
    const suppressed = await recipients(marketer, next.id, '&status=suppressed');
    expect(suppressed.map((s) => s.address)).toEqual(['c7@example.com']);
  }, 120_000);

  it('refuses a malformed token (400) and a forged one (404) alike for every forgery, telling nothing', async () => {
    const mail = smtp.received.find((r) => r.to === 'c8@example.com')!;
    const token = /\/u\/([A-Za-z0-9_-]{44})/.exec(mail.raw)![1];
    const post = (tok: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/v1/public/unsubscribe', payload: { token: tok } });
    const malformed = await post('not-a-token');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('VALIDATION_FAILED');
    const [idPart, macPart] = [token.slice(0, 22), token.slice(22)];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const forgedMac = await post(`${idPart}${flip(macPart)}`);
    const unknownId = await post(`${flip(idPart)}${macPart}`);
    for (const res of [forgedMac, unknownId]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
      expect(res.body).not.toContain('c8@');
    }
    expect(forgedMac.body).toBe(unknownId.body);
    // nothing was suppressed by the forgeries
    const rows = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM mailing_suppressions WHERE address = 'c8@example.com'`,
    );
    expect((rows.rows[0] as { n: number }).n).toBe(0);
    expect(firstId).toBeTruthy();
  });
});

describe('sending rules', () => {
  it('test-sends one message to a given address with the first recipient’s values, recipients untouched', async () => {
    const m = await create(marketer, {
      recipients: [{ address: 'Zhang.San@Example.com', name: '张三' }, { address: 'li@example.com' }],
    });
    const res = await marketer.post(`/api/v1/mailings/${m.id}/test`, { to: 'me@acme.test' });
    expect(res.statusCode, res.body).toBe(200);
    const got = smtp.received.filter((r) => r.to === 'me@acme.test').at(-1)!;
    expect(got.raw).toContain('Test');
    expect(got.raw).toContain('Dear 张三');
    const list = await recipients(marketer, m.id);
    expect(list.map((r) => [r.address, r.status])).toEqual([
      ['zhang.san@example.com', 'pending'],
      ['li@example.com', 'pending'],
    ]);
    const bad = await marketer.post(`/api/v1/mailings/${m.id}/test`, { to: 'no-address' });
    expect(bad.statusCode).toBe(400);
    const refused = await marketer.post(`/api/v1/mailings/${m.id}/test`, { to: 'nobody@acme.test' });
    expect(refused.statusCode).toBe(502);
    expect(refused.json().code).toBe('MAILING_DELIVERY_FAILED');
  });

  it('records each recipient’s failure: a refused address bounced, a temporary refusal failed, with the reason', async () => {
    const m = await create(marketer, {
      recipients: [
        { address: 'ok1@example.com' },
        { address: 'nobody@example.com' },
        { address: 'busy@example.com' },
      ],
    });
    expect((await send(marketer, m)).statusCode).toBe(200);
    await waitFor(async () => {
      const got = (await marketer.get(`/api/v1/mailings/${m.id}`)).json() as { status: string };
      return got.status === 'sent';
    });
    const list = await recipients(marketer, m.id);
    const by = Object.fromEntries(list.map((r) => [r.address, r]));
    expect(by['ok1@example.com'].status).toBe('sent');
    expect(by['nobody@example.com']).toMatchObject({ status: 'bounced' });
    expect(by['nobody@example.com'].error).toContain('No such user');
    expect(by['busy@example.com']).toMatchObject({ status: 'failed' });
    expect(by['busy@example.com'].error).toContain('Mailbox busy');
  });

  it('refuses bad input with field paths, sending twice with 409, and a stale version with 409', async () => {
    const noSubject = await marketer.post('/api/v1/mailings', {
      name: 'x',
      channel: 'email',
      body: 'hi',
      recipients: [{ address: 'a@example.com' }],
    });
    expect(noSubject.statusCode).toBe(400);
    expect(JSON.stringify(noSubject.json().details)).toContain('subject');
    const badAddress = await marketer.post('/api/v1/mailings', {
      name: 'x',
      channel: 'email',
      subject: 's',
      body: 'hi',
      recipients: [{ address: 'not-mail' }],
    });
    expect(badAddress.statusCode).toBe(400);
    expect(JSON.stringify(badAddress.json().details)).toContain('recipients.0.address');
    const unknownField = await marketer.post('/api/v1/mailings', {
      name: 'x',
      channel: 'email',
      subject: 's',
      body: 'hi {{nickname}}',
      recipients: [{ address: 'a@example.com' }],
    });
    expect(unknownField.statusCode).toBe(400);
    const both = await marketer.post('/api/v1/mailings', { name: 'x', channel: 'sms', body: 'hi' });
    expect(both.statusCode).toBe(400);
    const foreignQuery = await marketer.post('/api/v1/mailings', {
      name: 'x',
      channel: 'email',
      subject: 's',
      body: 'hi',
      savedQueryId: '01000000-0000-7000-8000-000000000000',
    });
    expect(foreignQuery.statusCode).toBe(400);

    const m = await create(marketer, { recipients: [{ address: 'twice@example.com' }] });
    const stale = await send(marketer, { id: m.id, version: m.version + 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    expect((await send(marketer, m)).statusCode).toBe(200);
    const again = await send(marketer, { id: m.id, version: m.version + 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('MAILING_NOT_DRAFT');
    const past = await create(marketer, { recipients: [{ address: 'p@example.com' }] });
    const inPast = await send(marketer, past, { scheduledAt: '2020-01-01T00:00:00+08:00' });
    expect(inPast.statusCode).toBe(400);
  });

  it('sends a scheduled mailing only once its time has come, through the dispatcher the queue runs', async () => {
    const m = await create(marketer, { recipients: [{ address: 'later1@example.com' }] });
    const at = new Date(Date.now() + 1500).toISOString();
    const res = await send(marketer, m, { scheduledAt: at });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'scheduled', scheduledAt: at });
    await dispatchMailings(t.database.db, t.config.serverKey);
    expect(smtp.received.some((r) => r.to === 'later1@example.com')).toBe(false);
    expect((await marketer.get(`/api/v1/mailings/${m.id}`)).json().status).toBe('scheduled');
    await new Promise((r) => setTimeout(r, 1600));
    // the every-minute job of the queue (jobs.ts) runs exactly this
    await dispatchMailings(t.database.db, t.config.serverKey);
    await settled(marketer, m.id);
    expect(smtp.received.some((r) => r.to === 'later1@example.com')).toBe(true);
  });

  it('throttles to the tenant’s messages per minute, and the next minute continues', async () => {
    await settings({ perMinute: 4 });
    // the earlier tests' messages of the last minute count too: start from a clean minute
    await t.database.db.execute(
      sql`UPDATE mailing_recipients SET claimed_at = claimed_at - interval '2 minutes' WHERE tenant_id = ${t.tenant.id}`,
    );
    const addresses = Array.from({ length: 10 }, (_, i) => ({ address: `slow${i}@example.com` }));
    const m = await create(marketer, { recipients: addresses });
    expect((await send(marketer, m)).statusCode).toBe(200);
    await waitFor(async () => (await recipients(marketer, m.id, '&status=sent')).length === 4);
    await dispatchMailings(t.database.db, t.config.serverKey); // within the same minute: nothing more
    expect(await recipients(marketer, m.id, '&status=sent')).toHaveLength(4);
    expect((await marketer.get(`/api/v1/mailings/${m.id}`)).json().status).toBe('sending');
    // a minute later (the taken times moved back a minute), four more
    await t.database.db.execute(
      sql`UPDATE mailing_recipients SET claimed_at = claimed_at - interval '61 seconds' WHERE mailing_id = ${m.id} AND claimed_at IS NOT NULL`,
    );
    await dispatchMailings(t.database.db, t.config.serverKey);
    expect(await recipients(marketer, m.id, '&status=sent')).toHaveLength(8);
    await settings({ perMinute: 5000 });
    await dispatchMailings(t.database.db, t.config.serverKey);
    await settled(marketer, m.id);
  });

  it('edits a draft (not once sent), and a cancelled scheduled mailing is never sent', async () => {
    const m = await create(marketer, { recipients: [{ address: 'edit@example.com' }] });
    const edited = await marketer.patch(`/api/v1/mailings/${m.id}`, {
      version: m.version,
      subject: '改过的主题 {{name}}',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ subject: '改过的主题 {{name}}', version: m.version + 1 });
    const stale = await marketer.patch(`/api/v1/mailings/${m.id}`, { version: m.version, name: 'x' });
    expect(stale.json().code).toBe('CONFLICT');
    const unknown = await marketer.patch(`/api/v1/mailings/${m.id}`, {
      version: m.version + 1,
      body: '{{foo}}',
    });
    expect(unknown.statusCode).toBe(400);
    expect(
      (await other.patch(`/api/v1/mailings/${m.id}`, { version: m.version + 1, name: 'x' })).statusCode,
    ).toBe(404);

    const at = new Date(Date.now() + 1000).toISOString();
    const scheduled = await send(marketer, { id: m.id, version: m.version + 1 }, { scheduledAt: at });
    expect(scheduled.statusCode).toBe(200);
    const locked = await marketer.patch(`/api/v1/mailings/${m.id}`, { version: m.version + 2, name: 'x' });
    expect(locked.json().code).toBe('MAILING_NOT_DRAFT');
    const cancelled = await marketer.post(`/api/v1/mailings/${m.id}/cancel?version=${m.version + 2}`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 1100));
    await dispatchMailings(t.database.db, t.config.serverKey);
    expect(smtp.received.some((r) => r.to === 'edit@example.com')).toBe(false);
    expect((await recipients(marketer, m.id))[0].status).toBe('pending');
  });

  it('marks a recipient taken by a process that stopped before the outcome as failed, never sending it twice', async () => {
    const m = await create(marketer, {
      recipients: [{ address: 'cut-off@example.com' }, { address: 'next@example.com' }],
    });
    // what a dispatcher killed mid-send leaves behind: the mailing sending, one recipient taken 20 minutes ago
    await t.database.db.execute(
      sql`UPDATE mailings SET status = 'sending', started_at = now() WHERE id = ${m.id}`,
    );
    await t.database.db.execute(
      sql`UPDATE mailing_recipients SET status = 'sending', claimed_at = now() - interval '20 minutes'
          WHERE mailing_id = ${m.id} AND address = 'cut-off@example.com'`,
    );
    await dispatchMailings(t.database.db, t.config.serverKey);
    const by = Object.fromEntries((await recipients(marketer, m.id)).map((r) => [r.address, r]));
    expect(by['cut-off@example.com']).toMatchObject({ status: 'failed' });
    expect(by['cut-off@example.com'].error).toContain('interrupted');
    expect(by['next@example.com'].status).toBe('sent');
    expect(smtp.received.some((r) => r.to === 'cut-off@example.com')).toBe(false);
    expect((await marketer.get(`/api/v1/mailings/${m.id}`)).json().status).toBe('sent');
  });

  it('keeps mailings in the creator’s scope: another user’s is 404 for look-up, recipients, test and send', async () => {
    const m = await create(marketer, { recipients: [{ address: 'scope@example.com' }] });
    expect((await other.get(`/api/v1/mailings/${m.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/mailings/${m.id}/recipients`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/mailings/${m.id}/test`, { to: 'x@example.com' })).statusCode).toBe(404);
    expect((await send(other, m)).statusCode).toBe(404);
    const list = (await other.get('/api/v1/mailings?pageSize=100')).json() as { data: { id: string }[] };
    expect(list.data.map((x) => x.id)).not.toContain(m.id);
  });
});

describe('audience and audit', () => {
  it('takes a saved customers query in the creator’s scope: another owner’s customers are not mailed', async () => {
    const tag = unique('t');
    const mine = await makeCustomer(marketer, {
      name: unique('我的客户'),
      email: `${tag}-mine@example.com`,
      ownerId: marketerId,
    });
    await makeCustomer(other, { name: unique('别人的客户'), email: `${tag}-theirs@example.com` });
    const saved = await marketer.post('/api/v1/saved-queries', {
      list: 'customers',
      name: unique('全部客户'),
      query: {},
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const m = await create(marketer, { savedQueryId: saved.json().id });
    const addresses = (await recipients(marketer, m.id)).map((r) => r.address);
    expect(addresses).toContain(`${tag}-mine@example.com`);
    expect(addresses).not.toContain(`${tag}-theirs@example.com`);
    expect(mine.id).toBeTruthy();
    // someone else's saved query that is not shared is no audience
    const theirs = await other.post('/api/v1/saved-queries', {
      list: 'customers',
      name: unique('私有'),
      query: {},
    });
    const refused = await marketer.post('/api/v1/mailings', {
      name: 'x',
      channel: 'email',
      subject: 's',
      body: 'hi',
      savedQueryId: theirs.json().id,
    });
    expect(refused.statusCode).toBe(400);
    expect(JSON.stringify(refused.json().details)).toContain('savedQueryId');
  });

  it('takes a saved leads query in the creator’s scope, a lead merged as its contact at its company', async () => {
    const tag = unique('l');
    const lead = async (agent: Agent, name: string, email: string) => {
      const res = await agent.post('/api/v1/leads', { name, contactName: '陈先生', email });
      expect(res.statusCode, res.body).toBe(201);
    };
    await lead(marketer, `${tag}悦购便利`, `${tag}-mine@example.com`);
    await lead(other, `${tag}别家超市`, `${tag}-theirs@example.com`);
    const saved = await marketer.post('/api/v1/saved-queries', {
      list: 'leads',
      name: unique('我的线索'),
      query: { view: 'mine', q: tag },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const m = await create(marketer, {
      savedQueryId: saved.json().id,
      subject: '{{contactName}}，{{customerName}} 的专属优惠',
    });
    const listed = await recipients(marketer, m.id);
    expect(listed.map((r) => r.address)).toEqual([`${tag}-mine@example.com`]);
    expect(listed[0]).toMatchObject({ name: '陈先生', customerName: `${tag}悦购便利` });
  });

  it('writes an audit row for create, send, test and unsubscribe', async () => {
    const m = await create(marketer, { recipients: [{ address: 'audited@example.com' }] });
    await marketer.post(`/api/v1/mailings/${m.id}/test`, { to: 'audit-test@example.com' });
    expect((await send(marketer, m)).statusCode).toBe(200);
    await settled(marketer, m.id);
    const mail = smtp.received.find((r) => r.to === 'audited@example.com')!;
    const token = /\/u\/([A-Za-z0-9_-]{44})/.exec(mail.raw)![1];
    await t.app.inject({ method: 'POST', url: '/api/v1/public/unsubscribe', payload: { token } });
    const rows = await t.database.db.execute(
      sql`SELECT action, user_id FROM audit_logs WHERE entity = 'mailings' AND entity_id = ${m.id} ORDER BY created_at`,
    );
    const actions = (rows.rows as { action: string; user_id: string | null }[]).map((r) => r.action);
    expect(actions).toEqual(['create', 'test-send', 'send', 'unsubscribe']);
    expect((rows.rows as { user_id: string | null }[]).at(-1)!.user_id).toBeNull();
  });
});

describe('SMS through the HTTP provider', () => {
  it('signs every message; the gateway checks the HMAC; refusals are recorded per recipient', async () => {
    const m = await create(marketer, {
      channel: 'sms',
      subject: undefined,
      body: '{{name}}您好，新品到店',
      recipients: [
        { address: '138 0013 8000', name: '王五' },
        { address: '13900000000', name: '赵六' },
      ],
    });
    expect((await send(marketer, m)).statusCode).toBe(200);
    await settled(marketer, m.id);
    const got = sms.received.find((r) => r.to === '13800138000')!;
    expect(got.text).toMatch(/^王五您好，新品到店 退订 https:\/\/crm\.acme\.test\/u\/\S+$/);
    expect(got.template).toBe('SMS_001');
    const list = await recipients(marketer, m.id);
    const blocked = list.find((r) => r.address === '13900000000')!;
    expect(blocked.status).toBe('failed');
    expect(blocked.error).toContain('number blocked');
    expect(sms.refused).toHaveLength(0);
  });

  it('a wrong secret is refused by the gateway: the message fails with its answer', async () => {
    await settings({ smsSecret: 'not-the-shared-one' });
    const m = await create(marketer, {
      channel: 'sms',
      subject: undefined,
      body: '促销',
      recipients: [{ address: '13700137000' }],
    });
    expect((await send(marketer, m)).statusCode).toBe(200);
    await settled(marketer, m.id);
    const [r] = await recipients(marketer, m.id);
    expect(r).toMatchObject({ status: 'failed' });
    expect(r.error).toContain('401');
    expect(sms.refused.length).toBeGreaterThan(0);
    await settings({ smsSecret: SMS_SECRET });
  });
});
