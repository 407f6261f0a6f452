import { WEBHOOK_PING, type WebhookDelivery } from '@guanxi/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, type AuditRow, auditRowsSince, writeAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { notify } from '../notifications/service.ts';
import { userIdsHolding } from '../organization/permission-holders-service.ts';
import { getTenant } from '../organization/tenants-service.ts';
import { checkTarget } from './address-guard.ts';
import { eventEntities, eventsOf } from './events.ts';
import * as repo from './repository.ts';
import { post, signature } from './sender.ts';
import { deliveryOf, getDelivery, getWebhook } from './service.ts';

/** Minutes to wait after the 1st … 5th failed attempt; the 6th failure is final. */
export const RETRY_MINUTES = [1, 5, 30, 120, 720] as const;
/** Failed attempts in a row (no success between) that switch a subscription off. */
export const DISABLE_AFTER_FAILURES = 20;
/** A slow transaction's audit rows may appear this long behind the cursor (platform/audit.ts). */
const LOOKBACK_MINUTES = 10;
const BATCH = 500;
/** A sender's hold on the deliveries it took: more than a batch of 10-second posts. */
const LEASE_SECONDS = 120;
const PARALLEL = 8;

const payloadOf = (deliveryId: string, event: string, tenantCode: string, row: AuditRow) => ({
  id: deliveryId,
  event,
  occurredAt: row.createdAt.toISOString(),
  tenant: tenantCode,
  data: { id: row.entityId, summary: row.summary, changes: row.changes },
  actor: row.userId ? { id: row.userId, name: row.userName } : null,
});

/**
 * The transactional outbox: every write leaves audit rows in its own transaction; this reads the
 * tenant's rows past its cursor and makes one delivery per event and matching active
 * subscription (made before the row was written). The cursor row is locked for the run, and a
 * delivery is unique per subscription, row and event, so a row read again adds nothing.
 * Returns how many deliveries it made.
 */
export async function runOutbox(db: Db, tenantId: string): Promise<number> {
  const tenant = await getTenant(db, tenantId);
  return db.transaction(async (tx) => {
    const cursor = await repo.lockCursor(tx, tenantId, 0);
    const subscriptions = await repo.activeSubscriptions(tx, tenantId);
    const rows = await auditRowsSince(tx, tenantId, cursor, {
      entities: eventEntities,
      lookbackMinutes: LOOKBACK_MINUTES,
      limit: BATCH,
    });
    const deliveries: repo.NewDelivery[] = [];
    for (const row of rows)
      for (const event of eventsOf(row))
        for (const s of subscriptions)
          if (s.events.includes(event) && s.createdAt <= row.createdAt) {
            const id = uuidv7();
            deliveries.push({
              id,
              tenantId,
              subscriptionId: s.id,
              auditId: row.id,
              event,
              payload: payloadOf(id, event, tenant.code, row),
              nextAttemptAt: new Date(),
            });
          }
    const made = await repo.insertDeliveries(tx, deliveries);
    const last = rows.reduce((m, r) => Math.max(m, r.id), cursor);
    if (last > cursor) await repo.moveCursor(tx, tenantId, last);
    return made;
  });
}

/** The outbox of every tenant with an active subscription. */
export async function runOutboxes(db: Db): Promise<number> {
  let made = 0;
  for (const tenantId of await repo.tenantsWithSubscriptions(db)) made += await runOutbox(db, tenantId);
  return made;
}

/**
 * Posts the deliveries due at `now` (up to a batch): subscriptions side by side (8 at a time),
 * each one's deliveries one after another in due order — a receiver gets them in order and is
 * never flooded, and one switched off mid-batch gets no more. Returns how many it tried.
 */
export async function deliverDue(db: Db, config: Config, now = new Date()): Promise<number> {
  const claimed = await repo.claimDue(db, now, 50, LEASE_SECONDS);
  const bySubscription = new Map<string, string[]>();
  for (const c of claimed.sort((a, b) => new Date(a.due).getTime() - new Date(b.due).getTime()))
    bySubscription.set(c.subscriptionId, [...(bySubscription.get(c.subscriptionId) ?? []), c.id]);
  const queues = [...bySubscription.values()];
  let tried = 0;
  const worker = async () => {
    for (let queue = queues.shift(); queue; queue = queues.shift())
      for (const id of queue) if (await attempt(db, config, id, now)) tried++;
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, queues.length) }, worker));
  return tried;
}

/** One attempt at one claimed delivery: check the target again, POST, record the outcome; false if none was made. */
async function attempt(db: Db, config: Config, id: string, now: Date) {
  const found = await repo.deliveryWithSubscription(db, id);
  if (!found) return false;
  const { delivery, subscription } = found;
  if (!subscription.active || subscription.deletedAt) {
    // switched off since it was taken: it waits, pending, for the subscription to come back
    await repo.updateDelivery(db, id, { claimedUntil: null });
    return false;
  }
  const body = JSON.stringify(delivery.payload);
  const at = new Date();
  let outcome: Awaited<ReturnType<typeof post>>;
  try {
    // checked at every attempt: the name may resolve elsewhere since it was saved
    const target = await checkTarget(subscription.url, config.webhookAllowPrivate);
    const secrets = [config.serverKey.open(subscription.secret)];
    // within a day of a rotation the old secret signs too
    if (
      subscription.previousSecret &&
      subscription.previousSecretUntil &&
      subscription.previousSecretUntil > at
    )
      secrets.push(config.serverKey.open(subscription.previousSecret));
    outcome = await post(
      target,
      {
        'user-agent': 'Guanxi-Webhooks/1',
        'x-guanxi-event': delivery.event,
        'x-guanxi-delivery': delivery.id,
        'x-guanxi-signature': signature(secrets, body, at),
      },
      body,
    );
  } catch (err) {
    const message =
      err instanceof AppError ? `${err.code}: ${JSON.stringify(err.details ?? '')}` : String(err);
    outcome = { responseCode: null, body: null, error: message.slice(0, 300), durationMs: 0 };
  }
  await settle(db, delivery, subscription, outcome, at, now);
  return true;
}

async function settle(
  db: Db,
  delivery: repo.DeliveryRow,
  subscription: repo.SubscriptionRow,
  outcome: Awaited<ReturnType<typeof post>>,
  at: Date,
  now: Date,
) {
  const ok = outcome.responseCode !== null && outcome.responseCode >= 200 && outcome.responseCode < 300;
  const attempts = delivery.attempts + 1;
  const wait = RETRY_MINUTES[attempts - 1];
  await db.transaction(async (tx) => {
    const locked = await repo.findSubscription(tx, subscription.tenantId, subscription.id, true);
    await repo.updateDelivery(tx, delivery.id, {
      attempts,
      status: ok ? 'succeeded' : wait === undefined ? 'failed' : 'pending',
      nextAttemptAt: ok || wait === undefined ? null : new Date(now.getTime() + wait * 60_000),
      claimedUntil: null,
      responseCode: outcome.responseCode,
      durationMs: outcome.durationMs,
      responseBody: outcome.body,
      error: outcome.error,
      deliveredAt: ok ? at : delivery.deliveredAt,
      attemptLog: [
        ...delivery.attemptLog,
        {
          at: at.toISOString(),
          responseCode: outcome.responseCode,
          durationMs: outcome.durationMs,
          error: outcome.error,
        },
      ],
    });
    if (!locked) return; // deleted meanwhile: the log keeps the attempt
    const failures = ok ? 0 : locked.row.consecutiveFailures + 1;
    const disable = locked.row.active && failures >= DISABLE_AFTER_FAILURES;
    await repo.recordFailures(
      tx,
      subscription.id,
      failures,
      disable ? `${failures} failed deliveries in a row` : null,
    );
    if (disable) await disabled(tx, locked.row, failures);
  });
}

/** Audited as the system's change; everyone who manages webhooks hears of it. */
async function disabled(tx: Db, s: repo.SubscriptionRow, failures: number) {
  const system: Actor = { tenantId: s.tenantId, userId: null, userName: null };
  await writeAudit(tx, system, {
    action: 'disable',
    entity: 'webhooks',
    entityId: s.id,
    summary: s.url,
    changes: { active: [true, false] },
  });
  for (const userId of await userIdsHolding(tx, s.tenantId, 'webhooks:manage'))
    await notify(tx, {
      tenantId: s.tenantId,
      userId,
      kind: 'webhook.disabled',
      title: `Webhook ${s.url} 连续 ${failures} 次投递失败，已停用`,
      link: '/settings/webhooks',
      entity: 'webhooks',
      entityId: s.id,
      data: { url: s.url, failures },
    });
}

/** The delivery log keeps 30 days, and at least the last 100 of each subscription. */
export const KEEP_DAYS = 30;
export const KEEP_LAST = 100;

/** The daily clean-up: deliveries past what the log keeps, rotated secrets that no longer sign. */
export async function purgeOld(db: Db, now = new Date()) {
  const deliveries = await repo.purgeDeliveries(
    db,
    new Date(now.getTime() - KEEP_DAYS * 86_400_000),
    KEEP_LAST,
  );
  const secrets = await repo.clearPreviousSecrets(db, now);
  return { deliveries, secrets };
}

/** `POST /webhooks/:id/test`: a ping delivery, sent by the next sender run. */
export async function sendPing(db: Db, actor: Actor, id: string): Promise<WebhookDelivery> {
  const hook = await getWebhook(db, actor.tenantId, id);
  const tenant = await getTenant(db, actor.tenantId);
  const deliveryId = uuidv7();
  const now = new Date();
  await db.transaction(async (tx) => {
    await writeAudit(tx, actor, { action: 'test', entity: 'webhooks', entityId: id, summary: hook.url });
    await repo.insertDeliveries(tx, [
      {
        id: deliveryId,
        tenantId: actor.tenantId,
        subscriptionId: hook.id,
        event: WEBHOOK_PING,
        nextAttemptAt: now,
        payload: {
          id: deliveryId,
          event: WEBHOOK_PING,
          occurredAt: now.toISOString(),
          tenant: tenant.code,
          data: { id: hook.id, summary: hook.url, changes: {} },
          actor: actor.userId ? { id: actor.userId, name: actor.userName } : null,
        },
      },
    ]);
  });
  return deliveryOf(await getDelivery(db, actor.tenantId, id, deliveryId));
}

/** Sends a delivery again (same id and body), with a fresh round of retries; the log keeps the old attempts. */
export async function replayDelivery(db: Db, actor: Actor, id: string, deliveryId: string) {
  const hook = await getWebhook(db, actor.tenantId, id);
  const before = await getDelivery(db, actor.tenantId, id, deliveryId);
  const row = await db.transaction(async (tx) => {
    await writeAudit(tx, actor, {
      action: 'replay',
      entity: 'webhooks',
      entityId: id,
      summary: `${hook.url} ${before.event} ${deliveryId}`,
    });
    return repo.updateDelivery(tx, deliveryId, {
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(),
      claimedUntil: null,
    });
  });
  return deliveryOf(row);
}
