import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext({}, { jobs: true });
  admin = await t.admin();
});
afterAll(() => t.close());

describe('export jobs (large lists)', () => {
  it('runs in the background with progress, then serves the file to its owner only', async () => {
    const tag = unique('大导出');
    for (let i = 0; i < 12; i++) await makeCustomer(admin, { name: `${tag}${i}`, tags: [tag] });
    const started = await admin.post('/api/v1/customers/exports', { format: 'csv', query: { tag } });
    expect(started.statusCode, started.body).toBe(202);
    const { id } = started.json();
    let job = (await admin.get(`/api/v1/exports/${id}`)).json();
    for (let i = 0; i < 100 && ['queued', 'running'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await admin.get(`/api/v1/exports/${id}`)).json();
    }
    expect(job).toMatchObject({ status: 'done', total: 12, processed: 12 });
    const file = await admin.get(`/api/v1/exports/${id}/file`);
    expect(file.statusCode).toBe(200);
    const lines = file.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(13);
    const role = await makeRole(admin, ['customers:view', 'customers:export']);
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const other = await t.login(u.username);
    expect((await other.get(`/api/v1/exports/${id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/exports/${id}/file`)).statusCode).toBe(404);
    const bad = await admin.post('/api/v1/customers/exports', {
      format: 'csv',
      query: { createdIn: 'someday' },
    });
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });
});

describeAuthz(authz);

describe('export jobs in flight are limited per user and per tenant', () => {
  let q: TestContext;
  beforeAll(async () => {
    // the queue is not worked: every export stays queued, in flight
    q = await createTestContext({}, { jobs: 'queue-only' });
  });
  afterAll(() => q.close());

  it('a user gets 3 at a time, a tenant 10; the rest are 429 TOO_MANY_EXPORTS, and a dead one stops counting', async () => {
    const boss = await q.admin();
    const start = (agent: Agent) => agent.post('/api/v1/customers/exports', { format: 'xlsx', query: {} });
    const first = await Promise.all([0, 1, 2, 3].map(() => start(boss)));
    expect(first.map((r) => r.statusCode).sort()).toEqual([202, 202, 202, 429]);
    const refused = first.find((r) => r.statusCode === 429)!;
    expect(refused.json()).toMatchObject({ code: 'TOO_MANY_EXPORTS', details: { limit: 3, per: 'user' } });
    // the tenant's limit: three more users take it to 10, the 11th is refused whoever asks
    const role = await makeRole(boss, ['customers:view', 'customers:export']);
    const users: Agent[] = [];
    for (let i = 0; i < 3; i++) {
      const u = await makeUser(boss, { departmentId: q.tenant.rootDepartmentId, roleIds: [role.id] });
      users.push(await q.login(u.username));
    }
    const codes: number[] = [];
    for (const agent of users) for (let i = 0; i < 3; i++) codes.push((await start(agent)).statusCode);
    expect(codes.filter((c) => c === 202)).toHaveLength(7);
    expect(codes.slice(7)).toEqual([429, 429]);
    expect((await start(users[2])).json()).toMatchObject({ details: { limit: 10, per: 'tenant' } });
    // another tenant is not affected
    const otherAdmin = await q.login('admin', undefined, q.other.code);
    expect((await start(otherAdmin)).statusCode).toBe(202);
    // an export whose process died while running (no sign of life for 15 minutes) no longer
    // holds a place; one still waiting its turn does
    await q.database.db.execute(
      sql`UPDATE exports SET updated_at = now() - interval '16 minutes' WHERE user_id = ${q.tenant.adminId}`,
    );
    expect((await start(boss)).statusCode).toBe(429);
    await q.database.db.execute(
      sql`UPDATE exports SET status = 'running', updated_at = now() - interval '16 minutes'
        WHERE id = (SELECT id FROM exports WHERE user_id = ${q.tenant.adminId} LIMIT 1)`,
    );
    expect((await start(boss)).statusCode).toBe(202);
  });
});
