import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, multipart } from '../../test/agent.ts';
import { makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
let mine: Agent;
let mineId: string;
let theirs: Agent;

const text = (s: string) => ({ name: `${s}.txt`, content: Buffer.from(`${s}\n`), type: 'text/plain' });

function uploadOwn(agent: Agent, name: string, fields: Record<string, string> = { entity: 'uploads' }) {
  const body = multipart(fields, { file: text(name) });
  return agent.request('POST', '/api/v1/files', body.payload, { headers: body.headers });
}

const chunks = async (id: string) =>
  (
    (await t.database.db.execute(`SELECT count(*)::int AS n FROM file_chunks WHERE file_id = '${id}'`))
      .rows[0] as { n: number }
  ).n;

beforeAll(async () => {
  t = await createTestContext();
  const admin = await t.admin();
  const role = await makeRole(admin, ['customers:view'], { customers: 'own' });
  const a = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
  const b = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
  mineId = a.id;
  mine = await t.login(a.username);
  theirs = await t.login(b.username);
});
afterAll(() => t.close());

describe('uploads for a record not yet saved', () => {
  it('are the uploader’s own: listed and downloaded by them only', async () => {
    const res = await uploadOwn(mine, '草稿附件');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ entity: 'uploads', entityId: mineId, name: '草稿附件.txt' });
    const id = res.json().id as string;
    const own = await mine.get(`/api/v1/files?entity=uploads&entityId=${mineId}`);
    expect(own.json().data.map((f: { id: string }) => f.id)).toContain(id);
    expect((await theirs.get(`/api/v1/files?entity=uploads&entityId=${mineId}`)).statusCode).toBe(404);
    expect((await theirs.get(`/api/v1/files/${id}/content`)).statusCode).toBe(404);
    expect((await theirs.delete(`/api/v1/files/${id}`)).statusCode).toBe(404);
    // nobody uploads into another person's tray
    const into = await uploadOwn(theirs, '塞进别人', { entity: 'uploads', entityId: mineId });
    expect(into.statusCode).toBe(404);
  });

  it('left unclaimed for a day are removed, bytes too, at the uploader’s next upload', async () => {
    const old = (await uploadOwn(mine, '昨天的')).json().id as string;
    const fresh = (await uploadOwn(mine, '刚才的')).json().id as string;
    expect(await chunks(old)).toBeGreaterThan(0);
    await t.database.db.execute(
      `UPDATE files SET created_at = now() - interval '25 hours' WHERE id = '${old}'`,
    );
    expect((await uploadOwn(mine, '今天的')).statusCode).toBe(201);
    const left = (await mine.get(`/api/v1/files?entity=uploads&entityId=${mineId}`)).json().data as {
      id: string;
    }[];
    expect(left.some((f) => f.id === old)).toBe(false);
    expect(left.some((f) => f.id === fresh)).toBe(true);
    expect(await chunks(old)).toBe(0);
  });
});
