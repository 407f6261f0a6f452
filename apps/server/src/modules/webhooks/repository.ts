import type { DeliveryStatus } from '@guanxi/contract';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { webhookCursors, webhookDeliveries, webhookSubscriptions } from './schema.ts';

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type NewDelivery = typeof webhookDeliveries.$inferInsert;

const live = (tenantId: string) =>
  and(eq(webhookSubscriptions.tenantId, tenantId), isNull(webhookSubscriptions.deletedAt));

/** The newest delivery of each subscription (for the list's "last delivery"). */
const lastDelivery = sql<{ status: DeliveryStatus; responseCode: number | null; at: string } | null>`(
  SELECT json_build_object('status', d.status, 'responseCode', d.response_code,
    'at', coalesce(d.delivered_at, d.created_at))
  FROM webhook_deliveries d WHERE d.subscription_id = webhook_subscriptions.id
  ORDER BY d.created_at DESC LIMIT 1)`;

export async function listSubscriptions(db: Db, tenantId: string) {
  return db
    .select({ row: webhookSubscriptions, last: lastDelivery })
    .from(webhookSubscriptions)
    .where(live(tenantId))
    .orderBy(webhookSubscriptions.createdAt);
}

export async function findSubscription(db: Db, tenantId: string, id: string, lock = false) {
  const q = db
    .select({ row: webhookSubscriptions, last: lastDelivery })
    .from(webhookSubscriptions)
    .where(and(live(tenantId), eq(webhookSubscriptions.id, id)));
  const [found] = lock ? await q.for('update', { of: webhookSubscriptions }) : await q;
  return found;
}

export async function insertSubscription(db: Db, values: typeof webhookSubscriptions.$inferInsert) {
  await db.insert(webhookSubscriptions).values(values);
}

/** Updates a live subscription at `version` (bumping it); no row: gone or stale. */
export async function updateSubscription(
  db: Db,
  tenantId: string,
  id: string,
  version: number,
  set: Partial<typeof webhookSubscriptions.$inferInsert>,
) {
  return db
    .update(webhookSubscriptions)
    .set({ ...set, updatedAt: new Date(), version: sql`${webhookSubscriptions.version} + 1` })
    .where(and(live(tenantId), eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.version, version)))
    .returning();
}

/**
 * Counts failed attempts in a row (0 after a success). Switching the subscription off
 * (`disabledReason`) is a change an editor must see, so only that moves its version.
 */
export async function recordFailures(db: Db, id: string, failures: number, disabledReason: string | null) {
  await db
    .update(webhookSubscriptions)
    .set({
      consecutiveFailures: failures,
      ...(disabledReason
        ? {
            active: false,
            disabledReason,
            updatedAt: new Date(),
            version: sql`${webhookSubscriptions.version} + 1`,
          }
        : {}),
    })
    .where(eq(webhookSubscriptions.id, id));
}

/** Active subscriptions of a tenant (the outbox matches events against them). */
export async function activeSubscriptions(db: Db, tenantId: string) {
  return db
    .select()
    .from(webhookSubscriptions)
    .where(and(live(tenantId), eq(webhookSubscriptions.active, true)));
}

/** Tenants with at least one active subscription: the outbox reads only their logs. */
export async function tenantsWithSubscriptions(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ tenantId: webhookSubscriptions.tenantId })
    .from(webhookSubscriptions)
    .where(and(isNull(webhookSubscriptions.deletedAt), eq(webhookSubscriptions.active, true)));
  return rows.map((r) => r.tenantId);
}

/** The tenant's cursor, locked for this run (made at `start` when missing). */
export async function lockCursor(db: Db, tenantId: string, start: number): Promise<number> {
  await db.insert(webhookCursors).values({ tenantId, lastAuditId: start }).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(webhookCursors)
    .where(eq(webhookCursors.tenantId, tenantId))
    .for('update');
  return row.lastAuditId;
}

export async function moveCursor(db: Db, tenantId: string, lastAuditId: number) {
  await db
    .update(webhookCursors)
    .set({ lastAuditId, updatedAt: new Date() })
    .where(eq(webhookCursors.tenantId, tenantId));
}

/** Inserts deliveries; one already made for the same subscription, audit row and event is skipped. */
export async function insertDeliveries(db: Db, rows: NewDelivery[]): Promise<number> {
  if (!rows.length) return 0;
  const made = await db
    .insert(webhookDeliveries)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  return made.length;
}

export async function findDelivery(db: Db, tenantId: string, subscriptionId: string, id: string) {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        eq(webhookDeliveries.id, id),
      ),
    );
  return row;
}

export async function updateDelivery(db: Db, id: string, set: Partial<NewDelivery>) {
  const [row] = await db.update(webhookDeliveries).set(set).where(eq(webhookDeliveries.id, id)).returning();
  return row;
}

/** The delivery log's FROM … WHERE: one subscription's deliveries, optionally of one status. */
export const deliveriesFrom = (tenantId: string, subscriptionId: string, status?: string): SQL =>
  sql`FROM webhook_deliveries d WHERE d.tenant_id = ${tenantId} AND d.subscription_id = ${subscriptionId}${
    status ? sql` AND d.status = ${status}` : sql``
  }`;

/**
 * Takes up to `limit` due deliveries of active subscriptions for `leaseSeconds`: a sender on
 * another replica skips them (SKIP LOCKED, then the lease), so each attempt is made once.
 */
export async function claimDue(db: Db, now: Date, limit: number, leaseSeconds: number) {
  const result = await db.execute(sql`
    UPDATE webhook_deliveries SET claimed_until = ${new Date(now.getTime() + leaseSeconds * 1000)}
    WHERE id IN (
      SELECT d.id FROM webhook_deliveries d
      JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.active AND s.deleted_at IS NULL
      WHERE d.status = 'pending' AND d.next_attempt_at <= ${now}
        AND (d.claimed_until IS NULL OR d.claimed_until < ${now})
      ORDER BY d.next_attempt_at LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED)
    RETURNING id, subscription_id AS "subscriptionId", next_attempt_at AS "due"`);
  return result.rows as { id: string; subscriptionId: string; due: string }[];
}

export async function deliveryWithSubscription(db: Db, id: string) {
  const [row] = await db
    .select({ delivery: webhookDeliveries, subscription: webhookSubscriptions })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(eq(webhookDeliveries.id, id));
  return row;
}

/**
 * Deletes the finished deliveries (succeeded or failed: a pending one still has tries) created
 * before `before` that are not among their subscription's `keepLast` newest, so a quiet webhook
 * keeps its last log however old. The N-th newest per subscription is found by the list index.
 * A block of `batch` rows per statement: a busy system's backlog never makes one huge delete
 * holding its locks (and its answer) at once.
 */
export async function purgeDeliveries(
  db: Db,
  before: Date,
  keepLast: number,
  batch = 5_000,
): Promise<number> {
  let purged = 0;
  for (;;) {
    const r = await db.execute(sql`WITH bound AS (
        SELECT s.id, (SELECT d.created_at FROM webhook_deliveries d
          WHERE d.tenant_id = s.tenant_id AND d.subscription_id = s.id
          ORDER BY d.created_at DESC OFFSET ${keepLast - 1} LIMIT 1) AS nth
        FROM webhook_subscriptions s)
      DELETE FROM webhook_deliveries WHERE id IN (
        SELECT d.id FROM webhook_deliveries d JOIN bound b ON d.subscription_id = b.id
        WHERE b.nth IS NOT NULL AND d.status <> 'pending'
          AND d.created_at < least(b.nth, ${before.toISOString()}::timestamptz)
        LIMIT ${batch})
      RETURNING 1`);
    purged += r.rows.length;
    if (r.rows.length < batch) return purged;
  }
}

/** Forgets the secrets a rotation kept that no longer sign. */
export async function clearPreviousSecrets(db: Db, now: Date): Promise<number> {
  const r =
    await db.execute(sql`UPDATE webhook_subscriptions SET previous_secret = NULL, previous_secret_until = NULL
    WHERE previous_secret IS NOT NULL AND previous_secret_until <= ${now.toISOString()}::timestamptz RETURNING 1`);
  return r.rows.length;
}
