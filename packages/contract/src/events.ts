import { z } from 'zod';
import { calendarDate as date, id, recordBase, timestamp } from './common.ts';

/** 日程: meetings, visit plans, call plans (联系客户计划) and to-dos. */
export const eventKinds = ['meeting', 'visit', 'call', 'todo'] as const;
export type EventKind = (typeof eventKinds)[number];

export const repeatFreqs = ['daily', 'weekly', 'monthly'] as const;

/** What people may type; a list window is at most `windowDays` long. */
export const eventLimits = {
  title: 100,
  notes: 1000,
  participants: 50,
  /** Up to a week before. */
  remindMinutesBefore: { min: 0, max: 10_080 },
  interval: { min: 1, max: 99 },
  count: { min: 1, max: 1000 },
  /** A repeat ends at most this many years after the first occurrence (or never). */
  untilYears: 5,
  /** `GET /events?from&to`: the window is at most this long. */
  windowDays: 92,
} as const;

/** An instant with its offset (`2026-12-05T09:00:00+08:00`). */
const instant = z.iso.datetime({ offset: true });

/**
 * How an event repeats: every `interval` days / weeks / months from its start, until a date (in the
 * tenant's time zone, inclusive), for `count` occurrences, or (neither) without end. Stored as an
 * RRULE; nothing denser than daily, and a list expands only its window (≤ 92 days).
 */
export const eventRepeat = z.object({
  freq: z.enum(repeatFreqs),
  interval: z.number().int().min(eventLimits.interval.min).max(eventLimits.interval.max).default(1),
  until: date.nullish(),
  count: z.number().int().min(eventLimits.count.min).max(eventLimits.count.max).nullish(),
});
export type EventRepeat = z.infer<typeof eventRepeat>;

const person = z.object({ id: z.string(), name: z.string() });

export const event = z.object({
  ...recordBase,
  kind: z.enum(eventKinds),
  title: z.string(),
  notes: z.string().nullable(),
  /** The first occurrence's start (all-day events: the day's midnight in the tenant's time zone). */
  startAt: timestamp,
  endAt: timestamp.nullable(),
  allDay: z.boolean(),
  customerId: z.string().nullable(),
  /** Only when the caller may see the customer. */
  customerName: z.string().nullable(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  ownerId: z.string(),
  ownerName: z.string(),
  participantIds: z.array(z.string()),
  participants: z.array(person),
  remindMinutesBefore: z.number().int().nullable(),
  repeat: eventRepeat.nullable(),
  /** The stored rule (`FREQ=WEEKLY;INTERVAL=1`), null for a one-off event. */
  rrule: z.string().nullable(),
  /** A one-off event: when it was completed. A repeating one: see `completedOccurrences`. */
  completedAt: timestamp.nullable(),
  /** Starts of the completed occurrences of a repeating event. */
  completedOccurrences: z.array(timestamp),
  /** Only the owner edits, completes or deletes; participants see it. */
  mine: z.boolean(),
});
export type CalendarEvent = z.infer<typeof event>;

/** One occurrence in a window: the event (its `id`) with this occurrence's own start and end. */
export const eventOccurrence = event.extend({
  occurrenceStart: timestamp,
  occurrenceEnd: timestamp.nullable(),
  /** This occurrence is completed. */
  done: z.boolean(),
});
export type EventOccurrence = z.infer<typeof eventOccurrence>;

const fields = {
  kind: z.enum(eventKinds),
  title: z.string().trim().min(1).max(eventLimits.title),
  notes: z.string().trim().max(eventLimits.notes).nullish(),
  startAt: instant,
  endAt: instant.nullish(),
  allDay: z.boolean().default(false),
  customerId: id.nullish(),
  contactId: id.nullish(),
  participantIds: z.array(id).max(eventLimits.participants).default([]),
  remindMinutesBefore: z
    .number()
    .int()
    .min(eventLimits.remindMinutesBefore.min)
    .max(eventLimits.remindMinutesBefore.max)
    .nullish(),
  repeat: eventRepeat.nullish(),
};

const endAfterStart = (v: { startAt?: string; endAt?: string | null }) =>
  !v.startAt || !v.endAt || Date.parse(v.endAt) >= Date.parse(v.startAt);
const endIssue = { message: 'must not be before the start', path: ['endAt'] };

export const createEvent = z.object(fields).refine(endAfterStart, endIssue);
export type CreateEvent = z.input<typeof createEvent>;

export const updateEvent = z
  .object({ version: z.number().int(), ...z.object(fields).partial().shape })
  .refine(endAfterStart, endIssue);
export type UpdateEvent = z.input<typeof updateEvent>;

/** 完成: a one-off event, or one occurrence of a repeating event (its `occurrenceStart`). */
export const completeEvent = z.object({
  version: z.number().int(),
  occurrenceStart: instant.optional(),
});

/**
 * What a follow-up form needs after a completed call or visit plan (跟进记录): the customer and
 * contact, the type and when it happened. Null for meetings and to-dos, or without a customer.
 */
export const followUpDraft = z.object({
  eventId: z.string(),
  type: z.enum(['phone', 'visit']),
  customerId: z.string(),
  customerName: z.string().nullable(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  /** The occurrence's start. */
  at: timestamp,
  /** The plan's title, as the follow-up's first line. */
  subject: z.string(),
});
export type FollowUpDraft = z.infer<typeof followUpDraft>;

export const completeEventResponse = z.object({ event, followUp: followUpDraft.nullable() });
export type CompleteEventResponse = z.infer<typeof completeEventResponse>;

/**
 * `GET /events?from&to`: every occurrence starting before `to` and not ended before `from`, of
 * my events — or, with `userId`, of a colleague's (owned or joined) whom my users scope covers.
 */
export const eventListQuery = z
  .object({
    from: instant,
    to: instant,
    userId: id.optional(),
    /** Only events with this customer (its 360 page's 日程 tab). */
    customerId: id.optional(),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), {
    message: 'must be after from',
    path: ['to'],
  })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= eventLimits.windowDays * 86_400_000, {
    message: `at most ${eventLimits.windowDays} days`,
    path: ['to'],
  });
export type EventListQuery = z.infer<typeof eventListQuery>;

/** `GET /events/people?q=`: colleagues who can take part (any active user of the tenant, by name). */
export const eventPeopleQuery = z.object({ q: z.string().trim().max(50).optional() });
export const eventPerson = z.object({
  id: z.string(),
  name: z.string(),
  departmentName: z.string().nullable(),
});
export type EventPerson = z.infer<typeof eventPerson>;
