import crypto from 'node:crypto';
import type {
  CreateWebhook,
  UpdateWebhook,
  Webhook,
  WebhookDelivery,
  WebhookWithSecret,
} from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, auditUpdate, lastAuditId, writeAudit } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { requireUpdated } from '../../platform/optimistic.ts';
import { listPage } from '../../platform/pagination.ts';
import { checkTarget } from './address-guard.ts';
import * as repo from './repository.ts';

const ENTITY = 'webhooks';

type Found = { row: repo.SubscriptionRow; last: Webhook['lastDelivery'] };

const toWebhook = ({ row, last }: Found): Webhook => ({
  id: row.id,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  url: row.url,
  events: row.events,
  description: row.description,
  active: row.active,
  consecutiveFailures: row.consecutiveFailures,
  disabledReason: row.disabledReason,
  previousSecretUntil:
    row.previousSecretUntil && row.previousSecretUntil > new Date()
      ? row.previousSecretUntil.toISOString()
      : null,
  lastDelivery: last ? { ...last, at: new Date(last.at).toISOString() } : null,
});

/** What the audit log keeps of a subscription: never the secret. */
const audited = (r: repo.SubscriptionRow) => ({
  url: r.url,
  events: r.events,
  description: r.description,
  active: r.active,
});

/** A strong signing secret: 32 random bytes. */
const newSecret = () => `whsec_${crypto.randomBytes(32).toString('base64url')}`;

export async function listWebhooks(db: Db, tenantId: string): Promise<Webhook[]> {
  return (await repo.listSubscriptions(db, tenantId)).map(toWebhook);
}

export async function getWebhook(db: Db, tenantId: string, id: string): Promise<Webhook> {
  const found = await repo.findSubscription(db, tenantId, id);
  if (!found) throw notFound();
  return toWebhook(found);
}

/** Creates a subscription; the answer is the only time its secret is shown. */
export async function createWebhook(
  db: Db,
  config: Config,
  actor: Actor,
  input: CreateWebhook,
): Promise<WebhookWithSecret> {
  await checkTarget(input.url, config.webhookAllowPrivate);
  const secret = input.secret ?? newSecret();
  const id = uuidv7();
  await db.transaction(async (tx) => {
    // the tenant's outbox starts here, not at the beginning of its history
    await repo.lockCursor(tx, actor.tenantId, await lastAuditId(tx, actor.tenantId));
    await repo.insertSubscription(tx, {
      id,
      tenantId: actor.tenantId,
      createdBy: actor.userId,
      url: input.url,
      events: input.events,
      description: input.description || null,
      secret: config.serverKey.seal(secret),
    });
    await writeAudit(tx, actor, {
      action: 'create',
      entity: ENTITY,
      entityId: id,
      summary: input.url,
      changes: { url: [null, input.url], events: [null, input.events] },
    });
  });
  return { ...(await getWebhook(db, actor.tenantId, id)), secret };
}

export async function updateWebhook(
  db: Db,
  config: Config,
  actor: Actor,
  id: string,
  input: UpdateWebhook,
): Promise<Webhook> {
  if (input.url !== undefined) await checkTarget(input.url, config.webhookAllowPrivate);
  await db.transaction(async (tx) => {
    const before = await repo.findSubscription(tx, actor.tenantId, id, true);
    if (!before) throw notFound();
    const reactivated = input.active === true && !before.row.active;
    const after = await requireUpdated(
      await repo.updateSubscription(tx, actor.tenantId, id, input.version, {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: input.events } : {}),
        ...(input.description !== undefined ? { description: input.description || null } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        // switched on again by hand: the failures that switched it off are forgiven
        ...(reactivated ? { consecutiveFailures: 0, disabledReason: null } : {}),
      }),
      async () => true,
    );
    await auditUpdate(
      tx,
      actor,
      { entity: ENTITY, entityId: id, summary: after.url },
      audited(before.row),
      audited(after),
    );
  });
  return getWebhook(db, actor.tenantId, id);
}

export async function deleteWebhook(db: Db, actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await repo.findSubscription(tx, actor.tenantId, id, true);
    if (!before) throw notFound();
    await requireUpdated(
      await repo.updateSubscription(tx, actor.tenantId, id, version, {
        deletedAt: new Date(),
        active: false,
      }),
      async () => true,
    );
    await writeAudit(tx, actor, { action: 'delete', entity: ENTITY, entityId: id, summary: before.row.url });
  });
}

/** How long the secret before a rotation keeps signing beside the new one. */
export const SECRET_OVERLAP_MS = 24 * 3_600_000;

/**
 * A new signing secret, shown once. For a day the old one signs too (a second `v1=`), so the
 * receiver can switch to the new one without refusing a delivery meanwhile.
 */
export async function rotateSecret(
  db: Db,
  config: Config,
  actor: Actor,
  id: string,
  version: number,
): Promise<WebhookWithSecret> {
  const secret = newSecret();
  await db.transaction(async (tx) => {
    const before = await repo.findSubscription(tx, actor.tenantId, id, true);
    if (!before) throw notFound();
    await requireUpdated(
      await repo.updateSubscription(tx, actor.tenantId, id, version, {
        secret: config.serverKey.seal(secret),
        previousSecret: before.row.secret,
        previousSecretUntil: new Date(Date.now() + SECRET_OVERLAP_MS),
      }),
      async () => true,
    );
    await writeAudit(tx, actor, {
      action: 'rotate-secret',
      entity: ENTITY,
      entityId: id,
      summary: before.row.url,
    });
  });
  return { ...(await getWebhook(db, actor.tenantId, id)), secret };
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

const toDelivery = (r: Record<string, unknown>): WebhookDelivery => ({
  id: r.id as string,
  event: r.event as string,
  status: r.status as WebhookDelivery['status'],
  attempts: r.attempts as number,
  responseCode: (r.response_code as number | null) ?? null,
  durationMs: (r.duration_ms as number | null) ?? null,
  responseBody: (r.response_body as string | null) ?? null,
  error: (r.error as string | null) ?? null,
  nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
  createdAt: iso(r.created_at)!,
  deliveredAt: iso(r.delivered_at),
  attemptLog: (r.attempt_log as WebhookDelivery['attemptLog']) ?? [],
});

/** A subscription's delivery log, newest first. */
export async function listDeliveries(
  db: Db,
  tenantId: string,
  id: string,
  q: { page: number; pageSize: number; status?: string },
) {
  await getWebhook(db, tenantId, id);
  return listPage(
    db,
    q,
    {
      columns: sql`d.*`,
      from: repo.deliveriesFrom(tenantId, id, q.status),
      orderBy: sql`d.created_at DESC, d.id DESC`,
    },
    toDelivery,
  );
}

export async function getDelivery(db: Db, tenantId: string, id: string, deliveryId: string) {
  const row = await repo.findDelivery(db, tenantId, id, deliveryId);
  if (!row) throw notFound();
  return row;
}

/** The answer for one delivery row read through drizzle (camel-cased columns). */
export const deliveryOf = (row: repo.DeliveryRow): WebhookDelivery =>
  toDelivery({
    ...row,
    response_code: row.responseCode,
    duration_ms: row.durationMs,
    response_body: row.responseBody,
    next_attempt_at: row.nextAttemptAt,
    created_at: row.createdAt,
    delivered_at: row.deliveredAt,
    attempt_log: row.attemptLog,
  });
