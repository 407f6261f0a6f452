import type { KbArticleListQuery } from '@guanxi/contract';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { searchTerms } from './rich-text.ts';
import { kbArticles, kbArticleViews, kbArticleVotes, kbTicketSolutions } from './schema.ts';

export type ArticleRow = typeof kbArticles.$inferSelect;

// ---- articles (alias `m`; not scoped: published ones are the tenant's, drafts their author's and the publishers') ----

/** Who reads an article: every published one; a draft only its author, or anyone with kb:publish. */
export type Reader = { tenantId: string; userId: string; seesDrafts: boolean };

const live = (tenantId: string) => sql`m.tenant_id = ${tenantId} AND m.deleted_at IS NULL`;
const readable = (r: Reader) =>
  r.seesDrafts ? sql`TRUE` : sql`(m.status = 'published' OR m.created_by = ${r.userId})`;

/** Names and counts, for a page's rows only. */
const articleColumns = (userId: string) => sql`
  (SELECT i.name FROM dictionary_items i WHERE i.id = m.category_id) AS category_name,
  (SELECT u.name FROM users u WHERE u.id = m.created_by) AS author_name,
  (SELECT u.name FROM users u WHERE u.id = m.published_by) AS published_by_name,
  (SELECT count(*)::int FROM kb_article_votes v WHERE v.article_id = m.id AND v.helpful) AS helpful_count,
  (SELECT count(*)::int FROM kb_article_votes v WHERE v.article_id = m.id AND NOT v.helpful) AS unhelpful_count,
  (SELECT count(*)::int FROM kb_ticket_solutions s WHERE s.article_id = m.id) AS solved_count,
  (SELECT v.helpful FROM kb_article_votes v WHERE v.article_id = m.id AND v.user_id = ${userId}) AS my_vote`;

const sortable = {
  updatedAt: notNull(sql`m.updated_at`),
  createdAt: notNull(sql`m.created_at`),
  publishedAt: sql`m.published_at`,
  title: notNull(sql`m.title`),
  viewCount: notNull(sql`m.view_count`),
};

/** The category and every category under it (dictionary tree `kb-category`). */
const categorySubtree = (tenantId: string, categoryId: string) =>
  sql`m.category_id IN (WITH RECURSIVE sub AS (
      SELECT i.id FROM dictionary_items i WHERE i.tenant_id = ${tenantId} AND i.id = ${categoryId}
      UNION ALL SELECT c.id FROM dictionary_items c JOIN sub ON c.parent_id = sub.id WHERE c.tenant_id = ${tenantId})
    SELECT id FROM sub)`;

function filters(r: Reader, q: Partial<KbArticleListQuery>): SQL {
  const parts: SQL[] = [live(r.tenantId), readable(r)];
  if (q.categoryId) parts.push(categorySubtree(r.tenantId, q.categoryId));
  if (q.status) parts.push(sql`m.status = ${q.status}`);
  if (q.mine) parts.push(sql`m.created_by = ${r.userId}`);
  for (const term of searchTerms(q.q ?? '')) parts.push(sql`m.search_text LIKE ${`%${likeEscape(term)}%`}`);
  return sql.join(parts, sql` AND `);
}

export function listArticles(db: Db, r: Reader, q: KbArticleListQuery) {
  return listPage(
    db,
    q,
    {
      columns: sql`m.*`,
      from: sql`FROM kb_articles m WHERE ${filters(r, q)}`,
      orderBy: orderBy(q.sort, sortable, '-updatedAt', sql`m.id`),
      decorate: { alias: 'm', columns: sql`m.*, ${articleColumns(r.userId)}`, joins: sql`` },
      countFirst: q.q ? { alias: 'm' } : undefined,
    },
    (row) => row,
  );
}

/** Articles per category the reader sees (null: uncategorised). */
export async function categoryCounts(db: Db, r: Reader) {
  const result = await db.execute(
    sql`SELECT m.category_id, count(*)::int AS n FROM kb_articles m WHERE ${filters(r, {})} GROUP BY m.category_id`,
  );
  return (result.rows as { category_id: string | null; n: number }[]).map((x) => ({
    categoryId: x.category_id,
    count: Number(x.n),
  }));
}

export async function findArticle(db: Db, r: Reader, id: string) {
  const result = await db.execute(
    sql`SELECT m.*, ${articleColumns(r.userId)} FROM kb_articles m WHERE ${live(r.tenantId)} AND ${readable(r)} AND m.id = ${id}`,
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

export async function lockArticle(tx: Db, tenantId: string, id: string): Promise<ArticleRow | undefined> {
  const [row] = await tx
    .select()
    .from(kbArticles)
    .where(and(eq(kbArticles.tenantId, tenantId), eq(kbArticles.id, id), isNull(kbArticles.deletedAt)))
    .for('update');
  return row;
}

export async function insertArticle(tx: Db, values: typeof kbArticles.$inferInsert) {
  const [row] = await tx.insert(kbArticles).values(values).returning();
  return row;
}

export function updateArticle(
  tx: Db,
  tenantId: string,
  id: string,
  version: number,
  values: Partial<typeof kbArticles.$inferInsert>,
) {
  return tx
    .update(kbArticles)
    .set({ ...values, updatedAt: new Date(), version: sql`${kbArticles.version} + 1` })
    .where(and(eq(kbArticles.tenantId, tenantId), eq(kbArticles.id, id), eq(kbArticles.version, version)))
    .returning();
}

// ---- views and votes ----

/** Counts a view unless this reader already viewed the article that day; answers the count and whether it counted. */
export async function countView(tx: Db, tenantId: string, articleId: string, userId: string, day: string) {
  const inserted = await tx
    .insert(kbArticleViews)
    .values({ tenantId, articleId, userId, day })
    .onConflictDoNothing()
    .returning({ day: kbArticleViews.day });
  const counted = inserted.length > 0;
  const [row] = counted
    ? await tx
        .update(kbArticles)
        .set({ viewCount: sql`${kbArticles.viewCount} + 1` })
        .where(eq(kbArticles.id, articleId))
        .returning({ viewCount: kbArticles.viewCount })
    : await tx
        .select({ viewCount: kbArticles.viewCount })
        .from(kbArticles)
        .where(eq(kbArticles.id, articleId));
  return { viewCount: row.viewCount, counted };
}

export async function setVote(
  tx: Db,
  tenantId: string,
  articleId: string,
  userId: string,
  helpful: boolean | null,
) {
  if (helpful === null) {
    await tx
      .delete(kbArticleVotes)
      .where(and(eq(kbArticleVotes.articleId, articleId), eq(kbArticleVotes.userId, userId)));
    return;
  }
  await tx
    .insert(kbArticleVotes)
    .values({ tenantId, articleId, userId, helpful })
    .onConflictDoUpdate({
      target: [kbArticleVotes.articleId, kbArticleVotes.userId],
      set: { helpful, votedAt: new Date() },
    });
}

// ---- "solved with" (tickets) ----

/** Of `ids`, the tenant's published articles. */
export async function publishedAmong(db: Db, tenantId: string, ids: readonly string[]) {
  const result = await db.execute(
    sql`SELECT m.id, m.title FROM kb_articles m WHERE ${live(tenantId)} AND m.status = 'published'
      AND m.id = ANY(${uuidList(ids)})`,
  );
  return result.rows as { id: string; title: string }[];
}

/** Links not there yet; answers the ids newly linked. */
export async function insertSolutions(
  tx: Db,
  tenantId: string,
  ticketId: string,
  articleIds: readonly string[],
  userId: string | null,
) {
  if (articleIds.length === 0) return [];
  const rows = await tx
    .insert(kbTicketSolutions)
    .values(articleIds.map((articleId) => ({ tenantId, ticketId, articleId, createdBy: userId })))
    .onConflictDoNothing()
    .returning({ articleId: kbTicketSolutions.articleId });
  return rows.map((r) => r.articleId);
}

/** A ticket's articles (deleted ones left out), by title. */
export async function solutionsOf(db: Db, tenantId: string, ticketId: string) {
  const result = await db.execute(
    sql`SELECT m.id, m.title FROM kb_ticket_solutions s JOIN kb_articles m ON m.id = s.article_id
      WHERE s.tenant_id = ${tenantId} AND s.ticket_id = ${ticketId} AND m.deleted_at IS NULL ORDER BY m.title, m.id`,
  );
  return result.rows as { id: string; title: string }[];
}
