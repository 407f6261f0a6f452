import { z } from 'zod';
import { id, listQuery, recordBase, timestamp } from './common.ts';

/** 知识库: a draft is seen by its author and by holders of kb:publish; published ones by every kb:view holder. */
export const kbArticleStatuses = ['draft', 'published'] as const;
export type KbArticleStatus = (typeof kbArticleStatuses)[number];

export const kbLimits = {
  title: 200,
  /** The HTML as sent (before sanitising). */
  content: 200_000,
  /** Articles a ticket may name as solved with (`linkTicketSolutions`). */
  ticketSolutions: 20,
} as const;

/** An article in a list: no content, an excerpt of its text instead. */
export const kbArticleListItem = z.object({
  ...recordBase,
  title: z.string(),
  /** An item of the dictionary tree `kb-category`. */
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  status: z.enum(kbArticleStatuses),
  /** The first characters of the content's text. */
  excerpt: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  publishedAt: timestamp.nullable(),
  /** Readers counted once per person and day. */
  viewCount: z.number().int(),
  helpfulCount: z.number().int(),
  unhelpfulCount: z.number().int(),
  /** Tickets resolved with this article (解决工单数). */
  solvedCount: z.number().int(),
});
export type KbArticleListItem = z.infer<typeof kbArticleListItem>;

/** An article; `content` is HTML sanitised by the server (safe to render as it is). */
export const kbArticle = kbArticleListItem.extend({
  content: z.string(),
  publishedByName: z.string().nullable(),
  /** The caller's vote: true 有帮助, false 没帮助, null none. */
  myVote: z.boolean().nullable(),
  canEdit: z.boolean(),
  canPublish: z.boolean(),
  canDelete: z.boolean(),
});
export type KbArticle = z.infer<typeof kbArticle>;

const fields = {
  title: z.string().trim().min(1).max(kbLimits.title),
  categoryId: id.nullish(),
  /** HTML (headings, bold, italic, lists, links, code, tables, images as data: or https): sanitised on write. */
  content: z.string().max(kbLimits.content),
};

/** `POST /kb-articles`; `published: true` needs kb:publish (else 403). */
export const createKbArticle = z.strictObject({ ...fields, published: z.boolean().optional() });
export type CreateKbArticle = z.input<typeof createKbArticle>;

/** `PATCH /kb-articles/:id`: a published article's text is changed only with kb:publish. */
export const updateKbArticle = z.strictObject({
  version: z.number().int(),
  ...z.object(fields).partial().shape,
});
export type UpdateKbArticle = z.input<typeof updateKbArticle>;

/** `POST /kb-articles/:id/publish` and `/unpublish` (back to draft). */
export const kbVersionBody = z.strictObject({ version: z.number().int() });

/** `POST /kb-articles/:id/vote`: true 有帮助, false 没帮助, null takes the vote back. */
export const kbVoteBody = z.strictObject({ helpful: z.boolean().nullable() });

/** `POST /kb-articles/:id/view`: the view counts once per reader and day. */
export const kbViewResponse = z.object({ viewCount: z.number().int(), counted: z.boolean() });

/**
 * `GET /kb-articles`: `q` searches title and text (two Chinese characters are enough) and the
 * title's pinyin (full or initials); `categoryId` takes its sub-categories; `mine`: written by me.
 */
export const kbArticleListQuery = listQuery.extend({
  categoryId: id.optional(),
  status: z.enum(kbArticleStatuses).optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type KbArticleListQuery = z.infer<typeof kbArticleListQuery>;

/** `GET /kb-articles/categories`: how many articles the caller sees per category (sub-categories not added). */
export const kbCategoryCounts = z.object({
  data: z.array(z.object({ categoryId: z.string().nullable(), count: z.number().int() })),
});
