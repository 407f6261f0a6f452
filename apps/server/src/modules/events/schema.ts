import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/** 日程: a meeting, visit plan, call plan or to-do, one-off or repeating (an RRULE from `start_at`). */
export const events = pgTable(
  'events',
  {
    ...baseColumns(),
    kind: text('kind', { enum: ['meeting', 'visit', 'call', 'todo'] }).notNull(),
    title: text('title').notNull(),
    notes: text('notes'),
    startAt: tz('start_at').notNull(),
    endAt: tz('end_at'),
    allDay: boolean('all_day').notNull().default(false),
    customerId: uuid('customer_id'),
    contactId: uuid('contact_id'),
    ownerId: uuid('owner_id').notNull(),
    remindMinutesBefore: integer('remind_minutes_before'),
    /** `FREQ=WEEKLY;INTERVAL=1[;UNTIL=…|;COUNT=…]`, expanded from `start_at` in the tenant's time zone. */
    rrule: text('rrule'),
    /** When the last occurrence ends; null while a repeat has no end. Bounds lists and the reminder scan. */
    lastEndAt: tz('last_end_at'),
    /** A one-off event's completion (a repeating event's are in `event_completions`). */
    completedAt: tz('completed_at'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    index('events_owner_start_idx').on(t.tenantId, t.ownerId, t.startAt).where(sql`${t.deletedAt} IS NULL`),
    // the reminder scan: events with a reminder, by start
    index('events_remind_idx')
      .on(t.tenantId, t.startAt)
      .where(sql`${t.remindMinutesBefore} IS NOT NULL AND ${t.deletedAt} IS NULL`),
    index('events_customer_idx').on(t.tenantId, t.customerId).where(sql`${t.customerId} IS NOT NULL`),
  ],
);

/** Who else sees an event (参与人). */
export const eventParticipants = pgTable(
  'event_participants',
  {
    tenantId: uuid('tenant_id').notNull(),
    eventId: uuid('event_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    index('event_participants_user_idx').on(t.tenantId, t.userId),
  ],
);

/** Completed occurrences of repeating events, by the occurrence's start. */
export const eventCompletions = pgTable(
  'event_completions',
  {
    tenantId: uuid('tenant_id').notNull(),
    eventId: uuid('event_id').notNull(),
    occurrenceStart: tz('occurrence_start').notNull(),
    completedAt: tz('completed_at').notNull().defaultNow(),
    completedBy: uuid('completed_by'),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.occurrenceStart] })],
);

/** Reminders sent, one row per event and occurrence: the insert that wins sends, once across replicas. */
export const eventReminders = pgTable(
  'event_reminders',
  {
    tenantId: uuid('tenant_id').notNull(),
    eventId: uuid('event_id').notNull(),
    occurrenceStart: tz('occurrence_start').notNull(),
    sentAt: tz('sent_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.occurrenceStart] })],
);
