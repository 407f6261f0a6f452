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
