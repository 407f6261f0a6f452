import type {
  CreateKbArticle,
  KbArticle,
  KbArticleListItem,
  KbArticleListQuery,
  ListResponse,
  UpdateKbArticle,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { diff, fieldHistory, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoOf, todayIn } from '../../platform/dates.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { assertChoosable } from '../dictionaries/service.ts';
import * as repo from './repository.ts';
import { articleSearchText, articleText, sanitizeArticle } from './rich-text.ts';

export const ENTITY = 'kb-articles';
export const CATEGORY_DICTIONARY = 'kb-category';

const EXCERPT = 120;

/** Drafts are read by their author and by whoever may publish (who reviews them). */
const readerOf = (p: Principal): repo.Reader => ({
  tenantId: p.tenantId,
  userId: p.userId,
  seesDrafts: can(p, 'kb:publish'),
});

const num = (v: unknown) => Number(v ?? 0);
const str = (v: unknown) => (v == null ? null : String(v));

function toListItem(r: Record<string, unknown>): KbArticleListItem {
  return {
    id: String(r.id),
    version: num(r.version),
    createdAt: isoOf(r.created_at)!,
    updatedAt: isoOf(r.updated_at)!,
    title: String(r.title),
    categoryId: str(r.category_id),
    categoryName: str(r.category_name),
    status: r.status as KbArticleListItem['status'],
    excerpt: excerptOf(String(r.content ?? '')),
    authorId: str(r.created_by),
    authorName: str(r.author_name),
    publishedAt: isoOf(r.published_at),
    viewCount: num(r.view_count),
    helpfulCount: num(r.helpful_count),
    unhelpfulCount: num(r.unhelpful_count),
    solvedCount: num(r.solved_count),
  };
}

function excerptOf(content: string) {
  const text = articleText(content);
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
}

/** A published article's text changes only with kb:publish (an editor's change would skip the review). */
const mayEdit = (p: Principal, status: string) =>
  can(p, 'kb:edit') && (status === 'draft' || can(p, 'kb:publish'));

function toArticle(p: Principal, r: Record<string, unknown>): KbArticle {
  return {
    ...toListItem(r),
    content: String(r.content),
    publishedByName: str(r.published_by_name),
    myVote: r.my_vote == null ? null : Boolean(r.my_vote),
    canEdit: mayEdit(p, String(r.status)),
    canPublish: can(p, 'kb:publish'),
    canDelete: can(p, 'kb:delete'),
  };
}

const auditable = (r: repo.ArticleRow) => ({
  title: r.title,
  categoryId: r.categoryId,
  content: r.content,
  status: r.status,
});

// ---- reads ----

export async function listArticles(
  db: Db,
  p: Principal,
  q: KbArticleListQuery,
): Promise<ListResponse<KbArticleListItem>> {
  const page = await repo.listArticles(db, readerOf(p), q);
  return { ...page, data: page.data.map(toListItem) };
}

export const categoryCounts = (db: Db, p: Principal) => repo.categoryCounts(db, readerOf(p));

export async function getArticle(db: Db, p: Principal, id: string): Promise<KbArticle> {
  const row = await repo.findArticle(db, readerOf(p), id);
  if (!row) throw notFound();
  return toArticle(p, row);
}

export async function articleHistory(db: Db, p: Principal, id: string) {
  await getArticle(db, p, id);
  return fieldHistory(db, p.tenantId, ENTITY, id);
}

/** Attachments (manifest `fileEntities`): seen by whoever reads the article. */
export async function articleVisible(db: Db, p: Principal, id: string): Promise<boolean> {
  return can(p, 'kb:view') && Boolean(await repo.findArticle(db, readerOf(p), id));
}

/** Attachments are added or removed by who may edit the article; locked in `tx`. */
export async function articleChangeable(tx: Db, p: Principal, id: string): Promise<boolean> {
  const row = await repo.lockArticle(tx, p.tenantId, id);
  return Boolean(row) && readable(p, row!) && mayEdit(p, row!.status);
}

const readable = (p: Principal, r: repo.ArticleRow) =>
  r.status === 'published' || r.createdBy === p.userId || can(p, 'kb:publish');

/** Locks an article the caller reads (404 otherwise) at `version` (409 when stale). */
async function lockReadable(tx: Db, p: Principal, id: string, version?: number) {
  const row = await repo.lockArticle(tx, p.tenantId, id);
  if (!row || !readable(p, row)) throw notFound();
  if (version !== undefined) checkVersion(row, version);
  return row;
}

// ---- writes ----

/** The sanitised HTML, its text and search text; an article with nothing left after sanitising is refused. */
function contentOf(title: string, html: string) {
  const content = sanitizeArticle(html);
  const text = articleText(content);
  if (!text && !/<img\b/i.test(content)) throw invalid('content', 'empty');
  return { content, searchText: articleSearchText(title, text) };
}

export async function createArticle(db: Db, c: Caller, input: CreateKbArticle): Promise<KbArticle> {
  if (input.published && !can(c.p, 'kb:publish')) throw forbidden();
  const tenantId = c.p.tenantId;
  await assertChoosable(db, tenantId, 'categoryId', CATEGORY_DICTIONARY, input.categoryId);
  const id = uuidv7();
  const { content, searchText } = contentOf(input.title, input.content);
  const now = new Date();
  await db.transaction(async (tx) => {
    const row = await repo.insertArticle(tx, {
      id,
      tenantId,
      createdBy: c.p.userId,
      title: input.title,
      categoryId: input.categoryId ?? null,
      content,
      searchText,
      status: input.published ? 'published' : 'draft',
      publishedAt: input.published ? now : null,
      publishedBy: input.published ? c.p.userId : null,
    });
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: ENTITY,
      entityId: id,
      summary: row.title,
      changes: diff(null, auditable(row)),
    });
  });
  return getArticle(db, c.p, id);
}

export async function updateArticle(
  db: Db,
  c: Caller,
  id: string,
  input: UpdateKbArticle,
): Promise<KbArticle> {
  const { version, ...changes } = input;
  await db.transaction(async (tx) => {
    const before = await lockReadable(tx, c.p, id, version);
    if (!mayEdit(c.p, before.status)) throw forbidden();
    await assertChoosable(
      tx,
      c.p.tenantId,
      'categoryId',
      CATEGORY_DICTIONARY,
      changes.categoryId,
      before.categoryId,
    );
    const title = changes.title ?? before.title;
    const values: Partial<repo.ArticleRow> = { title };
    if (changes.categoryId !== undefined) values.categoryId = changes.categoryId;
    Object.assign(values, contentOf(title, changes.content ?? before.content));
    const after = await requireUpdated(
      await repo.updateArticle(tx, c.p.tenantId, id, version, values),
      async () => true,
    );
    const changed = diff(auditable(before), auditable(after));
    if (Object.keys(changed).length)
      await writeAudit(tx, c.actor, {
        action: 'update',
        entity: ENTITY,
        entityId: id,
        summary: after.title,
        changes: changed,
      });
  });
  return getArticle(db, c.p, id);
}

/** 发布 (draft → published) or 撤回 (published → draft); any other move is 409 INVALID_TRANSITION. */
export async function setPublished(
  db: Db,
  c: Caller,
  id: string,
  version: number,
  published: boolean,
): Promise<KbArticle> {
  await db.transaction(async (tx) => {
    const before = await lockReadable(tx, c.p, id, version);
    if ((before.status === 'published') === published) throw new AppError('INVALID_TRANSITION');
    const values = published
      ? { status: 'published' as const, publishedAt: new Date(), publishedBy: c.p.userId }
      : { status: 'draft' as const };
    const after = await requireUpdated(
      await repo.updateArticle(tx, c.p.tenantId, id, version, values),
      async () => true,
    );
    await writeAudit(tx, c.actor, {
      action: published ? 'publish' : 'unpublish',
      entity: ENTITY,
      entityId: id,
      summary: after.title,
      changes: diff({ status: before.status }, { status: after.status }),
    });
  });
  return getArticle(db, c.p, id);
}

export async function deleteArticle(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lockReadable(tx, c.p, id, version);
    await requireUpdated(
      await repo.updateArticle(tx, c.p.tenantId, id, version, { deletedAt: new Date() }),
      async () => true,
    );
    await writeAudit(tx, c.actor, { action: 'delete', entity: ENTITY, entityId: id, summary: before.title });
  });
}

/**
 * A reading (the page calls it when the article opens): counted once per reader and day (the
 * tenant's), of published articles only (a draft's author and reviewers are not its readers).
 * Not audited — a reading changes nothing but a counter.
 */
export async function viewArticle(db: Db, c: Caller, id: string) {
  return db.transaction(async (tx) => {
    const row = await repo.findArticle(tx, readerOf(c.p), id);
    if (!row) throw notFound();
    if (row.status !== 'published') return { viewCount: Number(row.view_count), counted: false };
    return repo.countView(tx, c.p.tenantId, id, c.p.userId, todayIn(c.timeZone));
  });
}

/** 有帮助 / 没帮助 on a published article: one vote per reader, changed or taken back (null). */
export async function voteArticle(
  db: Db,
  c: Caller,
  id: string,
  helpful: boolean | null,
): Promise<KbArticle> {
  await db.transaction(async (tx) => {
    const row = await lockReadable(tx, c.p, id);
    if (row.status !== 'published') throw new AppError('INVALID_TRANSITION');
    await repo.setVote(tx, c.p.tenantId, id, c.p.userId, helpful);
    await writeAudit(tx, c.actor, {
      action: 'vote',
      entity: ENTITY,
      entityId: id,
      summary: `${row.title}: ${helpful === null ? '-' : helpful ? 'helpful' : 'not helpful'}`,
    });
  });
  return getArticle(db, c.p, id);
}
