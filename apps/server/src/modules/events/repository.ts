import { and, asc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { likeEscape } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { eventCompletions, eventParticipants, eventReminders, events } from './schema.ts';

export type EventRow = typeof events.$inferSelect;
export type NewEventRow = typeof events.$inferInsert;

/** Owner or participant: who sees an event. */
const seenBy = (userId: string) =>
  or(
    eq(events.ownerId, userId),
    sql`EXISTS (SELECT 1 FROM event_participants ep WHERE ep.event_id = ${events.id} AND ep.user_id = ${userId})`,
  ) as SQL;

export async function findVisible(db: Db, tenantId: string, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(events)
    .where(and(eq(events.tenantId, tenantId), eq(events.id, id), isNull(events.deletedAt), seenBy(userId)));
  return row;
}

/** Locks an event the caller sees, for a change. */
export async function lockVisible(tx: Db, tenantId: string, userId: string, id: string) {
  const [row] = await tx
    .select()
    .from(events)
    .where(and(eq(events.tenantId, tenantId), eq(events.id, id), isNull(events.deletedAt), seenBy(userId)))
    .for('update');
  return row;
}

/** Owner or participant, over an event aliased `x` (the customer timeline). */
export const seenByAsX = (userId: string) =>
  sql`(x.owner_id = ${userId} OR EXISTS (SELECT 1 FROM event_participants ep WHERE ep.event_id = x.id AND ep.user_id = ${userId}))`;

/** The user's events (owned or joined) with an occurrence that may fall in `[from, to)`. */
export async function listInWindow(
  db: Db,
  tenantId: string,
  userId: string,
  from: Date,
  to: Date,
  customerId?: string,
) {
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.tenantId, tenantId),
        isNull(events.deletedAt),
        sql`${events.startAt} < ${to}`,
        sql`(${events.lastEndAt} IS NULL OR ${events.lastEndAt} >= ${from})`,
        seenBy(userId),
        customerId ? eq(events.customerId, customerId) : undefined,
      ),
    )
    .orderBy(asc(events.startAt))
    .limit(2000);
}

export async function insertEvent(tx: Db, row: NewEventRow) {
  const [created] = await tx.insert(events).values(row).returning();
  return created;
}

export async function updateEvent(tx: Db, id: string, version: number, values: Partial<NewEventRow>) {
  return tx
    .update(events)
    .set({ ...values, updatedAt: new Date(), version: sql`${events.version} + 1` })
    .where(and(eq(events.id, id), eq(events.version, version)))
    .returning();
}

/** Participants with their names (users are the organisation's reference data, read here). */
export async function participantsOf(db: Db, tenantId: string, eventIds: string[]) {
  if (!eventIds.length) return [];
  const result = await db.execute(sql`SELECT ep.event_id, u.id, u.name FROM event_participants ep
    JOIN users u ON u.id = ep.user_id
    WHERE ep.tenant_id = ${tenantId} AND ep.event_id = ANY(${uuidList(eventIds)})
    ORDER BY u.name`);
  return result.rows as { event_id: string; id: string; name: string }[];
}

export async function setParticipants(tx: Db, tenantId: string, eventId: string, userIds: string[]) {
  await tx.delete(eventParticipants).where(eq(eventParticipants.eventId, eventId));
  if (userIds.length)
    await tx.insert(eventParticipants).values(userIds.map((userId) => ({ tenantId, eventId, userId })));
}

/** Names of users by id, for the owner's name. */
export async function userNames(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const result = await db.execute(sql`SELECT id, name FROM users WHERE tenant_id = ${tenantId}
    AND id = ANY(${uuidList(ids)})`);
  return new Map((result.rows as { id: string; name: string }[]).map((r) => [r.id, r.name]));
}

/** Of `ids`, the active users of the tenant. */
export async function activeUserIds(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return new Set<string>();
  const result = await db.execute(sql`SELECT id FROM users WHERE tenant_id = ${tenantId}
    AND status = 'active' AND deleted_at IS NULL AND id = ANY(${uuidList(ids)})`);
  return new Set((result.rows as { id: string }[]).map((r) => r.id));
}

/** Active users of the tenant whose name or username holds `q`, by name (at most 20). */
export async function searchPeople(db: Db, tenantId: string, q: string | undefined) {
  const like = q ? `%${likeEscape(q)}%` : null;
  const result = await db.execute(sql`SELECT u.id, u.name, d.name AS department_name FROM users u
    LEFT JOIN departments d ON d.id = u.department_id
    WHERE u.tenant_id = ${tenantId} AND u.status = 'active' AND u.deleted_at IS NULL
      ${like ? sql`AND (u.name ILIKE ${like} OR u.username ILIKE ${like})` : sql``}
    ORDER BY u.name, u.id LIMIT 20`);
  return (result.rows as { id: string; name: string; department_name: string | null }[]).map((r) => ({
    id: r.id,
    name: r.name,
    departmentName: r.department_name,
  }));
}

export async function completionsOf(db: Db, eventIds: string[]) {
  if (!eventIds.length) return [];
  return db
    .select({ eventId: eventCompletions.eventId, occurrenceStart: eventCompletions.occurrenceStart })
    .from(eventCompletions)
    .where(inArray(eventCompletions.eventId, eventIds));
}

export async function completeOccurrence(
  tx: Db,
  row: { tenantId: string; eventId: string; occurrenceStart: Date; completedBy: string | null },
) {
  await tx.insert(eventCompletions).values(row).onConflictDoNothing();
}

/**
 * Events of a tenant that may have a reminder due at `now`: a reminder set, not completed or
 * deleted, its reminder time for the first occurrence come, and (one-off) not started before
 * `startedAfter` or (repeating) not over.
 */
export async function reminderCandidates(db: Db, tenantId: string, now: Date, startedAfter: Date) {
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.tenantId, tenantId),
        isNull(events.deletedAt),
        isNull(events.completedAt),
        sql`${events.remindMinutesBefore} IS NOT NULL`,
        sql`${events.startAt} - make_interval(mins => ${events.remindMinutesBefore}) <= ${now}`,
        sql`(${events.rrule} IS NOT NULL OR ${events.startAt} >= ${startedAfter})`,
        sql`(${events.lastEndAt} IS NULL OR ${events.lastEndAt} >= ${startedAfter})`,
      ),
    );
}

/** Claims the reminder of one occurrence: true for the one caller (of any replica) who sends it. */
export async function claimReminder(tx: Db, tenantId: string, eventId: string, occurrenceStart: Date) {
  const rows = await tx
    .insert(eventReminders)
    .values({ tenantId, eventId, occurrenceStart })
    .onConflictDoNothing()
    .returning({ eventId: eventReminders.eventId });
  return rows.length > 0;
}

export async function participantIds(db: Db, eventId: string) {
  const rows = await db
    .select({ userId: eventParticipants.userId })
    .from(eventParticipants)
    .where(eq(eventParticipants.eventId, eventId));
  return rows.map((r) => r.userId);
}

/** A user's events that are not over yet (locked): a repeat that goes on, a one-off not completed. */
export async function openEventsOf(tx: Db, tenantId: string, ownerId: string, where: SQL) {
  const result = await tx.execute(sql`SELECT id, title FROM events
    WHERE tenant_id = ${tenantId} AND owner_id = ${ownerId} AND deleted_at IS NULL
      AND (CASE WHEN rrule IS NULL THEN completed_at IS NULL AND coalesce(end_at, start_at) >= now()
                ELSE last_end_at IS NULL OR last_end_at >= now() END)
      ${where}
    FOR UPDATE`);
  return result.rows as { id: string; title: string }[];
}

/** Gives events a new owner, who is no longer also a participant of them. */
export async function handOver(tx: Db, tenantId: string, ids: string[], ownerId: string) {
  await tx.execute(sql`UPDATE events SET owner_id = ${ownerId}, updated_at = now(), version = version + 1
    WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)})`);
  await tx.execute(sql`DELETE FROM event_participants
    WHERE tenant_id = ${tenantId} AND user_id = ${ownerId} AND event_id = ANY(${uuidList(ids)})`);
}
