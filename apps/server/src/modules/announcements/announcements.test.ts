import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, multipart } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { runDueReminders } from './receipts-service.ts';

describeAuthz(authz);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let t: TestContext;
let admin: Agent;
let sender: Agent;
let senderUser: { id: string };
let store1: Agent;
let store2: Agent;
let branchUser: Agent;
let outsider: Agent;
let branch: { id: string; name: string };
let s1: { id: string; name: string };
let s2: { id: string; name: string };
let other: { id: string };
let readerRole: { id: string };
let ids: Record<string, string>;

/** 分公司 (branch) with two stores; the sender leads the branch (department and children); another branch apart. */
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  branch = await makeDepartment(admin, t.tenant.rootDepartmentId, unique('分公司'));
  s1 = await makeDepartment(admin, branch.id, unique('门店甲'));
  s2 = await makeDepartment(admin, branch.id, unique('门店乙'));
  other = await makeDepartment(admin, t.tenant.rootDepartmentId, unique('别的分公司'));
  const lead = await makeRole(admin, ['announcements:view', 'announcements:send'], {
    announcements: 'department_and_children',
  });
  readerRole = await makeRole(admin, ['announcements:view'], { announcements: 'own' });
  const u = async (departmentId: string, roleId = readerRole.id) =>
    makeUser(admin, { departmentId, roleIds: [roleId] });
  const [su, a, b, c, o] = [
    await u(branch.id, lead.id),
    await u(s1.id),
    await u(s2.id),
    await u(branch.id),
    await u(other.id),
  ];
  senderUser = su;
  ids = { a: a.id, b: b.id, c: c.id, o: o.id };
  [sender, store1, store2, branchUser, outsider] = await Promise.all(
    [su, a, b, c, o].map((x) => t.login(x.username)),
  );
});
afterAll(() => t.close());

async function send(agent: Agent, body: Record<string, unknown>) {
  const res = await agent.post('/api/v1/announcements', {
    kind: 'instruction',
    title: unique('指令'),
    content: '<p>请盘点库存</p>',
    dueAt: inDays(3),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; [k: string]: unknown };
}

const inbox = async (agent: Agent, box = 'inbox') =>
  ((await agent.get(`/api/v1/announcements?box=${box}`)).json() as { data: { id: string }[] }).data.map(
    (x) => x.id,
  );

describe('announcements: audience and receipts', () => {
  it('sends an instruction to a branch with its stores; users of different stores read and complete; the sender sees per department who read and who did', async () => {
    const sent = await send(sender, { departmentIds: [branch.id] });
    expect(sent).toMatchObject({
      kind: 'instruction',
      recipientCount: 3,
      readCount: 0,
      doneCount: 0,
      manage: true,
    });
    expect(sent.departments).toEqual([{ id: branch.id, name: branch.name }]);
    expect(await inbox(store1)).toContain(sent.id);
    expect(await inbox(store2)).toContain(sent.id);

    const opened = await store1.post(`/api/v1/announcements/${sent.id}/read`, {});
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().receipt.readAt).not.toBeNull();
    expect(opened.json().manage).toBe(false);
    const done = await store1.post(`/api/v1/announcements/${sent.id}/done`, { note: '已盘点，差异 2 件' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().receipt).toMatchObject({ note: '已盘点，差异 2 件' });
    expect((await store2.post(`/api/v1/announcements/${sent.id}/read`, {})).statusCode).toBe(200);
    // reading again changes nothing
    const again = await store2.post(`/api/v1/announcements/${sent.id}/read`, {});
    expect(again.json().readCount).toBe(2);

    const receipts = await sender.get(`/api/v1/announcements/${sent.id}/receipts`);
    expect(receipts.statusCode, receipts.body).toBe(200);
    const body = receipts.json();
    expect(body.data).toHaveLength(3);
    expect(body.data.find((r: { userId: string }) => r.userId === ids.a)).toMatchObject({
      departmentId: s1.id,
      note: '已盘点，差异 2 件',
    });
    const by = (id: string) => body.departments.find((d: { departmentId: string }) => d.departmentId === id);
    expect(by(s1.id)).toMatchObject({ name: s1.name, total: 1, read: 1, done: 1 });
    expect(by(s2.id)).toMatchObject({ total: 1, read: 1, done: 0 });
    expect(by(branch.id)).toMatchObject({ total: 1, read: 0, done: 0 });
    // the tenant's admin (scope all) sees them too; a recipient does not
    expect((await admin.get(`/api/v1/announcements/${sent.id}/receipts`)).statusCode).toBe(200);
    expect((await store1.get(`/api/v1/announcements/${sent.id}/receipts`)).statusCode).toBe(403);
  });

  it('is 404 for everyone outside the audience and the scope: look-up, receipts, read, done, lists', async () => {
    const sent = await send(sender, { departmentIds: [s1.id] });
    for (const res of [
      await outsider.get(`/api/v1/announcements/${sent.id}`),
      await outsider.get(`/api/v1/announcements/${sent.id}/receipts`),
      await outsider.post(`/api/v1/announcements/${sent.id}/read`, {}),
      await outsider.post(`/api/v1/announcements/${sent.id}/done`, {}),
      await store2.get(`/api/v1/announcements/${sent.id}`),
      await branchUser.post(`/api/v1/announcements/${sent.id}/read`, {}),
    ])
      expect(res.statusCode, res.body).toBe(404);
    expect(await inbox(outsider)).not.toContain(sent.id);
    expect(await inbox(store2)).not.toContain(sent.id);
    expect(await inbox(outsider, 'sent')).not.toContain(sent.id);
    // another tenant's admin neither
    const foreign = await t.login('admin', undefined, t.other.code);
    expect((await foreign.get(`/api/v1/announcements/${sent.id}`)).statusCode).toBe(404);
  });

  it('resolves the audience once: someone who joins the store later does not get it', async () => {
    const sent = await send(sender, { departmentIds: [s1.id] });
    const late = await makeUser(admin, { departmentId: s1.id, roleIds: [readerRole.id] });
    const agent = await t.login(late.username);
    expect((await agent.get(`/api/v1/announcements/${sent.id}`)).statusCode).toBe(404);
    expect(sent.recipientCount).toBe(1);
  });

  it('addresses only users and departments within the sender scope (400 with the path)', async () => {
    const res = await sender.post('/api/v1/announcements', {
      kind: 'notice',
      title: '越权',
      content: '',
      departmentIds: [other.id],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('departmentIds');
    const user = await sender.post('/api/v1/announcements', {
      kind: 'notice',
      title: '越权',
      content: '',
      userIds: [ids.o],
    });
    expect(user.statusCode).toBe(400);
    expect(user.json().details[0].path).toBe('userIds');
    // a reader (own scope) cannot address a department at all, nor send
    expect(
      (
        await store1.post('/api/v1/announcements', {
          kind: 'notice',
          title: 'x',
          content: '',
          userIds: [ids.a],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('validates the input: audience, due time, expiry, kinds', async () => {
    const bad = async (body: Record<string, unknown>, path: string, code = 'VALIDATION_FAILED') => {
      const res = await sender.post('/api/v1/announcements', {
        kind: 'notice',
        title: '校验',
        content: '',
        userIds: [ids.a],
        ...body,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe(code);
      expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
    };
    await bad({ userIds: [], departmentIds: [] }, 'userIds');
    await bad({ dueAt: inDays(1) }, 'dueAt');
    await bad({ kind: 'instruction' }, 'dueAt');
    await bad({ kind: 'instruction', dueAt: inDays(-1) }, 'dueAt', 'DATE_IN_PAST');
    await bad({ expiresAt: inDays(-1) }, 'expiresAt', 'DATE_IN_PAST');
    await bad({ kind: 'instruction', dueAt: inDays(3), expiresAt: inDays(2) }, 'expiresAt');
    await bad({ kind: 'memo' }, 'kind');
    await bad({ dueAt: 'tomorrow' }, 'dueAt');
    await bad({ userIds: ['not-a-uuid'] }, 'userIds.0');
    await bad({ title: '' }, 'title');
  });

  it('sanitises the rich text on the server', async () => {
    const sent = await send(sender, {
      kind: 'notice',
      dueAt: undefined,
      userIds: [ids.a],
      content:
        '<h1>标题</h1><p onclick="steal()">正文<script>alert(1)</script><a href="javascript:alert(1)">x</a><a href="https://guanxi.example">链接</a></p><iframe src="https://evil"></iframe>',
    });
    const html = sent.content as string;
    expect(html).not.toMatch(/script|onclick|javascript|iframe/);
    expect(html).toContain('<h2>标题</h2>');
    expect(html).toContain('href="https://guanxi.example"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('completes only an instruction, once; a notice is read', async () => {
    const notice = await send(sender, { kind: 'notice', dueAt: undefined, userIds: [ids.a] });
    const res = await store1.post(`/api/v1/announcements/${notice.id}/done`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INVALID_TRANSITION');
    const instruction = await send(sender, { userIds: [ids.a] });
    expect((await store1.post(`/api/v1/announcements/${instruction.id}/done`, {})).statusCode).toBe(200);
    expect((await store1.post(`/api/v1/announcements/${instruction.id}/done`, {})).json().code).toBe(
      'INVALID_TRANSITION',
    );
    // done marks it read too; the sender hears when all are done
    const seen = (await store1.get(`/api/v1/announcements/${instruction.id}`)).json();
    expect(seen.receipt.readAt).not.toBeNull();
    const notes = (await sender.get('/api/v1/notifications?pageSize=100')).json().data as { title: string }[];
    expect(notes.some((n) => n.title.includes(`「${instruction.title}」已全部完成`))).toBe(true);
    // too long a note is 400
    const long = await send(sender, { userIds: [ids.a] });
    expect(
      (await store1.post(`/api/v1/announcements/${long.id}/done`, { note: 'x'.repeat(1001) })).statusCode,
    ).toBe(400);
  });

  it('pins (first in the inbox), expires into 已过期, refuses a stale version, withdraws', async () => {
    const plain = await send(sender, { kind: 'notice', dueAt: undefined, userIds: [ids.b] });
    const pinned = await send(sender, { kind: 'notice', dueAt: undefined, userIds: [ids.b], pinned: true });
    const later = await send(sender, { kind: 'notice', dueAt: undefined, userIds: [ids.b] });
    const first = await inbox(store2);
    expect(first.indexOf(pinned.id)).toBeLessThan(first.indexOf(later.id));
    expect(first.indexOf(later.id)).toBeLessThan(first.indexOf(plain.id));

    const expire = await sender.patch(`/api/v1/announcements/${plain.id}`, {
      version: plain.version,
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(expire.statusCode, expire.body).toBe(200);
    expect(expire.json().expired).toBe(true);
    expect(await inbox(store2)).not.toContain(plain.id);
    expect(await inbox(store2, 'expired')).toContain(plain.id);
    const stale = await sender.patch(`/api/v1/announcements/${plain.id}`, {
      version: plain.version,
      pinned: true,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    // a recipient cannot change it
    expect(
      (await store2.patch(`/api/v1/announcements/${later.id}`, { version: later.version, pinned: true }))
        .statusCode,
    ).toBe(403);

    const withdrawn = await sender.delete(`/api/v1/announcements/${later.id}?version=${later.version}`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await store2.get(`/api/v1/announcements/${later.id}`)).statusCode).toBe(404);

    const audit = await admin.get(`/api/v1/audit-logs?entity=announcements&entityId=${plain.id}`);
    expect(audit.json().data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'update']),
    );
  });

  it('counts my unread and pending', async () => {
    const before = (await store2.get('/api/v1/announcements/unread-count')).json();
    const sent = await send(sender, { userIds: [ids.b] });
    const after = (await store2.get('/api/v1/announcements/unread-count')).json();
    expect(after).toEqual({ unread: before.unread + 1, pending: before.pending + 1 });
    await store2.post(`/api/v1/announcements/${sent.id}/done`, {});
    expect((await store2.get('/api/v1/announcements/unread-count')).json()).toEqual(before);
  });

  it('reminds the rest: those not done, once an hour', async () => {
    const sent = await send(sender, { departmentIds: [branch.id] });
    await store1.post(`/api/v1/announcements/${sent.id}/done`, {});
    const res = await sender.post(`/api/v1/announcements/${sent.id}/remind`, {});
    expect(res.statusCode, res.body).toBe(200);
    // everyone of the branch and its stores but the one who is done
    expect(res.json()).toEqual({ reminded: (sent.recipientCount as number) - 1 });
    expect((await sender.post(`/api/v1/announcements/${sent.id}/remind`, {})).json()).toEqual({
      reminded: 0,
    });
    const notes = (await store2.get('/api/v1/notifications?pageSize=100')).json().data as { title: string }[];
    expect(notes.some((n) => n.title === `提醒：请完成指令「${sent.title}」`)).toBe(true);
    expect((await store1.post(`/api/v1/announcements/${sent.id}/remind`, {})).statusCode).toBe(403);
  });

  it('reminds whoever has not done an instruction a day before it is due and when overdue, once each', async () => {
    const sent = await send(sender, { departmentIds: [s1.id, s2.id], dueAt: inDays(3) });
    await store1.post(`/api/v1/announcements/${sent.id}/done`, {});
    const db = t.database.db;
    const due = new Date(sent.dueAt as string).getTime();
    const mine = async (agent: Agent) =>
      ((await agent.get('/api/v1/notifications?pageSize=100')).json().data as { title: string }[]).filter(
        (n) => n.title.includes(`「${sent.title}」`),
      );
    const count = async (agent: Agent) => (await mine(agent)).length;
    const base = { a: await count(store1), b: await count(store2), s: await count(sender) };
    await runDueReminders(db, new Date(due - 2 * DAY));
    expect(await count(store2)).toBe(base.b);
    await runDueReminders(db, new Date(due - 12 * HOUR));
    await runDueReminders(db, new Date(due - 11 * HOUR));
    expect(await count(store2)).toBe(base.b + 1);
    expect(await count(store1)).toBe(base.a);
    await runDueReminders(db, new Date(due + HOUR));
    await runDueReminders(db, new Date(due + 2 * HOUR));
    expect(await count(store2)).toBe(base.b + 2);
    expect((await mine(store2)).some((n) => n.title.includes('已逾期'))).toBe(true);
    expect(await count(sender)).toBe(base.s + 1);
    expect(await count(store1)).toBe(base.a);
  });

  it('lists the audience the sender may address', async () => {
    const res = await sender.get('/api/v1/announcements/audience');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.departments.map((d: { id: string }) => d.id).sort()).toEqual(
      [branch.id, s1.id, s2.id].sort(),
    );
    const people = body.users.map((u: { id: string }) => u.id);
    expect(people).toEqual(expect.arrayContaining([ids.a, ids.b, ids.c, senderUser.id]));
    expect(people).not.toContain(ids.o);
  });

  it('carries attachments: the sender attaches, recipients read them, others get 404', async () => {
    const sent = await send(sender, { userIds: [ids.a] });
    const body = (agent: Agent) => {
      const m = multipart(
        { entity: 'announcements', entityId: sent.id },
        { file: { name: '盘点表.pdf', content: pdf } },
      );
      return agent.request('POST', '/api/v1/files', m.payload, { headers: m.headers });
    };
    const up = await body(sender);
    expect(up.statusCode, up.body).toBe(201);
    expect((await body(store1)).statusCode).toBe(403);
    expect((await body(outsider)).statusCode).toBe(404);
    const list = await store1.get(`/api/v1/files?entity=announcements&entityId=${sent.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toHaveLength(1);
    expect((await outsider.get(`/api/v1/files?entity=announcements&entityId=${sent.id}`)).statusCode).toBe(
      404,
    );
  });

  it('sends the files uploaded while composing with it; an id that is not my upload is 400 and nothing is sent', async () => {
    const m = multipart({ entity: 'uploads' }, { file: { name: '通知附件.pdf', content: pdf } });
    const up = await sender.request('POST', '/api/v1/files', m.payload, { headers: m.headers });
    expect(up.statusCode, up.body).toBe(201);
    const title = unique('带附件');
    const bad = await sender.post('/api/v1/announcements', {
      kind: 'notice',
      title,
      content: '',
      userIds: [ids.b],
      fileIds: ['01000000-0000-7000-8000-000000000000'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('fileIds.0');
    expect(
      (await store2.get(`/api/v1/announcements?q=${encodeURIComponent(title)}`)).json().data,
    ).toHaveLength(0);
    const sent = await send(sender, {
      kind: 'notice',
      dueAt: undefined,
      title,
      userIds: [ids.b],
      fileIds: [up.json().id],
    });
    const files = await store2.get(`/api/v1/files?entity=announcements&entityId=${sent.id}`);
    expect(files.json().data.map((f: { name: string }) => f.name)).toEqual(['通知附件.pdf']);
  });
});
