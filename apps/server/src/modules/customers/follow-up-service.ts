/**
 * The customer side of follow-ups (跟进记录, the follow-ups module): a customer's 最近跟进 /
 * 下次跟进 move with the follow-ups recorded on it, and follow-up lists name their customers and
 * contacts. The follow-ups module owns the rules of who records what; these write the customer's
 * two columns, audited, in its transaction.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { contacts, customers } from './schema.ts';
import { ENTITY } from './service.ts';

type Dates = { lastFollowUpAt: Date | null; nextFollowUpAt: Date | null };

/**
 * Locks the customer and writes its follow-up dates, audited ('follow-up'), when they change.
 * `summary` names the customer, never the note: the customer's history and timeline are read by
 * whoever sees the customer, a follow-up's content only within the follow-ups scope.
 * `version` is not bumped: it is the edit form's lock, and a colleague's follow-up must not make
 * the owner's open edit fail with a conflict (pool-state changes do bump it: they change who owns it).
 */
async function writeDates(
  tx: Db,
  actor: Actor,
  customerId: string,
  next: (before: Dates) => Dates,
  summary: string,
) {
  const [before] = await tx
    .select({
      ownerId: customers.ownerId,
      name: customers.name,
      lastFollowUpAt: customers.lastFollowUpAt,
      nextFollowUpAt: customers.nextFollowUpAt,
    })
    .from(customers)
    .where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId)))
    .for('update');
  if (!before) throw notFound();
  const after = next(before);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of ['lastFollowUpAt', 'nextFollowUpAt'] as const)
    if (before[key]?.getTime() !== after[key]?.getTime()) changes[key] = [before[key], after[key]];
  if (Object.keys(changes).length) {
    await tx
      .update(customers)
      .set(after)
      .where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId)));
    await writeAudit(tx, actor, {
      action: 'follow-up',
      entity: ENTITY,
      entityId: customerId,
      summary,
      changes,
    });
  }
  return { ownerId: before.ownerId, name: before.name };
}

const later = (a: Date | null, b: Date) => (a && a > b ? a : b);

/**
 * A follow-up at `occurredAt` was recorded (or moved there): 最近跟进 becomes the latest of the
 * customer's and this one (the latest one wins); 下次跟进 is this one's next date when it has one
 * and is not older than the customer's latest (a back-dated note does not replace a newer plan).
 * Answers the customer's owner (null in a pool) and name, for the owner's to-do.
 */
export function noteFollowUp(
  tx: Db,
  actor: Actor,
  customerId: string,
  f: { occurredAt: Date; nextFollowUpAt: Date | null },
  summary: string,
) {
  return writeDates(
    tx,
    actor,
    customerId,
    (b) => ({
      lastFollowUpAt: later(b.lastFollowUpAt, f.occurredAt),
      nextFollowUpAt:
        f.nextFollowUpAt && !(b.lastFollowUpAt && b.lastFollowUpAt > f.occurredAt)
          ? f.nextFollowUpAt
          : b.nextFollowUpAt,
    }),
    summary,
  );
}

/**
 * A follow-up at `removedAt` was deleted (or moved earlier): when it was the one 最近跟进 came
 * from, it falls back to `latestRemaining` (the customer's other follow-ups' latest; null if none).
 */
export function retractFollowUp(
  tx: Db,
  actor: Actor,
  customerId: string,
  removedAt: Date,
  latestRemaining: Date | null,
  summary: string,
) {
  return writeDates(
    tx,
    actor,
    customerId,
    (b) => ({
      lastFollowUpAt:
        b.lastFollowUpAt?.getTime() === removedAt.getTime() ? latestRemaining : b.lastFollowUpAt,
      nextFollowUpAt: b.nextFollowUpAt,
    }),
    summary,
  );
}

/**
 * Names of customers and contacts for a page of follow-ups (a follow-up seen in its own scope
 * names its customer, whether or not the caller's customers scope covers it — no other field).
 */
export async function customerAndContactNames(
  db: Db,
  tenantId: string,
  customerIds: string[],
  contactIds: string[],
) {
  const [cs, ks] = await Promise.all([
    customerIds.length
      ? db
          .select({ id: customers.id, name: customers.name })
          .from(customers)
          .where(and(eq(customers.tenantId, tenantId), inArray(customers.id, [...new Set(customerIds)])))
      : [],
    contactIds.length
      ? db
          .select({ id: contacts.id, name: contacts.name })
          .from(contacts)
          .where(and(eq(contacts.tenantId, tenantId), inArray(contacts.id, [...new Set(contactIds)])))
      : [],
  ]);
  return {
    customers: new Map(cs.map((r) => [r.id, r.name])),
    contacts: new Map(ks.map((r) => [r.id, r.name])),
  };
}

/** Demo data: 最近跟进 / 下次跟进 set to what the demo's follow-ups say, audited. */
export function setFollowUpDates(tx: Db, actor: Actor, customerId: string, dates: Dates, summary: string) {
  return writeDates(tx, actor, customerId, () => dates, summary);
}

/** Demo data: up to `perOwner` active customers of each owner, with their primary contact. */
export async function demoCustomersOf(db: Db, tenantId: string, ownerIds: string[], perOwner: number) {
  if (!ownerIds.length) return [];
  const result = await db.execute(
    sql`SELECT x.id, x.name, x.owner_id, (SELECT k.id FROM contacts k WHERE k.customer_id = x.id
        AND k.is_primary AND k.deleted_at IS NULL LIMIT 1) AS contact_id
      FROM (SELECT c.*, row_number() OVER (PARTITION BY c.owner_id ORDER BY c.created_at, c.id) AS n
        FROM customers c WHERE c.tenant_id = ${tenantId} AND c.state = 'active' AND c.deleted_at IS NULL
          AND c.invalidated_at IS NULL AND c.owner_id = ANY(${uuidList(ownerIds)})) x
      WHERE x.n <= ${perOwner} ORDER BY x.owner_id, x.n`,
  );
  return result.rows as { id: string; name: string; owner_id: string; contact_id: string | null }[];
}
