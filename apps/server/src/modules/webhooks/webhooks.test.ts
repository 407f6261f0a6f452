import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isSealed } from '../../platform/secrets.ts';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { isPrivateAddress } from './address-guard.ts';
import { authz } from './authz.ts';
import {
  DISABLE_AFTER_FAILURES,
  deliverDue,
  KEEP_DAYS,
  KEEP_LAST,
  purgeOld,
  runOutbox,
  runOutboxes,
} from './delivery-service.ts';
import { eventsOf } from './events.ts';
import { purgeDeliveries } from './repository.ts';
import { BODY_KEPT, post } from './sender.ts';

/**
 * Webhooks end to end on a real database and a real receiver on 127.0.0.1 (the tests' config
 * allows private targets; the refusal tests switch that off). The jobs' work is driven by calling
 * it — the outbox, then the sender at a given clock — so retries are reached without waiting.
 */

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };
let t: TestContext;
let admin: Agent;
let receiver: http.Server;
let base: string;
const received: Received[] = [];
/** Status codes to answer, per path, in order (then 200). */
const answers = new Map<string, number[]>();

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.url === '/big') return res.writeHead(200).end('x'.repeat(5000));
      const code = answers.get(req.url ?? '')?.shift() ?? 200;
      res.writeHead(code, { 'content-type': 'text/plain' }).end(code >= 400 ? `failed with ${code}` : 'ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  t = await createTestContext({ webhookAllowPrivate: true });
  admin = await t.admin();
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => receiver.close(r));
});
beforeEach(() => {
  received.length = 0;
});

let pathCounter = 0;
const freshPath = () => `/hook-${++pathCounter}`;
const at = (path: string) => received.filter((r) => r.path === path);

async function subscribe(events: string[], path = freshPath(), agent = admin) {
  const res = await agent.post('/api/v1/webhooks', { url: `${base}${path}`, events });
  expect(res.statusCode, res.body).toBe(201);
  return { ...(res.json() as { id: string; secret: string; version: number }), path };
}

const deliveries = async (id: string) => {
  const res = await admin.get(`/api/v1/webhooks/${id}/deliveries`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as {
    id: string;
    event: string;
    status: string;
    attempts: number;
    responseCode: number | null;
    responseBody: string | null;
    attemptLog: { responseCode: number | null }[];
  }[];
};

/**
 * What a receiver does: recompute the HMAC of "<t>.<raw body>" and compare in constant time with
 * each `v1=` of the header (two after a rotation), accepting any.
 */
function verifies(secret: string, header: string, body: string) {
  const parts = header.split(',').map((p) => p.split('=') as [string, string]);
  const ts = parts.find(([k]) => k === 't')?.[1];
  const expected = crypto.createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
  return parts.some(
    ([k, v1]) =>
      k === 'v1' &&
      v1.length === expected.length &&
      crypto.timingSafeEqual(Buffer.from(v1), Buffer.from(expected)),
  );
}

const minutesLater = (m: number) => new Date(Date.now() + m * 60_000 + 1000);
const send = (now?: Date) => deliverDue(t.database.db, t.config, now);

describe('webhooks', () => {
  it('delivers customer.updated after an edit through the API, signed with the secret shown once', async () => {
    const hook = await subscribe(['customer.updated']);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const customer = await makeCustomer(admin);
    const edit = await admin.patch(`/api/v1/customers/${customer.id}`, {
      version: customer.version,
      shortName: '改过的简称',
    });
    expect(edit.statusCode, edit.body).toBe(200);

    expect(await runOutbox(t.database.db, t.tenant.id)).toBe(1); // the create raises no subscribed event
    expect(await send()).toBe(1);

    const [got] = at(hook.path);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      event: 'customer.updated',
      tenant: 'acme',
      data: { id: customer.id, changes: { shortName: [null, '改过的简称'] } },
      actor: { id: t.tenant.adminId },
    });
    expect(got.headers['x-guanxi-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifies(hook.secret, got.headers['x-guanxi-signature'] as string, got.body)).toBe(true);
    expect(verifies('whsec_not-the-secret', got.headers['x-guanxi-signature'] as string, got.body)).toBe(
      false,
    );

    const [log] = await deliveries(hook.id);
    expect(log).toMatchObject({
      id: body.id,
      event: 'customer.updated',
      status: 'succeeded',
      responseCode: 200,
    });
    // the list's last delivery reads the subscription's own deliveries
    const listed = (await admin.get('/api/v1/webhooks')).json().data as {
      id: string;
      lastDelivery: unknown;
    }[];
    expect(listed.find((w) => w.id === hook.id)?.lastDelivery).toMatchObject({
      status: 'succeeded',
      responseCode: 200,
    });

    // read again (another run, the look-back window): nothing is made or sent twice
    expect(await runOutbox(t.database.db, t.tenant.id)).toBe(0);
    expect(await send()).toBe(0);
  });

  it('shows the secret only on create and rotate, and keeps it sealed', async () => {
    const given = 'a-secret-the-integrator-chose-1234';
    const res = await admin.post('/api/v1/webhooks', {
      url: `${base}/given`,
      events: ['lead.created'],
      secret: given,
    });
    expect(res.json().secret).toBe(given);
    const { id } = res.json();
    expect((await admin.get(`/api/v1/webhooks/${id}`)).json()).not.toHaveProperty('secret');
    const list = (await admin.get('/api/v1/webhooks')).json().data as Record<string, unknown>[];
    expect(list.find((w) => w.id === id)).not.toHaveProperty('secret');
    const stored = await t.database.db.execute(
      sql`SELECT secret FROM webhook_subscriptions WHERE id = ${id}`,
    );
    const sealed = (stored.rows[0] as { secret: string }).secret;
    expect(isSealed(sealed) && !sealed.includes(given)).toBe(true);

    const version = (await admin.get(`/api/v1/webhooks/${id}`)).json().version;
    const rotated = await admin.post(`/api/v1/webhooks/${id}/rotate-secret`, { version });
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json().secret).not.toBe(given);
    expect(
      t.config.serverKey.open(
        (
          (await t.database.db.execute(sql`SELECT secret FROM webhook_subscriptions WHERE id = ${id}`))
            .rows[0] as {
            secret: string;
          }
        ).secret,
      ),
    ).toBe(rotated.json().secret);
    // the audit log has the rotation, never the secret
    const audit = await t.database.db.execute(
      sql`SELECT action, changes::text AS changes FROM audit_logs WHERE entity = 'webhooks' AND entity_id = ${id}`,
    );
    expect((audit.rows as { action: string }[]).map((r) => r.action)).toEqual(['create', 'rotate-secret']);
    expect(JSON.stringify(audit.rows)).not.toContain(given);
  });

  it('retries a receiver that answered 500, then logs the success with both codes', async () => {
    const hook = await subscribe(['customer.created']);
    answers.set(hook.path, [500]);
    await makeCustomer(admin);
    await runOutbox(t.database.db, t.tenant.id);
    expect(await send()).toBe(1);
    let [log] = await deliveries(hook.id);
    expect(log).toMatchObject({
      status: 'pending',
      attempts: 1,
      responseCode: 500,
      responseBody: 'failed with 500',
    });
    expect(await send()).toBe(0); // not before its minute
    expect(await send(minutesLater(1))).toBe(1);
    [log] = await deliveries(hook.id);
    expect(log).toMatchObject({ status: 'succeeded', attempts: 2, responseCode: 200 });
    expect(log.attemptLog.map((a) => a.responseCode)).toEqual([500, 200]);
    const [first, second] = at(hook.path);
    expect(JSON.parse(second.body).id).toBe(JSON.parse(first.body).id); // the same delivery, again
  });

  it('replays a delivery: the same id and body go again', async () => {
    const hook = await subscribe(['customer.created']);
    await makeCustomer(admin);
    await runOutbox(t.database.db, t.tenant.id);
    await send();
    const [log] = await deliveries(hook.id);
    const replay = await admin.post(`/api/v1/webhooks/${hook.id}/deliveries/${log.id}/replay`);
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toMatchObject({ status: 'pending' });
    expect(await send()).toBe(1);
    const sent = at(hook.path);
    expect(sent).toHaveLength(2);
    expect(sent[1].body).toBe(sent[0].body);
    expect((await deliveries(hook.id))[0].attemptLog).toHaveLength(2);
  });

  it('sends a ping on test', async () => {
    const hook = await subscribe(['ticket.created']);
    const res = await admin.post(`/api/v1/webhooks/${hook.id}/test`);
    expect(res.statusCode, res.body).toBe(201);
    await send();
    expect(JSON.parse(at(hook.path)[0].body)).toMatchObject({ event: 'ping', data: { id: hook.id } });
  });

  it(`switches a subscription off after ${DISABLE_AFTER_FAILURES} failures in a row and tells its managers`, async () => {
    const hook = await subscribe(['contract.created']);
    answers.set(hook.path, Array(DISABLE_AFTER_FAILURES + 5).fill(503));
    for (let i = 0; i < DISABLE_AFTER_FAILURES + 1; i++) await admin.post(`/api/v1/webhooks/${hook.id}/test`);
    await send();
    await send(); // the 21st ping waits: the subscription is off
    expect(at(hook.path)).toHaveLength(DISABLE_AFTER_FAILURES);
    const after = (await admin.get(`/api/v1/webhooks/${hook.id}`)).json();
    expect(after).toMatchObject({ active: false, consecutiveFailures: DISABLE_AFTER_FAILURES });
    expect(after.disabledReason).toContain('20');
    const notes = await t.database.db.execute(
      sql`SELECT user_id, data FROM notifications WHERE kind = 'webhook.disabled' AND entity_id = ${hook.id}`,
    );
    // the page words it in the reader's language from its kind and data (notification-text.ts)
    expect(notes.rows).toContainEqual({
      user_id: t.tenant.adminId,
      data: { url: `${base}${hook.path}`, failures: DISABLE_AFTER_FAILURES },
    });
    // switched on by hand: the count starts again
    const on = await admin.patch(`/api/v1/webhooks/${hook.id}`, { version: after.version, active: true });
    expect(on.json()).toMatchObject({ active: true, consecutiveFailures: 0, disabledReason: null });
  });

  it('after a rotation signs with both secrets for a day (either verifies), then with the new one only', async () => {
    const hook = await subscribe(['lead.created']);
    const rotated = await admin.post(`/api/v1/webhooks/${hook.id}/rotate-secret`, { version: hook.version });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const fresh = rotated.json().secret as string;
    const until = Date.parse(rotated.json().previousSecretUntil);
    expect(until - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(until - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    await admin.post(`/api/v1/webhooks/${hook.id}/test`);
    await send();
    const [both] = at(hook.path);
    const header = both.headers['x-guanxi-signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifies(fresh, header, both.body)).toBe(true);
    expect(verifies(hook.secret, header, both.body)).toBe(true);
    expect(verifies('whsec_neither', header, both.body)).toBe(false);
    // the day is over: the old secret signs no more, and the daily clean-up forgets it
    await t.database.db.execute(
      sql`UPDATE webhook_subscriptions SET previous_secret_until = now() - interval '1 second' WHERE id = ${hook.id}`,
    );
    expect((await admin.get(`/api/v1/webhooks/${hook.id}`)).json().previousSecretUntil).toBeNull();
    await admin.post(`/api/v1/webhooks/${hook.id}/test`);
    await send();
    const after = at(hook.path)[1];
    const one = after.headers['x-guanxi-signature'] as string;
    expect(one).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifies(fresh, one, after.body)).toBe(true);
    expect(verifies(hook.secret, one, after.body)).toBe(false);
    expect((await purgeOld(t.database.db)).secrets).toBeGreaterThanOrEqual(1);
    const kept = await t.database.db.execute(
      sql`SELECT previous_secret FROM webhook_subscriptions WHERE id = ${hook.id}`,
    );
    expect(kept.rows).toEqual([{ previous_secret: null }]);
  });

  it(`purges finished deliveries past 30 days beyond each subscription's last ${KEEP_LAST}; pending ones stay`, async () => {
    const busy = await subscribe(['lead.created']);
    const quiet = await subscribe(['lead.created']);
    const insert = (subscription: string, n: number, status: string, daysAgo: number) =>
      t.database.db.execute(sql`INSERT INTO webhook_deliveries (id, tenant_id, subscription_id, event, payload, status, created_at)
        SELECT gen_random_uuid(), ${t.tenant.id}, ${subscription}, 'ping', '{}'::jsonb, ${status},
          now() - ${daysAgo} * interval '1 day' - i * interval '1 minute'
        FROM generate_series(1, ${n}) i`);
    await insert(busy.id, KEEP_LAST + 5, 'succeeded', 40);
    await insert(busy.id, 1, 'failed', 45);
    await insert(busy.id, 1, 'pending', 50);
    await insert(busy.id, 1, 'succeeded', 0);
    await insert(quiet.id, 3, 'failed', 90);
    const count = async (id: string) =>
      Number(
        (
          (
            await t.database.db.execute(
              sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE subscription_id = ${id}`,
            )
          ).rows[0] as { n: number }
        ).n,
      );
    // in blocks of 2 (the daily job's are 5,000): the loop goes on until a block is short
    const monthAgo = new Date(Date.now() - KEEP_DAYS * 86_400_000);
    expect(await purgeDeliveries(t.database.db, monthAgo, KEEP_LAST, 2)).toBe(7);
    // the busy one keeps its newest 100 (today's and 99 old ones) and the pending one
    expect(await count(busy.id)).toBe(KEEP_LAST + 1);
    const pending = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE subscription_id = ${busy.id} AND status = 'pending'`,
    );
    expect(pending.rows).toEqual([{ n: 1 }]);
    // a quiet one keeps its last deliveries however old
    expect(await count(quiet.id)).toBe(3);
    // again: nothing more goes
    expect((await purgeOld(t.database.db)).deliveries).toBe(0);
  });

  it("never sends a tenant's events to another tenant's subscription", async () => {
    const ours = await subscribe(['customer.created']);
    const otherAdmin = await t.login('admin', undefined, t.other.code);
    const theirs = await subscribe(['customer.created'], freshPath(), otherAdmin);
    const mine = await makeCustomer(admin);
    const other = await makeCustomer(otherAdmin);
    await runOutboxes(t.database.db);
    await send();
    expect(at(ours.path).map((r) => JSON.parse(r.body).data.id)).toEqual([mine.id]);
    expect(at(theirs.path).map((r) => JSON.parse(r.body).data.id)).toEqual([other.id]);
    expect(JSON.parse(at(theirs.path)[0].body).tenant).toBe(t.other.code);
    // nor may one tenant read or touch another's subscription
    expect((await admin.get(`/api/v1/webhooks/${theirs.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/webhooks/${theirs.id}/deliveries`)).statusCode).toBe(404);
  });

  it('refuses private, loopback and non-http targets unless the private-network switch is on', async () => {
    t.config.webhookAllowPrivate = false;
    try {
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://10.1.2.3/x',
        'http://[::1]/x',
        'http://localhost/x',
        'http://[::ffff:127.0.0.1]/x',
        'http://169.254.169.254/latest/meta-data',
        'http://100.64.0.1/',
        'http://0.0.0.0/',
        'ftp://example.com/x',
      ]) {
        const res = await admin.post('/api/v1/webhooks', { url, events: ['customer.created'] });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().code, url).toMatch(/WEBHOOK_URL_NOT_ALLOWED|VALIDATION_FAILED/);
        if (!url.startsWith('ftp')) expect(res.json().code, url).toBe('WEBHOOK_URL_NOT_ALLOWED');
      }
      // and checked again at delivery: a subscription made while it was allowed gets nothing
      t.config.webhookAllowPrivate = true;
      const hook = await subscribe(['customer.created']);
      t.config.webhookAllowPrivate = false;
      await makeCustomer(admin);
      await runOutbox(t.database.db, t.tenant.id);
      await send();
      expect(at(hook.path)).toHaveLength(0);
      const [log] = await deliveries(hook.id);
      expect(log).toMatchObject({ status: 'pending', attempts: 1, responseCode: null });
      expect((await admin.get(`/api/v1/webhooks/${hook.id}/deliveries`)).json().data[0].error).toContain(
        'WEBHOOK_URL_NOT_ALLOWED',
      );
    } finally {
      t.config.webhookAllowPrivate = true;
    }
  });

  it('connects to the address that was checked, whatever the name resolves to now, and keeps 1 kB of the answer', async () => {
    const port = (receiver.address() as AddressInfo).port;
    // a name that resolves nowhere: only the checked address can have been reached
    const target = {
      url: new URL(`http://rebound.invalid:${port}/big`),
      address: '127.0.0.1',
      family: 4 as const,
    };
    const outcome = await post(target, {}, '{}');
    expect(outcome).toMatchObject({ responseCode: 200, error: null });
    expect(outcome.body).toHaveLength(BODY_KEPT);
    expect(at('/big')[0].headers.host).toBe(`rebound.invalid:${port}`);
  });

  it('tells private and reserved addresses from public ones, IPv4 and IPv6', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.1.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fd12::1',
      'fe80::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of [
      '8.8.8.8',
      '1.1.1.1',
      '172.32.0.1',
      '100.128.0.1',
      '2606:4700:4700::1111',
      '::ffff:8.8.8.8',
    ])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it('maps audit rows to events: an order update that changed its status is also order.status_changed', () => {
    expect(eventsOf({ entity: 'orders', action: 'update', changes: { notes: ['a', 'b'] } })).toEqual([
      'order.updated',
    ]);
    expect(eventsOf({ entity: 'orders', action: 'update', changes: { status: ['a', 'b'] } })).toEqual([
      'order.updated',
      'order.status_changed',
    ]);
    expect(eventsOf({ entity: 'orders', action: 'transition', changes: {} })).toEqual([
      'order.status_changed',
    ]);
    expect(eventsOf({ entity: 'follow-ups', action: 'delete', changes: {} })).toEqual(['follow-up.deleted']);
    expect(eventsOf({ entity: 'users', action: 'update', changes: {} })).toEqual([]);
    // a change of hands is an update of the record; an export of it is not
    expect(eventsOf({ entity: 'customers', action: 'transfer', changes: {} })).toEqual(['customer.updated']);
    expect(eventsOf({ entity: 'customers', action: 'export', changes: { filters: [null, {}] } })).toEqual([]);
  });

  it('edits with a version (409 when stale) and deletes', async () => {
    const hook = await subscribe(['lead.created']);
    const ok = await admin.patch(`/api/v1/webhooks/${hook.id}`, {
      version: hook.version,
      events: ['lead.updated'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().events).toEqual(['lead.updated']);
    const stale = await admin.patch(`/api/v1/webhooks/${hook.id}`, { version: hook.version, active: false });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const gone = await admin.delete(`/api/v1/webhooks/${hook.id}?version=${ok.json().version}`);
    expect(gone.statusCode, gone.body).toBe(200);
    expect((await admin.get(`/api/v1/webhooks/${hook.id}`)).statusCode).toBe(404);
    const events = (await admin.get('/api/v1/webhooks/events')).json().data as {
      group: string;
      events: string[];
    }[];
    expect(events.find((g) => g.group === 'order')?.events).toContain('order.status_changed');
  });
});

describeAuthz(authz);
