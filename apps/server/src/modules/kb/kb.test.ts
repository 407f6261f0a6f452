import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { type Agent, multipart } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { linkTicketSolutions, ticketSolutions } from './published.ts';

let t: TestContext;
let admin: Agent;
let publisher: Agent;
let writer: Agent;
let writer2: Agent;
let reader: Agent;
let writerId: string;
let categories: { id: string; code: string | null; parentId: string | null }[];

const category = (code: string) => categories.find((c) => c.code === code)!.id;

type Article = {
  id: string;
  version: number;
  status: string;
  content: string;
  title: string;
  viewCount: number;
  helpfulCount: number;
  unhelpfulCount: number;
  solvedCount: number;
  myVote: boolean | null;
  canEdit: boolean;
  excerpt: string;
};

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const dept = t.tenant.rootDepartmentId;
  const writeRole = await makeRole(admin, ['kb:view', 'kb:create', 'kb:edit']);
  const publishRole = await makeRole(admin, ['kb:view', 'kb:create', 'kb:edit', 'kb:publish', 'kb:delete']);
  const readRole = await makeRole(admin, ['kb:view']);
  const users = await Promise.all([
    makeUser(admin, { departmentId: dept, roleIds: [publishRole.id] }),
    makeUser(admin, { departmentId: dept, roleIds: [writeRole.id] }),
    makeUser(admin, { departmentId: dept, roleIds: [writeRole.id] }),
    makeUser(admin, { departmentId: dept, roleIds: [readRole.id] }),
  ]);
  [publisher, writer, writer2, reader] = await Promise.all(users.map((u) => t.login(u.username)));
  writerId = users[1].id;
  categories = (await admin.get('/api/v1/dictionaries/kb-category/items')).json().data;
});
afterAll(() => t.close());

async function write(agent: Agent, body: Record<string, unknown> = {}): Promise<Article> {
  const res = await agent.post('/api/v1/kb-articles', {
    title: unique('文章'),
    content: '<p>正文</p>',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function search(agent: Agent, query: string): Promise<Article[]> {
  const res = await agent.get(`/api/v1/kb-articles?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data;
}

describe('kb articles', () => {
  it('sanitises the rich text on write: no script, handler or javascript: link; links open apart', async () => {
    const a = await write(publisher, {
      content:
        '<h1>标题</h1><p onclick="x()">文字 <b>粗</b> <a href="javascript:alert(1)">坏</a> <a href="https://example.com">好</a></p>' +
        '<script>alert(1)</script><img src="x" onerror="alert(1)"><iframe src="https://evil"></iframe><style>p{}</style>',
    });
    expect(a.content).not.toMatch(/script|onclick|onerror|javascript|iframe|style/i);
    expect(a.content).toContain('<h2>标题</h2>');
    expect(a.content).toContain(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer">好</a>',
    );
    expect(a.content).toContain('<a target="_blank" rel="noopener noreferrer">坏</a>');
    expect(a.excerpt).toBe('标题 文字 粗 坏 好');
    // nothing left after sanitising is no article
    const empty = await publisher.post('/api/v1/kb-articles', { title: 'x', content: '<script>1</script>' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details).toEqual([expect.objectContaining({ path: 'content' })]);
  });

  it('writes drafts; publishing at creation needs kb:publish (403 otherwise)', async () => {
    const draft = await write(writer);
    expect(draft).toMatchObject({
      status: 'draft',
      canEdit: true,
      viewCount: 0,
      solvedCount: 0,
      myVote: null,
    });
    const refused = await writer.post('/api/v1/kb-articles', {
      title: 'x',
      content: '<p>y</p>',
      published: true,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FORBIDDEN');
    const published = await write(publisher, { published: true });
    expect(published.status).toBe('published');
  });

  it('shows a draft to its author and to publishers only (404 for others); published ones to every reader', async () => {
    const title = unique('草稿可见');
    const draft = await write(writer, { title });
    for (const [agent, sees] of [
      [writer, true],
      [publisher, true],
      [writer2, false],
      [reader, false],
    ] as const) {
      expect((await agent.get(`/api/v1/kb-articles/${draft.id}`)).statusCode).toBe(sees ? 200 : 404);
      expect((await search(agent, `q=${encodeURIComponent(title)}`)).map((a) => a.id)).toEqual(
        sees ? [draft.id] : [],
      );
    }
    // another writer can neither change nor attach to it
    expect(
      (await writer2.patch(`/api/v1/kb-articles/${draft.id}`, { version: draft.version, title: 'x' }))
        .statusCode,
    ).toBe(404);
    const published = await publisher.post(`/api/v1/kb-articles/${draft.id}/publish`, {
      version: draft.version,
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedByName: expect.any(String) });
    expect((await reader.get(`/api/v1/kb-articles/${draft.id}`)).statusCode).toBe(200);
    expect((await search(reader, 'mine=true')).length).toBe(0);
    expect((await search(writer, `mine=true&q=${encodeURIComponent(title)}`)).map((a) => a.id)).toEqual([
      draft.id,
    ]);
  });

  it('moves draft ⇄ published only, with the current version (409 otherwise); the editor changes a published one only with kb:publish', async () => {
    const a = await write(writer);
    const edited = await writer.patch(`/api/v1/kb-articles/${a.id}`, {
      version: a.version,
      title: '改过的标题',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const v = edited.json().version as number;
    expect(
      (await writer.patch(`/api/v1/kb-articles/${a.id}`, { version: a.version, title: 'y' })).statusCode,
    ).toBe(409);
    expect(
      (await publisher.post(`/api/v1/kb-articles/${a.id}/publish`, { version: a.version })).json().code,
    ).toBe('CONFLICT');
    const pub = (
      await publisher.post(`/api/v1/kb-articles/${a.id}/publish`, { version: v })
    ).json() as Article;
    const twice = await publisher.post(`/api/v1/kb-articles/${a.id}/publish`, { version: pub.version });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'INVALID_TRANSITION']);
    // the writer may no longer change its text (it would skip the review)
    const mine = (await writer.get(`/api/v1/kb-articles/${a.id}`)).json() as Article;
    expect(mine.canEdit).toBe(false);
    const blocked = await writer.patch(`/api/v1/kb-articles/${a.id}`, {
      version: pub.version,
      content: '<p>z</p>',
    });
    expect(blocked.statusCode).toBe(403);
    const back = await publisher.post(`/api/v1/kb-articles/${a.id}/unpublish`, { version: pub.version });
    expect(back.json().status).toBe('draft');
    const history = (await writer.get(`/api/v1/kb-articles/${a.id}/history`)).json().data as {
      changes?: unknown;
    }[];
    expect(JSON.stringify(history)).toContain('改过的标题');
    const audit = await t.database.db.execute(
      sql`SELECT action FROM audit_logs WHERE entity = 'kb-articles' AND entity_id = ${a.id} ORDER BY created_at`,
    );
    expect(audit.rows.map((r) => (r as { action: string }).action)).toEqual([
      'create',
      'update',
      'publish',
      'unpublish',
    ]);
  });

  it('finds articles by two Chinese characters of title or text, by the title’s pinyin, by words, in a category and below', async () => {
    const tag = unique('k').toLowerCase();
    const install = await write(publisher, {
      title: `打印机卡纸处理 ${tag}`,
      content: '<p>先关闭电源，再取出<strong>硒鼓</strong>。</p>',
      categoryId: category('installation'),
      published: true,
    });
    const other = await write(publisher, {
      title: `网络设置 ${tag}`,
      content: '<p>检查路由器</p>',
      categoryId: category('faq'),
      published: true,
    });
    const ids = async (q: string) => (await search(reader, `q=${encodeURIComponent(q)}`)).map((a) => a.id);
    expect(await ids(`卡纸 ${tag}`)).toEqual([install.id]);
    expect(await ids(`硒鼓 ${tag}`)).toEqual([install.id]);
    expect(await ids(`dyjkz ${tag}`)).toEqual([install.id]);
    expect(await ids(`dayinji ${tag}`)).toEqual([install.id]);
    expect(await ids(`WANGLUO ${tag}`)).toEqual([other.id]);
    expect((await ids(tag)).sort()).toEqual([install.id, other.id].sort());
    expect(await ids(`卡纸 路由器 ${tag}`)).toEqual([]);
    // the parent category 产品使用 takes 安装调试
    const parent = categories.find((c) => c.id === category('installation'))!.parentId!;
    const inParent = await search(reader, `categoryId=${parent}&q=${tag}`);
    expect(inParent.map((a) => a.id)).toEqual([install.id]);
    expect(inParent[0]).toMatchObject({ categoryName: '安装调试' });
    const counts = (await reader.get('/api/v1/kb-articles/categories')).json().data as {
      categoryId: string;
      count: number;
    }[];
    expect(counts.find((c) => c.categoryId === category('installation'))!.count).toBeGreaterThanOrEqual(1);
    // a wildcard is a character, not a pattern
    expect(await ids(`%${tag}`)).toEqual([]);
  });

  it('counts a reader once a day and keeps one changeable vote per reader', async () => {
    const a = await write(publisher, { published: true });
    expect((await reader.post(`/api/v1/kb-articles/${a.id}/view`)).json()).toEqual({
      viewCount: 1,
      counted: true,
    });
    expect((await reader.post(`/api/v1/kb-articles/${a.id}/view`)).json()).toEqual({
      viewCount: 1,
      counted: false,
    });
    expect((await writer.post(`/api/v1/kb-articles/${a.id}/view`)).json()).toEqual({
      viewCount: 2,
      counted: true,
    });
    const vote = (agent: Agent, helpful: boolean | null) =>
      agent.post(`/api/v1/kb-articles/${a.id}/vote`, { helpful });
    expect((await vote(reader, true)).json()).toMatchObject({
      helpfulCount: 1,
      unhelpfulCount: 0,
      myVote: true,
    });
    expect((await vote(reader, true)).json()).toMatchObject({ helpfulCount: 1, unhelpfulCount: 0 });
    expect((await vote(writer, false)).json()).toMatchObject({
      helpfulCount: 1,
      unhelpfulCount: 1,
      myVote: false,
    });
    expect((await vote(reader, false)).json()).toMatchObject({
      helpfulCount: 0,
      unhelpfulCount: 2,
      myVote: false,
    });
    expect((await vote(reader, null)).json()).toMatchObject({
      helpfulCount: 0,
      unhelpfulCount: 1,
      myVote: null,
    });
    const listed = (await search(reader, `q=${encodeURIComponent(a.title)}`))[0];
    expect(listed).toMatchObject({ viewCount: 2, helpfulCount: 0, unhelpfulCount: 1 });
    // a draft takes no votes; one out of sight is 404
    const draft = await write(writer);
    const onDraft = await writer.post(`/api/v1/kb-articles/${draft.id}/vote`, { helpful: true });
    expect([onDraft.statusCode, onDraft.json().code]).toEqual([409, 'INVALID_TRANSITION']);
    expect((await reader.post(`/api/v1/kb-articles/${draft.id}/view`)).statusCode).toBe(404);
    // its author's readings of a draft are not views
    expect((await writer.post(`/api/v1/kb-articles/${draft.id}/view`)).json()).toEqual({
      viewCount: 0,
      counted: false,
    });
    expect((await reader.post(`/api/v1/kb-articles/${draft.id}/vote`, { helpful: true })).statusCode).toBe(
      404,
    );
  });

  it('links published articles to a ticket as solved with, idempotently; others are refused on articleIds', async () => {
    const db = t.database.db;
    const a = await write(publisher, { published: true, title: unique('B-') });
    const b = await write(publisher, { published: true, title: unique('A-') });
    const draft = await write(writer);
    const actor = { tenantId: t.tenant.id, userId: writerId, userName: 'w' };
    const ticketId = '01900000-0000-7000-8000-000000000001';
    await db.transaction((tx) => linkTicketSolutions(tx, actor, ticketId, [a.id, b.id, a.id]));
    await db.transaction((tx) => linkTicketSolutions(tx, actor, ticketId, [a.id]));
    expect((await ticketSolutions(db, t.tenant.id, ticketId)).map((s) => s.id)).toEqual([b.id, a.id]);
    expect((await reader.get(`/api/v1/kb-articles/${a.id}`)).json().solvedCount).toBe(1);
    const refused = await db
      .transaction((tx) => linkTicketSolutions(tx, actor, ticketId, [b.id, draft.id]))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify((refused as AppError).details)).toContain('articleIds');
    // another tenant's ticket sees none of them
    expect(await ticketSolutions(db, t.other.id, ticketId)).toEqual([]);
  });

  it('carries attachments: added by who may edit, seen by who reads, 404 for a draft out of sight', async () => {
    const draft = await write(writer);
    const upload = (agent: Agent, entityId: string) => {
      const body = multipart(
        { entity: 'kb-articles', entityId },
        { file: { name: '说明.txt', content: '说明文字' } },
      );
      return agent.request('POST', '/api/v1/files', body.payload, { headers: body.headers });
    };
    const added = await upload(writer, draft.id);
    expect(added.statusCode, added.body).toBe(201);
    expect((await upload(writer2, draft.id)).statusCode).toBe(404);
    expect((await reader.get(`/api/v1/files?entity=kb-articles&entityId=${draft.id}`)).statusCode).toBe(404);
    const v = (await writer.get(`/api/v1/kb-articles/${draft.id}`)).json().version;
    await publisher.post(`/api/v1/kb-articles/${draft.id}/publish`, { version: v });
    const seen = await reader.get(`/api/v1/files?entity=kb-articles&entityId=${draft.id}`);
    expect(seen.json().data.map((f: { name: string }) => f.name)).toEqual(['说明.txt']);
    expect((await upload(reader, draft.id)).statusCode).toBe(403);
  });

  it('deletes with the current version; 404 afterwards and for another tenant', async () => {
    const a = await write(publisher, { published: true });
    expect((await publisher.delete(`/api/v1/kb-articles/${a.id}?version=${a.version + 3}`)).statusCode).toBe(
      409,
    );
    const other = await t.login('admin', undefined, t.other.code);
    expect((await other.get(`/api/v1/kb-articles/${a.id}`)).statusCode).toBe(404);
    expect((await other.delete(`/api/v1/kb-articles/${a.id}?version=${a.version}`)).statusCode).toBe(404);
    expect((await publisher.delete(`/api/v1/kb-articles/${a.id}?version=${a.version}`)).statusCode).toBe(200);
    expect((await publisher.get(`/api/v1/kb-articles/${a.id}`)).statusCode).toBe(404);
    expect((await search(publisher, `q=${encodeURIComponent(a.title)}`)).length).toBe(0);
  });

  it('answers bad input with 400 on its field, never 500', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['empty title', { title: ' ', content: '<p>x</p>' }, 'title'],
      ['unknown field', { title: 'x', content: '<p>x</p>', status: 'published' }, ''],
      [
        'category of another dictionary',
        { title: 'x', content: '<p>x</p>', categoryId: writerId },
        'categoryId',
      ],
      ['not a uuid', { title: 'x', content: '<p>x</p>', categoryId: 'abc' }, 'categoryId'],
      ['too long', { title: 'x', content: 'x'.repeat(200_001) }, 'content'],
    ];
    for (const [name, body, path] of cases) {
      const res = await writer.post('/api/v1/kb-articles', body);
      expect(res.statusCode, name).toBe(400);
      if (path) expect(JSON.stringify(res.json().details), name).toContain(path);
    }
    expect((await reader.get('/api/v1/kb-articles?sort=nope')).statusCode).toBe(400);
    expect((await reader.get('/api/v1/kb-articles?status=archived')).statusCode).toBe(400);
    const a = await write(writer);
    expect((await writer.post(`/api/v1/kb-articles/${a.id}/vote`, { helpful: 'yes' })).statusCode).toBe(400);
  });
});

describeAuthz(authz);
