import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { reportSubscriptions } from './schema.ts';

export type SubscriptionRow = typeof reportSubscriptions.$inferSelect;
type Insert = typeof reportSubscriptions.$inferInsert;
/** What the job and the owner may change. */
export type SubscriptionChange = Partial<
  Pick<
    Insert,
    | 'query'
    | 'frequency'
    | 'day'
    | 'hour'
    | 'title'
    | 'locale'
    | 'active'
    | 'nextRunAt'
    | 'claimedAt'
    | 'attempts'
    | 'lastSentAt'
    | 'lastRunAt'
    | 'lastOutcome'
    | 'lastError'
  >
>;

const mine = (tenantId: string, userId: string) =>
  and(eq(reportSubscriptions.tenantId, tenantId), eq(reportSubscriptions.userId, userId));

export const listMine = (db: Db, tenantId: string, userId: string) =>
  db
    .select()
    .from(reportSubscriptions)
    .where(mine(tenantId, userId))
    .orderBy(asc(reportSubscriptions.createdAt), asc(reportSubscriptions.id));

export async function findMine(db: Db, tenantId: string, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(reportSubscriptions)
    .where(and(mine(tenantId, userId), eq(reportSubscriptions.id, id)));
  return row;
}

/**
 * Serialises one user's creates (the limit is counted under it): a transaction-scoped advisory
 * lock on the user, so two saves at once cannot both pass the count.
 */
export async function lockUser(tx: Db, userId: string) {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`report_subscriptions:${userId}`}, 0))`,
  );
}

export async function countMine(db: Db, tenantId: string, userId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reportSubscriptions)
    .where(mine(tenantId, userId));
  return Number(row?.n ?? 0);
}

export const insert = (tx: Db, values: Insert) => tx.insert(reportSubscriptions).values(values).returning();

/** The owner's versioned change: no row when it is gone or was saved by someone first. */
export const updateVersioned = (tx: Db, id: string, version: number, change: SubscriptionChange) =>
  tx
    .update(reportSubscriptions)
    .set({ ...change, version: sql`${reportSubscriptions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(reportSubscriptions.id, id), eq(reportSubscriptions.version, version)))
    .returning();

export const deleteVersioned = (tx: Db, id: string, version: number) =>
  tx
    .delete(reportSubscriptions)
    .where(and(eq(reportSubscriptions.id, id), eq(reportSubscriptions.version, version)))
    .returning({ id: reportSubscriptions.id });

/** What a run records (its outcome, the next run): not the owner's edit, so the version stays. */
export const record = (db: Db, id: string, change: SubscriptionChange) =>
  db.update(reportSubscriptions).set(change).where(eq(reportSubscriptions.id, id));

/** A due subscription with what sending it needs: the tenant's zone. */
export type DueRow = SubscriptionRow & { timeZone: string };

const withZone = sql`(SELECT t.timezone FROM tenants t WHERE t.id = s.tenant_id)`;

const fromRaw = (r: Record<string, unknown>): DueRow => ({
  id: r.id as string,
  tenantId: r.tenant_id as string,
  createdAt: new Date(r.created_at as string),
  updatedAt: new Date(r.updated_at as string),
  createdBy: (r.created_by as string | null) ?? null,
  version: Number(r.version),
  userId: r.user_id as string,
  reportCode: r.report_code as string,
  query: (typeof r.query === 'string' ? JSON.parse(r.query) : r.query) as Record<string, string | number>,
  frequency: r.frequency as string,
  day: Number(r.day),
  hour: Number(r.hour),
  title: (r.title as string | null) ?? null,
  locale: r.locale as string,
  active: Boolean(r.active),
  nextRunAt: new Date(r.next_run_at as string),
  claimedAt: r.claimed_at ? new Date(r.claimed_at as string) : null,
  attempts: Number(r.attempts),
  lastSentAt: r.last_sent_at ? new Date(r.last_sent_at as string) : null,
  lastRunAt: r.last_run_at ? new Date(r.last_run_at as string) : null,
  lastOutcome: (r.last_outcome as string | null) ?? null,
  lastError: (r.last_error as string | null) ?? null,
  timeZone: r.time_zone as string,
});

/**
 * Claims up to `limit` due subscriptions of every tenant, committed before any is sent: a second
 * run at the same time passes them by (SKIP LOCKED, then `claimed_at`).
 */
export async function claimDue(db: Db, now: Date, limit: number): Promise<DueRow[]> {
  return db.transaction(async (tx) => {
    const r = await tx.execute(sql`SELECT s.*, ${withZone} AS time_zone FROM report_subscriptions s
      WHERE s.active AND s.next_run_at <= ${now} AND s.claimed_at IS NULL
      ORDER BY s.next_run_at, s.id LIMIT ${limit}
      FOR UPDATE OF s SKIP LOCKED`);
    const rows = (r.rows as Record<string, unknown>[]).map(fromRaw);
    if (rows.length)
      await tx.execute(sql`UPDATE report_subscriptions SET claimed_at = ${now}
        WHERE id IN (${sql.join(
          rows.map((x) => sql`${x.id}::uuid`),
          sql`, `,
        )})`);
    return rows;
  });
}

/** Claimed by a run that never reported back (stopped mid-send) before `before`. */
export async function interrupted(db: Db, before: Date): Promise<DueRow[]> {
  const r = await db.execute(sql`SELECT s.*, ${withZone} AS time_zone FROM report_subscriptions s
    WHERE s.claimed_at IS NOT NULL AND s.claimed_at < ${before}`);
  return (r.rows as Record<string, unknown>[]).map(fromRaw);
}
