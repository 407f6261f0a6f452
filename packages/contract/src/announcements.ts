import { z } from 'zod';
import { id, listQuery, recordBase, timestamp } from './common.ts';

/** 通知 (a notice: read) and 指令 (an instruction: read and 完成 with a note, by its due time). */
export const announcementKinds = ['notice', 'instruction'] as const;
export type AnnouncementKind = (typeof announcementKinds)[number];

/** 收件箱 (current), 已过期 (expired, still mine), 已发出 (sent by me or, with a wider scope, by people in it). */
export const announcementBoxes = ['inbox', 'expired', 'sent'] as const;
export type AnnouncementBox = (typeof announcementBoxes)[number];

export const announcementLimits = {
  title: 200,
  /** The rich text as HTML, before sanitising. */
  content: 50_000,
  note: 1000,
  /** Addressed users and departments each. */
  targets: 500,
  files: 20,
} as const;

const instant = z.iso.datetime({ offset: true });

/**
 * `POST /announcements`: at least one user or department (a department brings its
 * sub-departments), all within the sender's announcements scope; `dueAt` only for an instruction.
 */
export const createAnnouncement = z
  .object({
    kind: z.enum(announcementKinds),
    title: z.string().trim().min(1).max(announcementLimits.title),
    content: z.string().max(announcementLimits.content),
    userIds: z.array(id).max(announcementLimits.targets).optional(),
    departmentIds: z.array(id).max(announcementLimits.targets).optional(),
    pinned: z.boolean().optional(),
    expiresAt: instant.nullable().optional(),
    dueAt: instant.nullable().optional(),
    /** Files uploaded while the form was open (`POST /files` entity `uploads`): they go with it. */
    fileIds: z.array(id).max(announcementLimits.files).optional(),
  })
  .strict()
  .refine((v) => (v.userIds?.length ?? 0) + (v.departmentIds?.length ?? 0) > 0, {
    message: 'choose at least one user or department',
    path: ['userIds'],
  })
  .refine((v) => v.kind === 'instruction' || !v.dueAt, {
    message: 'only an instruction has a due time',
    path: ['dueAt'],
  });
export type CreateAnnouncement = z.infer<typeof createAnnouncement>;

/** `PATCH /announcements/:id` (the sender): pin, unpin, change the expiry. */
export const updateAnnouncement = z
  .object({
    version: z.number().int().min(0),
    pinned: z.boolean().optional(),
    expiresAt: instant.nullable().optional(),
  })
  .strict();
export type UpdateAnnouncement = z.infer<typeof updateAnnouncement>;

export const announcementDone = z
  .object({ note: z.string().trim().max(announcementLimits.note).optional() })
  .strict();
export type AnnouncementDone = z.infer<typeof announcementDone>;

export const announcementListQuery = listQuery.extend({
  box: z.enum(announcementBoxes).default('inbox'),
  kind: z.enum(announcementKinds).optional(),
});
export type AnnouncementListQuery = z.infer<typeof announcementListQuery>;

const named = z.object({ id: z.string(), name: z.string() });

export const announcement = z.object({
  ...recordBase,
  kind: z.enum(announcementKinds),
  title: z.string(),
  /** Sanitised HTML. */
  content: z.string(),
  senderId: z.string(),
  senderName: z.string(),
  pinned: z.boolean(),
  expiresAt: timestamp.nullable(),
  expired: z.boolean(),
  dueAt: timestamp.nullable(),
  overdue: z.boolean(),
  /** As addressed. */
  users: z.array(named),
  departments: z.array(named),
  recipientCount: z.number().int(),
  readCount: z.number().int(),
  doneCount: z.number().int(),
  /** The caller's receipt when they are in the audience. */
  receipt: z
    .object({ readAt: timestamp.nullable(), doneAt: timestamp.nullable(), note: z.string().nullable() })
    .nullable(),
  /** The caller may see the receipts, remind, pin and change the expiry (the sender, or whose scope covers the sender). */
  manage: z.boolean(),
});
export type Announcement = z.infer<typeof announcement>;

/** `GET /announcements/:id/receipts`: every recipient, and the counts per department (when sent). */
export const announcementReceipt = z.object({
  userId: z.string(),
  name: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  readAt: timestamp.nullable(),
  doneAt: timestamp.nullable(),
  note: z.string().nullable(),
});
export type AnnouncementReceipt = z.infer<typeof announcementReceipt>;
export const announcementDepartmentSummary = z.object({
  departmentId: z.string(),
  name: z.string(),
  total: z.number().int(),
  read: z.number().int(),
  done: z.number().int(),
});
export type AnnouncementDepartmentSummary = z.infer<typeof announcementDepartmentSummary>;
export const announcementReceipts = z.object({
  data: z.array(announcementReceipt),
  departments: z.array(announcementDepartmentSummary),
});
export type AnnouncementReceipts = z.infer<typeof announcementReceipts>;

export const announcementRemindResponse = z.object({ reminded: z.number().int() });
export const announcementUnread = z.object({
  /** Unread, unexpired announcements. */
  unread: z.number().int(),
  /** Instructions not yet done, unexpired. */
  pending: z.number().int(),
});
export type AnnouncementUnread = z.infer<typeof announcementUnread>;

/** `GET /announcements/audience`: the users and departments the caller may address (by name, at most 50 each). */
export const announcementAudienceQuery = z.object({ q: z.string().trim().max(50).optional() });
export const announcementAudience = z.object({
  users: z.array(named.extend({ departmentName: z.string() })),
  departments: z.array(named.extend({ parentId: z.string().nullable() })),
});
export type AnnouncementAudience = z.infer<typeof announcementAudience>;
