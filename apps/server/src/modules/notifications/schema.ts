import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
  },
  (t) => [
    index('notifications_user_idx').on(t.tenantId, t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.tenantId, t.userId).where(sql`${t.readAt} IS NULL`),
    uniqueIndex('notifications_dedupe_uq').on(t.tenantId, t.userId, t.dedupeKey),
  ],
);
