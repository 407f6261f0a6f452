import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tz } from '../../db/schema/columns.ts';

/** In-app notifications (the header bell); `dedupeKey` keeps a reminder from being sent twice. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** What happened (`pool.recycle-reminder`, …): the web app words it in the reader's language from `data`. */
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** The same in the tenant's language, for API clients that do not know the kind. */
    title: text('title').notNull(),
    /** Where the notification leads in the web app, e.g. `/customers/<id>`. */
    link: text('link'),
    entity: text('entity'),
    entityId: uuid('entity_id'),
    dedupeKey: text('dedupe_key'),
    readAt: tz('read_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
    /**
     * Its e-mail (邮件提醒): null while it may still go; `sending` while a run has it;
     * `sent`, `skipped` (not wanted, already read, or too old) or `failed` (out of attempts) once settled.
     */
    emailStatus: text('email_status', { enum: ['sending', 'sent', 'skipped', 'failed'] }),
    emailedAt: tz('emailed_at'),
    emailAttempts: smallint('email_attempts').notNull().default(0),
    emailError: text('email_error'),
  },
  (t) => [
    index('notifications_user_idx').on(t.tenantId, t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.tenantId, t.userId).where(sql`${t.readAt} IS NULL`),
    uniqueIndex('notifications_dedupe_uq').on(t.tenantId, t.userId, t.dedupeKey),
    // the e-mail run reads only what is still open (at most two days of it)
    index('notifications_email_open_idx')
      .on(t.tenantId, t.userId, t.createdAt)
      .where(sql`${t.emailStatus} IS NULL OR ${t.emailStatus} = 'sending'`),
  ],
);

/** A user's own e-mail reminder settings; no row = the defaults (daily digest at 08:00, everything). */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    tenantId: uuid('tenant_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** `off` | `instant` | `digest` */
    emailMode: text('email_mode', { enum: ['off', 'instant', 'digest'] }).notNull(),
    /** 0–23 in the tenant's time zone. */
    digestHour: smallint('digest_hour').notNull(),
    /** Categories switched off are `false`; missing ones are on. */
    categories: jsonb('categories').$type<Record<string, boolean>>().notNull().default({}),
    /** When the last digest was taken (one a day). */
    lastDigestAt: tz('last_digest_at'),
    /** The site the user saved from: links in their e-mails when the tenant set no site address. */
    siteUrl: text('site_url'),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);
