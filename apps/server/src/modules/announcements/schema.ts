import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/**
 * 通知 / 指令: a notice or an instruction (which also needs 完成) from a sender to users and
 * departments (with their sub-departments), resolved to `announcement_recipients` when sent.
 */
export const announcements = pgTable(
  'announcements',
  {
    ...baseColumns(),
    kind: text('kind', { enum: ['notice', 'instruction'] }).notNull(),
    title: text('title').notNull(),
    /** Rich text, sanitised on write. */
    content: text('content').notNull(),
    senderId: uuid('sender_id').notNull(),
    /** The sender's department when sent: the announcements scope reads sender and department. */
    departmentId: uuid('department_id').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    expiresAt: tz('expires_at'),
    /** Instructions only: to be done by then. */
    dueAt: tz('due_at'),
    /** The audience as addressed (the recipients are resolved from it once, when sent). */
    targetUserIds: uuid('target_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    targetDepartmentIds: uuid('target_department_ids').array().notNull().default(sql`'{}'::uuid[]`),
    recipientCount: integer('recipient_count').notNull().default(0),
    /** The due reminders, once each (the update that sets them wins across replicas). */
    dueSoonRemindedAt: tz('due_soon_reminded_at'),
    overdueRemindedAt: tz('overdue_reminded_at'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    index('announcements_sender_idx')
      .on(t.tenantId, t.senderId, t.createdAt, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    index('announcements_tenant_created_idx')
      .on(t.tenantId, t.createdAt, t.id)
      .where(sql`${t.deletedAt} IS NULL`),
    // the reminder job: instructions not yet reminded as overdue, by due instant
    index('announcements_due_idx')
      .on(t.dueAt)
      .where(sql`${t.kind} = 'instruction' AND ${t.deletedAt} IS NULL AND ${t.overdueRemindedAt} IS NULL`),
  ],
);

/** One row per recipient: their department when sent (receipts per department), read and done. */
export const announcementRecipients = pgTable(
  'announcement_recipients',
  {
    tenantId: uuid('tenant_id').notNull(),
    announcementId: uuid('announcement_id').notNull(),
    userId: uuid('user_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    readAt: tz('read_at'),
    doneAt: tz('done_at'),
    doneNote: text('done_note'),
    remindedAt: tz('reminded_at'),
  },
  (t) => [
    primaryKey({ columns: [t.announcementId, t.userId] }),
    index('announcement_recipients_user_idx').on(t.tenantId, t.userId, t.announcementId),
  ],
);
