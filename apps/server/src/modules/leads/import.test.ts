import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, multipart } from '../../test/agent.ts';
import { makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

/** Leads through the import framework (XLSX/CSV, mapping, checks, all-or-nothing, the rules). */
let t: TestContext;
let admin: Agent;
let marketer: Agent;
let southUserId: string;
let sourceName: string;

beforeAll(async () => {
  t = await createTestContext({}, { jobs: true });
  admin = await t.admin();
  const south = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const sales = await makeRole(admin, ['leads:view'], { leads: 'own' });
  southUserId = (await makeUser(admin, { departmentId: south.id, roleIds: [sales.id] })).id;
  // leads from Guangdong go to the south department; others fall into the pool
  for (const r of (await admin.get('/api/v1/leads/rules')).json().data as { id: string; version: number }[])
    await admin.patch(`/api/v1/leads/rules/${r.id}`, { version: r.version, active: false });
  const rule = await admin.post('/api/v1/leads/rules', {
    name: unique('华南'),
    priority: 1,
    regionCode: '440000',
    departmentId: south.id,
  });
  expect(rule.statusCode, rule.body).toBe(201);
  sourceName = (await admin.get('/api/v1/dictionaries/customer-source/items')).json().data[0].name;
  // a 市场专员: may import leads, not customers
  const role = await makeRole(admin, ['leads:view', 'leads:import'], { leads: 'all' });
  const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
  marketer = await t.login(u.username);
});
afterAll(() => t.close());

const csv = (rows: string[][]) =>
  `\uFEFF${rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n')}`;
const header = ['线索名称', '联系人', '手机', '邮箱', '线索来源', '地区', '市场活动', '备注'];

function upload(agent: Agent, url: string, fields: Record<string, string>, content: string) {
  const body = multipart(fields, { file: { name: 'leads.csv', content } });
  return agent.request('POST', url, body.payload, { headers: body.headers });
}

async function run(agent: Agent, content: string) {
  const preview = await upload(agent, '/api/v1/imports/preview', { entity: 'leads' }, content);
  expect(preview.statusCode, preview.body).toBe(200);
  const started = await upload(
    agent,
    '/api/v1/imports',
    { entity: 'leads', mode: 'skip', mapping: JSON.stringify(preview.json().mapping) },
    content,
  );
  expect(started.statusCode, started.body).toBe(202);
  for (let i = 0; i < 300; i++) {
    const job = (await agent.get(`/api/v1/imports/${started.json().id}`)).json();
    if (['done', 'failed', 'interrupted'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

async function leadsNamed(name: string) {
  const res = await admin.get(`/api/v1/leads?q=${encodeURIComponent(name)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as { name: string; ownerId: string | null; status: string; [k: string]: unknown }[];
}

describe('importing leads', () => {
  it('maps Chinese headers to the lead fields in the preview', async () => {
    const res = await upload(
      marketer,
      '/api/v1/imports/preview',
      { entity: 'leads' },
      csv([
        header,
        ['预览公司', '张三', '13800000001', 'a@example.com', sourceName, '广东省/深圳市', '', ''],
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mapping).toEqual({
      线索名称: 'name',
      联系人: 'contactName',
      手机: 'mobile',
      邮箱: 'email',
      线索来源: 'source',
      地区: 'regionCode',
      市场活动: 'campaignId',
      备注: 'remark',
    });
    expect(res.json().errors).toEqual([]);
  });

  it('needs leads:import for leads and customers:import for customers; any of them for the list', async () => {
    const customers = await upload(
      marketer,
      '/api/v1/imports/preview',
      { entity: 'customers' },
      csv([['客户名称'], ['x']]),
    );
    expect(customers.statusCode).toBe(403);
    expect((await marketer.get('/api/v1/imports')).statusCode).toBe(200);
    const bare = await makeRole(admin, ['leads:view'], { leads: 'all' });
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [bare.id] });
    const nobody = await t.login(u.username);
    expect((await nobody.get('/api/v1/imports')).statusCode).toBe(403);
    const leads = await upload(nobody, '/api/v1/imports/preview', { entity: 'leads' }, csv([header]));
    expect(leads.json().code).toBe('FORBIDDEN');
  });

  it('imports nothing when a row is bad, naming each bad row', async () => {
    const tag = unique('坏文件');
    const job = await run(
      marketer,
      csv([
        header,
        [`${tag}甲`, '张三', '13800000001', '', sourceName, '广东省/深圳市', '', ''],
        ['', '李四', '13800000002', '', '', '', '', ''],
        [`${tag}丙`, '', '', '', '', '', '不存在的活动', ''],
        [`${tag}丁`, '', '', 'not-an-email', '不存在的来源', '', '', ''],
      ]),
    );
    expect(job.status).toBe('failed');
    expect(job.created).toBe(0);
    expect(job.failed).toBe(3);
    expect(job.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(
      expect.arrayContaining(['3:name', '4:campaignId', '5:source', '5:email']),
    );
    expect(await leadsNamed(tag)).toEqual([]);
  });

  it('creates the leads of a good file through the assignment rules (else the pool), audited', async () => {
    const tag = unique('好文件');
    const job = await run(
      marketer,
      csv([
        header,
        [`${tag}深圳`, '张三', '13800000011', 'z@example.com', sourceName, '广东省 深圳市', '', '展会名片'],
        [`${tag}上海`, '李四', '13800000012', '', '', '上海市', '', ''],
      ]),
    );
    expect(job, JSON.stringify(job.errors)).toMatchObject({ status: 'done', created: 2, processed: 2 });
    const found = await leadsNamed(tag);
    const shenzhen = found.find((l) => l.name === `${tag}深圳`)!;
    expect(shenzhen).toMatchObject({
      ownerId: southUserId,
      status: 'assigned',
      contactName: '张三',
      mobile: '13800000011',
      sourceName,
      regionCode: expect.stringMatching(/^4403/), // the region dictionary's own code
      remark: '展会名片',
    });
    expect(found.find((l) => l.name === `${tag}上海`)).toMatchObject({
      ownerId: null,
      inPool: true,
      status: 'new',
    });
    const log = (await admin.get(`/api/v1/leads/${shenzhen.id}/activities`)).json().data;
    expect(log).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'created', content: 'import' })]),
    );
    const audit = await t.database.db.execute(
      sql`SELECT action, entity, summary FROM audit_logs WHERE entity = 'leads'
        AND (summary LIKE ${`${tag}%`} OR (action = 'import' AND summary LIKE 'leads.csv:%'))`,
    );
    const actions = (audit.rows as { action: string }[]).map((r) => r.action).sort();
    expect(actions).toEqual(['create', 'create', 'import']);
  });
});
