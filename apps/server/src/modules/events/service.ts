import type {
  CalendarEvent,
  CompleteEventResponse,
  CreateEvent,
  EventOccurrence,
  EventRepeat,
  FollowUpDraft,
  UpdateEvent,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { getContact } from '../customers/contacts-service.ts';
import { getCustomer } from '../customers/service.ts';
import { getTenant } from '../organization/tenants-service.ts';
import { getUser } from '../organization/users-service.ts';
import { isOccurrence, lastEnd, occurrencesIn, startOfDate, toRepeat, toRRule } from './recurrence.ts';
import * as repo from './repository.ts';

export const ENTITY = 'events';

// ---- answers ----

/** Names of customers and contacts the caller may see (null otherwise), looked up once each. */
function nameCache(db: Db, p: Principal) {
  const customers = new Map<string, Promise<string | null>>();
  const contacts = new Map<string, Promise<string | null>>();
  const lookup = (cache: Map<string, Promise<string | null>>, id: string, load: () => Promise<string>) => {
    if (!cache.has(id))
      cache.set(
        id,
        load().catch((e) => {
          if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
          throw e;
        }),
      );
    return cache.get(id)!;
  };
  return {
    customer: (id: string | null) =>
      id ? lookup(customers, id, async () => (await getCustomer(db, p, id)).name) : Promise.resolve(null),
    contact: (id: string | null) =>
      id ? lookup(contacts, id, async () => (await getContact(db, p, id)).name) : Promise.resolve(null),
  };
}

async function toEvents(db: Db, p: Principal, rows: repo.EventRow[]): Promise<CalendarEvent[]> {
  const ids = rows.map((r) => r.id);
  const [participants, completions, owners] = await Promise.all([
    repo.participantsOf(db, p.tenantId, ids),
    repo.completionsOf(db, ids),
    repo.userNames(db, p.tenantId, [...new Set(rows.map((r) => r.ownerId))]),
  ]);
  const names = nameCache(db, p);
  const out: CalendarEvent[] = [];
  for (const r of rows) {
    const people = participants.filter((x) => x.event_id === r.id).map((x) => ({ id: x.id, name: x.name }));
    out.push({
      id: r.id,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      kind: r.kind,
      title: r.title,
      notes: r.notes,
      startAt: r.startAt.toISOString(),
      endAt: r.endAt?.toISOString() ?? null,
      allDay: r.allDay,
      customerId: r.customerId,
      customerName: await names.customer(r.customerId),
      contactId: r.contactId,
      contactName: await names.contact(r.contactId),
      ownerId: r.ownerId,
      ownerName: owners.get(r.ownerId) ?? '',
      participantIds: people.map((x) => x.id),
      participants: people,
      remindMinutesBefore: r.remindMinutesBefore,
      repeat: r.rrule ? toRepeat(r.rrule) : null,
      rrule: r.rrule,
      completedAt: r.completedAt?.toISOString() ?? null,
      completedOccurrences: completions
        .filter((c) => c.eventId === r.id)
        .map((c) => c.occurrenceStart.toISOString())
        .sort(),
      mine: r.ownerId === p.userId,
    });
  }
  return out;
}

const auditable = (r: repo.EventRow, participantIds: string[]) => ({
  kind: r.kind,
  title: r.title,
  notes: r.notes,
  startAt: r.startAt,
  endAt: r.endAt,
  allDay: r.allDay,
  customerId: r.customerId,
  contactId: r.contactId,
  remindMinutesBefore: r.remindMinutesBefore,
  rrule: r.rrule,
  participantIds,
});

// ---- reads ----

/** On a customer's timeline: the events the caller sees (owner or participant), with events:view. */
export const eventsOnTimeline = (p: Principal) => can(p, 'events:view') && repo.seenByAsX(p.userId);

export async function getEvent(db: Db, p: Principal, id: string): Promise<CalendarEvent> {
  const row = await repo.findVisible(db, p.tenantId, p.userId, id);
  if (!row) throw notFound();
  return (await toEvents(db, p, [row]))[0];
}

/**
 * Every occurrence in `[from, to)` of the caller's events (owned or joined), by start; with
 * `userId`, of that colleague's — a supervisor's look at the team's calendars, for users the
 * caller's users scope covers (404 otherwise). Only the owner still changes an event.
 */
export async function listOccurrences(
  db: Db,
  c: Caller,
  q: { from: string; to: string; userId?: string; customerId?: string },
): Promise<EventOccurrence[]> {
  const from = new Date(q.from);
  const to = new Date(q.to);
  const whose = q.userId && q.userId !== c.p.userId ? (await getUser(db, c.p, q.userId)).id : c.p.userId;
  const rows = await repo.listInWindow(db, c.p.tenantId, whose, from, to, q.customerId);
  const list = await toEvents(db, c.p, rows);
  const out: EventOccurrence[] = [];
  rows.forEach((row, i) => {
    const e = list[i];
    const length = row.endAt ? row.endAt.getTime() - row.startAt.getTime() : null;
    for (const start of occurrencesIn(row, c.timeZone, from, to)) {
      const occurrenceStart = start.toISOString();
      out.push({
        ...e,
        occurrenceStart,
        occurrenceEnd: length === null ? null : new Date(start.getTime() + length).toISOString(),
        done: row.rrule ? e.completedOccurrences.includes(occurrenceStart) : e.completedAt !== null,
      });
    }
  });
  return out.sort((a, b) => a.occurrenceStart.localeCompare(b.occurrenceStart) || a.id.localeCompare(b.id));
}

/**
 * Colleagues to invite: any active user of the tenant, by name — only id, name and department,
 * whatever the caller's users scope (an account manager sees no one else in the users list).
 */
export const searchPeople = (db: Db, p: Principal, q?: string) => repo.searchPeople(db, p.tenantId, q);

// ---- writes ----

export type EventValues = {
  kind: repo.EventRow['kind'];
  title: string;
  notes: string | null;
  startAt: Date;
  endAt: Date | null;
  allDay: boolean;
  customerId: string | null;
  contactId: string | null;
  remindMinutesBefore: number | null;
  repeat: EventRepeat | null;
};

/**
 * The customer and contact must be ones the caller sees (404 otherwise, through the customers
 * module's service); a contact alone brings its customer, a contact of another customer is refused.
 */
async function checkReferences(db: Db, p: Principal, v: EventValues) {
  if (v.customerId) await getCustomer(db, p, v.customerId);
  if (v.contactId) {
    const contact = await getContact(db, p, v.contactId);
    if (!v.customerId) v.customerId = contact.customerId;
    else if (contact.customerId !== v.customerId)
      throw invalid('contactId', 'the contact belongs to another customer');
  }
}

async function checkParticipants(db: Db, p: Principal, ownerId: string, ids: string[]) {
  const wanted = [...new Set(ids)].filter((id) => id !== ownerId);
  const active = await repo.activeUserIds(db, p.tenantId, wanted);
  const unknown = wanted.filter((id) => !active.has(id));
  if (unknown.length) throw invalid('participantIds', `not active users: ${unknown.join(', ')}`);
  return wanted;
}

/** The stored columns of the values: the rule and when the last occurrence ends. */
function columns(v: EventValues, timeZone: string) {
  const rrule = v.repeat ? toRRule(v.repeat, v.startAt, timeZone) : null;
  const series = { startAt: v.startAt, endAt: v.endAt, allDay: v.allDay, rrule };
  const { repeat: _repeat, ...rest } = v;
  return { ...rest, rrule, lastEndAt: lastEnd(series, timeZone) };
}

const valuesOf = (input: CreateEvent): EventValues => ({
  kind: input.kind,
  title: input.title,
  notes: input.notes ?? null,
  startAt: new Date(input.startAt),
  endAt: input.endAt ? new Date(input.endAt) : null,
  allDay: input.allDay ?? false,
  customerId: input.customerId ?? null,
  contactId: input.contactId ?? null,
  remindMinutesBefore: input.remindMinutesBefore ?? null,
  repeat: input.repeat ? { ...input.repeat, interval: input.repeat.interval ?? 1 } : null,
});

/** Inserts an event owned by `ownerId` with its participants, audited (create, to-dos, demo). */
export async function insertEventFor(
  tx: Db,
  actor: Actor,
  tenantId: string,
  ownerId: string,
  v: EventValues,
  participants: string[],
  timeZone: string,
) {
  const row = await repo.insertEvent(tx, {
    ...columns(v, timeZone),
    id: uuidv7(),
    tenantId,
    ownerId,
    createdBy: actor.userId,
  });
  await repo.setParticipants(tx, tenantId, row.id, participants);
  await writeAudit(tx, actor, {
    action: 'create',
    entity: ENTITY,
    entityId: row.id,
    summary: row.title,
    changes: diff(null, auditable(row, participants)),
  });
  return row;
}

/** 新建日程: the caller owns it. */
export async function createEvent(db: Db, c: Caller, input: CreateEvent): Promise<CalendarEvent> {
  const v = valuesOf(input);
  await checkReferences(db, c.p, v);
  const participants = await checkParticipants(db, c.p, c.p.userId, input.participantIds ?? []);
  const row = await db.transaction((tx) =>
    insertEventFor(tx, c.actor, c.p.tenantId, c.p.userId, v, participants, c.timeZone),
  );
  return getEvent(db, c.p, row.id);
}

/** Locks an event the caller sees and may change: 404 if unseen, 403 for a participant. */
async function lockMine(tx: Db, p: Principal, id: string) {
  const row = await repo.lockVisible(tx, p.tenantId, p.userId, id);
  if (!row) throw notFound();
  if (row.ownerId !== p.userId) throw forbidden();
  return row;
}

export async function updateEvent(db: Db, c: Caller, id: string, input: UpdateEvent): Promise<CalendarEvent> {
  await db.transaction(async (tx) => {
    const before = await lockMine(tx, c.p, id);
    checkVersion(before, input.version);
    const current: EventValues = {
      kind: before.kind,
      title: before.title,
      notes: before.notes,
      startAt: before.startAt,
      endAt: before.endAt,
      allDay: before.allDay,
      customerId: before.customerId,
      contactId: before.contactId,
      remindMinutesBefore: before.remindMinutesBefore,
      repeat: before.rrule ? toRepeat(before.rrule) : null,
    };
    const v = merge(current, input);
    if (v.endAt && v.endAt < v.startAt) throw invalid('endAt', 'must not be before the start');
    // references are checked when they change (a customer one no longer sees stays as it was)
    if (v.customerId !== before.customerId || v.contactId !== before.contactId)
      await checkReferences(tx, c.p, v);
    const beforeParticipants = await repo.participantIds(tx, id);
    const participants =
      input.participantIds === undefined
        ? beforeParticipants
        : await checkParticipants(tx, c.p, before.ownerId, input.participantIds);
    const rows = await repo.updateEvent(tx, id, input.version, columns(v, c.timeZone));
    const after = await requireUpdated(rows, async () => true);
    if (input.participantIds !== undefined) await repo.setParticipants(tx, c.p.tenantId, id, participants);
    const changes = diff(auditable(before, beforeParticipants), auditable(after, participants));
    if (Object.keys(changes).length)
      await writeAudit(tx, c.actor, {
        action: 'update',
        entity: ENTITY,
        entityId: id,
        summary: after.title,
        changes,
      });
  });
  return getEvent(db, c.p, id);
}

/** The stored values with what a PATCH gives (absent: unchanged, null: cleared). */
function merge(current: EventValues, input: UpdateEvent): EventValues {
  const date = (s: string | null | undefined, was: Date | null) =>
    s === undefined ? was : s === null ? null : new Date(s);
  const keep = <T>(given: T | undefined, was: T) => (given === undefined ? was : given);
  return {
    kind: input.kind ?? current.kind,
    title: input.title ?? current.title,
    notes: keep(input.notes, current.notes),
    startAt: input.startAt ? new Date(input.startAt) : current.startAt,
    endAt: date(input.endAt, current.endAt),
    allDay: input.allDay ?? current.allDay,
    customerId: keep(input.customerId, current.customerId),
    contactId: keep(input.contactId, current.contactId),
    remindMinutesBefore: keep(input.remindMinutesBefore, current.remindMinutesBefore),
    repeat:
      input.repeat === undefined
        ? current.repeat
        : input.repeat && { ...input.repeat, interval: input.repeat.interval ?? 1 },
  };
}

/** Only the owner deletes (soft: the audit keeps it). */
export async function deleteEvent(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lockMine(tx, c.p, id);
    checkVersion(before, version);
    await repo.updateEvent(tx, id, version, { deletedAt: new Date() });
    await writeAudit(tx, c.actor, { action: 'delete', entity: ENTITY, entityId: id, summary: before.title });
  });
}

/**
 * 完成. A one-off event gets `completedAt`; a repeating one marks the occurrence starting at
 * `occurrenceStart` done (required, and it must be one of its occurrences). Completing again
 * changes nothing. A call or visit plan with a customer answers what a follow-up form needs.
 */
export async function completeEvent(
  db: Db,
  c: Caller,
  id: string,
  input: { version: number; occurrenceStart?: string },
): Promise<CompleteEventResponse> {
  let at = '';
  await db.transaction(async (tx) => {
    const before = await lockMine(tx, c.p, id);
    checkVersion(before, input.version);
    if (before.rrule) {
      if (!input.occurrenceStart) throw invalid('occurrenceStart', 'required for a repeating event');
      const start = new Date(input.occurrenceStart);
      if (!isOccurrence(before, c.timeZone, start))
        throw invalid('occurrenceStart', 'not an occurrence of this event');
      await repo.completeOccurrence(tx, {
        tenantId: c.p.tenantId,
        eventId: id,
        occurrenceStart: start,
        completedBy: c.p.userId,
      });
      at = start.toISOString();
      await repo.updateEvent(tx, id, input.version, {});
    } else {
      at = before.startAt.toISOString();
      await repo.updateEvent(tx, id, input.version, { completedAt: before.completedAt ?? new Date() });
    }
    await writeAudit(tx, c.actor, {
      action: 'complete',
      entity: ENTITY,
      entityId: id,
      summary: before.title,
      changes: { completed: [null, at] },
    });
  });
  const event = await getEvent(db, c.p, id);
  return { event, followUp: followUpDraft(event, at) };
}

/** What a follow-up form starts from after a call or visit plan with a customer; null otherwise. */
function followUpDraft(e: CalendarEvent, at: string): FollowUpDraft | null {
  if (!e.customerId || (e.kind !== 'call' && e.kind !== 'visit')) return null;
  return {
    eventId: e.id,
    type: e.kind === 'call' ? 'phone' : 'visit',
    customerId: e.customerId,
    customerName: e.customerName,
    contactId: e.contactId,
    contactName: e.contactName,
    at,
    subject: e.title,
  };
}

// ---- for other modules ----

/**
 * A to-do for a user on a date (all day, in the tenant's time zone), e.g. a follow-up's next
 * follow-up date (回访日期). In the caller's transaction; the caller has checked the customer.
 * Returns the event's id.
 */
export async function createTodoForOwner(
  tx: Db,
  input: {
    tenantId: string;
    ownerId: string;
    customerId: string | null;
    date: string;
    title: string;
    /** A reminder into the owner's bell this long before the day starts (0: as it starts); none by default. */
    remindMinutesBefore?: number | null;
  },
  actor: Actor = { tenantId: input.tenantId, userId: null, userName: 'system' },
): Promise<string> {
  const { timezone } = await getTenant(tx, input.tenantId);
  const row = await insertEventFor(
    tx,
    actor,
    input.tenantId,
    input.ownerId,
    {
      kind: 'todo',
      title: input.title,
      notes: null,
      startAt: startOfDate(input.date, timezone),
      endAt: null,
      allDay: true,
      customerId: input.customerId,
      contactId: null,
      remindMinutesBefore: input.remindMinutesBefore ?? null,
      repeat: null,
    },
    [],
    timezone,
  );
  return row.id;
}
