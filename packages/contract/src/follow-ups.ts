import { z } from 'zod';
import { id, listQuery, recordBase, timestamp } from './common.ts';

/** 客户态度: how the customer took it. */
export const followUpAttitudes = ['positive', 'neutral', 'negative'] as const;
export type FollowUpAttitude = (typeof followUpAttitudes)[number];

export const followUpLimits = {
  content: 2000,
  comment: 500,
  /** `occurredAt` may be this far ahead of the server's clock (a phone's clock runs fast). */
  futureSkewMinutes: 5,
  /** A next follow-up date at most this many years ahead. */
  nextYears: 5,
} as const;

/** An instant with its offset (`2026-12-05T09:00:00+08:00`). */
const instant = z.iso.datetime({ offset: true });
/** Values of custom fields, by field key (checked against the definitions on write). */
const customValues = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string()), z.null()]));

/** 跟进记录: what happened with a customer, by whom, and what comes next. */
export const followUp = z.object({
  ...recordBase,
  customerId: z.string(),
  customerName: z.string(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  /** The author (跟进人). */
  userId: z.string(),
  userName: z.string(),
  /** Dictionary `follow-up-type` (跟进方式). */
  type: z.string(),
  typeName: z.string(),
  /** Dictionary `follow-up-topic` (跟进主题). */
  topic: z.string().nullable(),
  topicName: z.string().nullable(),
  /** The customer's sales stage at the time: dictionary `customer-status` (客户状态). */
  stage: z.string().nullable(),
  stageName: z.string().nullable(),
  attitude: z.enum(followUpAttitudes).nullable(),
  occurredAt: timestamp,
  content: z.string(),
  nextFollowUpAt: timestamp.nullable(),
  /** The to-do made for the customer's owner from `nextFollowUpAt` (日程), if any. */
  todoEventId: z.string().nullable(),
  customFields: customValues,
  commentCount: z.number().int(),
  /** The caller may change or delete it (its author, or edit/delete permission in scope). */
  canEdit: z.boolean(),
  canDelete: z.boolean(),
});
export type FollowUp = z.infer<typeof followUp>;

const fields = {
  customerId: id,
  /** Must be a contact of the customer. */
  contactId: id.nullish(),
  type: id,
  content: z.string().trim().min(1).max(followUpLimits.content),
  /** Defaults to now; at most a few minutes in the future. */
  occurredAt: instant.optional(),
  topic: id.nullish(),
  stage: id.nullish(),
  attitude: z.enum(followUpAttitudes).nullish(),
  /** Sets the customer's 下次跟进 and puts a to-do in its owner's calendar on that day. */
  nextFollowUpAt: instant.nullish(),
  customFields: customValues.optional(),
};

/**
 * `POST /follow-ups`. Attachments are uploaded after the record exists, to `POST /files` with
 * `entity=follow-ups` (a file is seen exactly when its record is, so none exists before it):
 * `fileIds` is therefore not taken — a request that sends some is refused, not silently stripped.
 */
export const createFollowUp = z.object({ ...fields, fileIds: z.array(id).max(0).optional() });
export type CreateFollowUp = z.input<typeof createFollowUp>;

/** `PATCH /follow-ups/:id`: the customer stays (a follow-up does not move to another customer). */
export const updateFollowUp = z.object({
  version: z.number().int(),
  ...z.object(fields).omit({ customerId: true }).partial().shape,
});
export type UpdateFollowUp = z.input<typeof updateFollowUp>;

const date = z.iso.datetime({ offset: true }).or(z.string().regex(/^\d{4}-\d{2}-\d{2}$/));

/**
 * `GET /follow-ups`: within the caller's follow-ups scope (by author); `from`/`to` bound
 * `occurredAt` (`[from, to)`; a date is the tenant's day, `to` inclusive then); `mine=true` only
 * the caller's own; `q` searches the content.
 */
export const followUpListQuery = listQuery.extend({
  customerId: id.optional(),
  userId: id.optional(),
  contactId: id.optional(),
  type: id.optional(),
  from: date.optional(),
  to: date.optional(),
  mine: z.enum(['true', 'false']).optional(),
});
export type FollowUpListQuery = z.infer<typeof followUpListQuery>;

/** 点评: a supervisor's comment on a follow-up. */
export const followUpComment = z.object({
  id: z.string(),
  followUpId: z.string(),
  userId: z.string(),
  userName: z.string(),
  content: z.string(),
  createdAt: timestamp,
});
export type FollowUpComment = z.infer<typeof followUpComment>;

export const createFollowUpComment = z.object({
  content: z.string().trim().min(1).max(followUpLimits.comment),
});
export type CreateFollowUpComment = z.input<typeof createFollowUpComment>;
