import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/**
 * 知识库文章. `content` is HTML sanitised on write; `search_text` is the lower-cased title, the
 * content's text and the title's pinyin (full and initials), what `q` matches.
 */
export const kbArticles = pgTable(
  'kb_articles',
  {
    ...baseColumns(),
    title: text('title').notNull(),
    /** An item of the dictionary tree `kb-category`. */
    categoryId: uuid('category_id'),
    content: text('content').notNull(),
    searchText: text('search_text').notNull().default(''),
    status: text('status', { enum: ['draft', 'published'] })
      .notNull()
      .default('draft'),
    publishedAt: tz('published_at'),
    publishedBy: uuid('published_by'),
    /** Distinct viewers per day, counted by `kb_article_views`. */
    viewCount: integer('view_count').notNull().default(0),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    index('kb_articles_list_idx').on(t.tenantId, t.status, t.updatedAt).where(sql`${t.deletedAt} IS NULL`),
    index('kb_articles_category_idx').on(t.tenantId, t.categoryId).where(sql`${t.deletedAt} IS NULL`),
  ],
);

/** One row per reader and day: the insert that wins counts the view. */
export const kbArticleViews = pgTable(
  'kb_article_views',
  {
    tenantId: uuid('tenant_id').notNull(),
    articleId: uuid('article_id').notNull(),
    userId: uuid('user_id').notNull(),
    day: date('day').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.userId, t.day] })],
);

/** 有帮助 / 没帮助: one vote per reader, changeable. */
export const kbArticleVotes = pgTable(
  'kb_article_votes',
  {
    tenantId: uuid('tenant_id').notNull(),
    articleId: uuid('article_id').notNull(),
    userId: uuid('user_id').notNull(),
    helpful: boolean('helpful').notNull(),
    votedAt: tz('voted_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.userId] })],
);

/** "Solved with": articles a ticket was resolved with (written by the tickets module through published.ts). */
export const kbTicketSolutions = pgTable(
  'kb_ticket_solutions',
  {
    tenantId: uuid('tenant_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    articleId: uuid('article_id').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.articleId] }),
    index('kb_ticket_solutions_article_idx').on(t.tenantId, t.articleId),
  ],
);
