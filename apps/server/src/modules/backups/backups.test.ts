import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, multipart } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { unpackArchive } from './archive.ts';
import { authz } from './authz.ts';
import { backupToFile, restoreFromFile } from './cli-service.ts';
import { runSchedule } from './schedule-service.ts';

describeAuthz(authz);

let t: TestContext;
let admin: Agent;

beforeAll(async () => {
  t = await createTestContext({}, { jobs: true });
  admin = await t.admin();
  await makeCustomer(admin, { name: '备份接口客户' });
});
afterAll(() => t.close());

async function settled(agent: Agent, url: string) {
  let job = (await agent.get(url)).json();
  for (let i = 0; i < 300 && ['queued', 'running'].includes(job.status); i++) {
    await new Promise((r) => setTimeout(r, 100));
    job = (await agent.get(url)).json();
  }
  return job;
}

async function backUp(agent: Agent, scope: 'tenant' | 'system' = 'tenant') {
  const started = await agent.post('/api/v1/backups', { scope });
  expect(started.statusCode, started.body).toBe(202);
  return settled(agent, `/api/v1/backups/${started.json().id}`);
}

const restore = (agent: Agent, archive: Buffer, fields: Record<string, string>) => {
  const body = multipart(fields, {
    file: { name: 'backup.tar.gz', content: archive, type: 'application/gzip' },
  });
  return agent.request('POST', '/api/v1/restores', body.payload, { headers: body.headers });
};

const customerCount = async (tenantId: string) =>
  (
    (await t.database.db.execute(sql`SELECT count(*)::int AS n FROM customers WHERE tenant_id = ${tenantId}`))
      .rows[0] as { n: number }
  ).n;

describe('backups over HTTP', () => {
  it('backs up the tenant as a job, serves the archive with its checksum, and restores it', async () => {
    const job = await backUp(admin);
    expect(job).toMatchObject({ status: 'done', scope: 'tenant', tenant: 'acme', trigger: 'manual' });
    const content = await admin.get(`/api/v1/backups/${job.id}/content`);
    expect(content.statusCode).toBe(200);
    const archive = content.rawPayload;
    expect(archive.length).toBe(job.size);
    expect(createHash('sha256').update(archive).digest('hex')).toBe(job.checksum);
    expect((await admin.get('/api/v1/backups')).json()[0].id).toBe(job.id);

    const before = await customerCount(t.tenant.id);
    await makeCustomer(admin, { name: '还原前新增' });
    expect((await restore(admin, archive, { mode: 'replace-tenant', confirm: 'ac' })).json().code).toBe(
      'RESTORE_CONFIRM_MISMATCH',
    );
    const started = await restore(admin, archive, { mode: 'replace-tenant', confirm: 'acme' });
    expect(started.statusCode, started.body).toBe(202);
    const done = await settled(admin, `/api/v1/restores/${started.json().id}`);
    expect(done).toMatchObject({ status: 'done', result: { scope: 'tenant', tenant: 'acme' } });
    expect(await customerCount(t.tenant.id)).toBe(before);
    const audit = await admin.get('/api/v1/audit-logs?entity=restores');
    expect(audit.json().data.some((e: { action: string }) => e.action === 'restore')).toBe(true);
  });

  it('a restore takes effect on sign-ins at once: restored roles are what the next request sees', async () => {
    const role = await makeRole(admin, ['customers:view']);
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const viewer = await t.login(u.username);
    expect((await viewer.get('/api/v1/customers?pageSize=1')).statusCode).toBe(200);
    const job = await backUp(admin);
    const archive = (await admin.get(`/api/v1/backups/${job.id}/content`)).rawPayload;
    const edited = await admin.patch(`/api/v1/roles/${role.id}`, { version: role.version, permissions: [] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await viewer.get('/api/v1/customers?pageSize=1')).statusCode).toBe(403);
    const started = await restore(admin, archive, { mode: 'replace-tenant', confirm: 'acme' });
    expect((await settled(admin, `/api/v1/restores/${started.json().id}`)).status).toBe('done');
    expect((await viewer.get('/api/v1/customers?pageSize=1')).statusCode).toBe(200);
  });

  it('refuses a tampered archive, and a whole-system restore into a system in use', async () => {
    const job = await backUp(admin);
    const archive = Buffer.from((await admin.get(`/api/v1/backups/${job.id}/content`)).rawPayload);
    archive[Math.floor(archive.length / 2)] ^= 0xff;
    const refused = await restore(admin, archive, { mode: 'replace-tenant', confirm: 'acme' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toMatch(/^BACKUP_(CHECKSUM_MISMATCH|MALFORMED)$/);
    const system = await backUp(admin, 'system');
    expect(system).toMatchObject({ status: 'done', scope: 'system' });
    const whole = (await admin.get(`/api/v1/backups/${system.id}/content`)).rawPayload;
    const manifest = JSON.parse(unpackArchive(whole).get('manifest.json')!.toString());
    expect(manifest.tables.find((x: { name: string }) => x.name === 'tenants').rows).toBe(2);
    expect((await restore(admin, whole, { mode: 'empty-system' })).json().code).toBe(
      'RESTORE_TARGET_NOT_EMPTY',
    );
  });

  it('keeps each tenant to its own: another tenant’s admin gets 404 and no system scope', async () => {
    const job = await backUp(admin);
    const otherAdmin = await t.login('admin', undefined, t.other.code);
    expect((await otherAdmin.get(`/api/v1/backups/${job.id}`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`/api/v1/backups/${job.id}/content`)).statusCode).toBe(404);
    expect((await otherAdmin.post('/api/v1/backups', { scope: 'system' })).statusCode).toBe(403);
    const archive = (await admin.get(`/api/v1/backups/${job.id}/content`)).rawPayload;
    expect((await restore(otherAdmin, archive, { mode: 'replace-tenant', confirm: 'acme' })).statusCode).toBe(
      403,
    );
    expect((await restore(otherAdmin, archive, { mode: 'empty-system' })).statusCode).toBe(403);
    // a role without system:backup
    const role = await makeRole(admin, ['customers:view']);
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const plain = await t.login(u.username);
    expect((await plain.get('/api/v1/backups')).statusCode).toBe(403);
    // the settings say who may back up the whole system (the page offers it only there)
    expect((await admin.get('/api/v1/backups/settings')).json().systemScope).toBe(true);
    expect((await otherAdmin.get('/api/v1/backups/settings')).json().systemScope).toBe(false);
    expect((await otherAdmin.delete(`/api/v1/backups/${job.id}`)).statusCode).toBe(404);
  });

  it('deletes an archive with its bytes, audited; one still queued is 409', async () => {
    const job = await backUp(admin);
    const res = await admin.delete(`/api/v1/backups/${job.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await admin.get(`/api/v1/backups/${job.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/backups/${job.id}/content`)).statusCode).toBe(404);
    const bytes = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM backup_chunks WHERE backup_id = ${job.id}`,
    );
    expect((bytes.rows[0] as { n: number }).n).toBe(0);
    const audit = (await admin.get('/api/v1/audit-logs?entity=backups')).json().data;
    expect(
      audit.some((e: { action: string; entityId: string }) => e.action === 'delete' && e.entityId === job.id),
    ).toBe(true);
    // a queued one (its job not yet taken) stays
    const queued = await t.database.db.execute(
      sql`INSERT INTO backups (id, tenant_id, scope, trigger, status) VALUES (gen_random_uuid(), ${t.tenant.id}, 'tenant', 'manual', 'queued') RETURNING id`,
    );
    const queuedId = (queued.rows[0] as { id: string }).id;
    expect((await admin.delete(`/api/v1/backups/${queuedId}`)).statusCode).toBe(409);
    await t.database.db.execute(sql`DELETE FROM backups WHERE id = ${queuedId}`);
  });
});

describe('scheduled backups (driven clock) and retention', () => {
  it('runs once a day at the tenant’s hour and keeps the last N scheduled archives', async () => {
    const put = await admin.put('/api/v1/backups/settings', { dailyHour: 2, keepLast: 2 });
    expect(put.statusCode, put.body).toBe(200);
    expect((await admin.get('/api/v1/backups/settings')).json()).toEqual({
      dailyHour: 2,
      keepLast: 2,
      systemScope: true,
    });
    const scheduled = async () =>
      ((await admin.get('/api/v1/backups')).json() as { trigger: string; createdAt: string }[]).filter(
        (b) => b.trigger === 'schedule',
      );
    // acme's zone is Asia/Shanghai (UTC+8): 02:00 there is 18:00 UTC the day before
    const key = t.config.serverKey.id;
    await runSchedule(t.database.db, t.config, key, new Date('2026-03-01T17:30:00Z')); // 01:30 there
    expect(await scheduled()).toHaveLength(0);
    await runSchedule(t.database.db, t.config, key, new Date('2026-03-01T18:10:00Z')); // 02:10
    await runSchedule(t.database.db, t.config, key, new Date('2026-03-01T20:00:00Z')); // same day: no second
    expect(await scheduled()).toHaveLength(1);
    for (const day of ['02', '03', '04'])
      await runSchedule(t.database.db, t.config, key, new Date(`2026-03-${day}T18:10:00Z`));
    const kept = await scheduled();
    expect(kept).toHaveLength(2);
    expect(kept.map((b) => b.createdAt.slice(0, 10))).toEqual(['2026-03-04', '2026-03-03']);
    // the deleted archives' bytes went with them
    const chunks = await t.database.db.execute(
      sql`SELECT count(DISTINCT backup_id)::int AS n FROM backup_chunks c
        WHERE NOT EXISTS (SELECT 1 FROM backups b WHERE b.id = c.backup_id)`,
    );
    expect((chunks.rows[0] as { n: number }).n).toBe(0);
  });
});

describe('CLI backup and restore', () => {
  it('writes a tenant archive to a file and restores it over the tenant', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-backup-'));
    try {
      const out = path.join(dir, 'acme.tar.gz');
      const written = await backupToFile(t.database.db, t.config, { tenant: 'acme', out });
      expect(written).toMatchObject({ scope: 'tenant' });
      const before = await customerCount(t.tenant.id);
      await makeCustomer(admin, { name: 'CLI 之后' });
      const result = await restoreFromFile(t.database.db, t.config, { file: out, tenant: 'acme' });
      expect(result.tables.customers).toBe(before);
      expect(await customerCount(t.tenant.id)).toBe(before);
      await expect(backupToFile(t.database.db, t.config, { out })).rejects.toThrow(/--tenant/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
