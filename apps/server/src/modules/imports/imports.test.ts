import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { deleteFile, storeFile } from '../../platform/chunk-store.ts';
import { type Agent, multipart } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { recoverInterrupted } from './run.ts';

/** A finished import drops its file; a rewound one needs it back. */
async function storeAgain(db: Db, id: string, content: string) {
  await deleteFile(db, 'imports', id);
  await storeFile(db, 'imports', id, [Buffer.from(content)]);
}

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext({}, { jobs: true });
  admin = await t.admin();
});
afterAll(() => t.close());

type Job = {
  status: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  errors: { row: number; field: string; message: string }[];
  message: string | null;
};

async function upload(
  url: string,
  fields: Record<string, string>,
  name: string,
  content: Buffer | string,
  headers: Record<string, string> = {},
) {
  const body = multipart(fields, { file: { name, content } });
  return admin.request('POST', url, body.payload, { headers: { ...body.headers, ...headers } });
}

async function waitFor(id: string): Promise<Job> {
  for (let i = 0; i < 600; i++) {
    const job = (await admin.get(`/api/v1/imports/${id}`)).json() as Job;
    if (['done', 'failed', 'interrupted'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

const csv = (rows: string[][]) =>
  rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');
const mapping = JSON.stringify({
  客户名称: 'name',
  手机: 'mobile',
  行业: 'industryId',
  地区: 'regionId',
  信用等级: 'credit',
  标签: 'tags',
  年营业额: 'annualTurnover',
});
const header = ['客户名称', '手机', '行业', '地区', '信用等级', '标签', '年营业额'];

describe('imports', () => {
  it('previews headers, auto-maps zh/en headers and reports problems of the first rows', async () => {
    const file = `\uFEFF${csv([
      ['Company name', '手机号', 'Industry', '备注列'],
      ['华为预览有限公司', '13800000001', '金融', 'x'],
      ['', '123', '不存在的行业', ''],
    ])}`;
    const res = await upload('/api/v1/imports/preview', { entity: 'customers' }, 'a.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.mapping).toEqual({ 'Company name': 'name', 手机号: 'mobile', Industry: 'industryId' });
    expect(body.rows).toHaveLength(2);
    const fields = body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(fields).toEqual(expect.arrayContaining(['3:name', '3:industryId']));
  });

  it('previews a CSV saved as GBK (Excel on Chinese Windows): Chinese headers and rows read right', async () => {
    // Python: '\r\n'.join(','.join(r) for r in rows).encode('gbk'), rows as expected below
    const file = Buffer.from(
      'bfcdbba7c3fbb3c62ccad6bbfa2cb5d8d6b70d0ac9eedbdaccdab7c9c3b3d2d7d3d0cfdeb9abcbbe2c31333830303030303030312c' +
        'b9e3b6abcaa1c9eedbdacad0c4cfc9bdc7f80d0ab1b1bea9bbaacfc4bfc6bcbcd3d0cfdeb9abcbbe2c31333930303030303030322c' +
        'b1b1bea9cad0baa3b5edc7f80d0a',
      'hex',
    );
    const res = await upload('/api/v1/imports/preview', { entity: 'customers' }, '客户.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.headers).toEqual(['客户名称', '手机', '地址']);
    expect(body.rows).toEqual([
      ['深圳腾飞贸易有限公司', '13800000001', '广东省深圳市南山区'],
      ['北京华夏科技有限公司', '13900000002', '北京市海淀区'],
    ]);
    expect(body.mapping).toMatchObject({ 客户名称: 'name', 手机: 'mobile' });
  });

  it('imports nothing when any row is bad, and reports every bad row', async () => {
    const rows = [header];
    for (let i = 0; i < 10_000; i++) {
      const bad = i % 1000 === 999; // 10 bad rows
      rows.push([
        bad ? '' : `导入测试${i}号贸易有限公司`,
        `139${String(10000000 + i)}`,
        '制造业',
        '广东省/深圳市/南山区',
        bad ? '9' : '3',
        '华南,重点',
        '1000.50',
      ]);
    }
    const res = await upload(
      '/api/v1/imports',
      { entity: 'customers', mode: 'skip', mapping },
      'big.csv',
      csv(rows),
    );
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitFor(res.json().id);
    expect(job).toMatchObject({ status: 'failed', total: 10_000, failed: 10, processed: 0, created: 0 });
    expect(job.errors.filter((e) => e.field === 'name').map((e) => e.row)).toEqual([
      1001, 2001, 3001, 4001, 5001, 6001, 7001, 8001, 9001, 10001,
    ]);
    const report = await admin.get(`/api/v1/imports/${res.json().id}/errors.csv`);
    expect(report.body).toContain('1001,"name"');
    const found = (await admin.get(`/api/v1/customers?q=${encodeURIComponent('导入测试1号')}`)).json();
    expect(found.total).toBe(0);
  });

  it('imports a clean file with numbers, dictionaries, regions and decimals; skip mode skips duplicates', async () => {
    const existing = await makeCustomer(admin, { name: '已存在的重复客户有限公司' });
    const tag = unique('导入');
    const file = csv([
      header,
      [`${tag}甲有限公司`, '13700000001', '制造业', '广东省 深圳市 南山区', '5', '华南、重点', '12345.60'],
      [`${tag}乙有限公司`, '', 'Finance', '北京市/朝阳区', '', '', ''],
      ['已存在的重复客户（有限公司）', '', '', '', '', '', ''],
    ]);
    const res = await upload(
      '/api/v1/imports',
      { entity: 'customers', mode: 'skip', mapping },
      'ok.csv',
      file,
    );
    const job = await waitFor(res.json().id);
    expect(job).toMatchObject({ status: 'done', total: 3, processed: 3, created: 2, skipped: 1, failed: 0 });
    const list = (await admin.get(`/api/v1/customers?q=${encodeURIComponent(tag)}`)).json().data as {
      name: string;
    }[];
    const [jia, yi] = [`${tag}甲有限公司`, `${tag}乙有限公司`].map((n) => list.find((c) => c.name === n)!);
    expect(jia).toMatchObject({
      name: `${tag}甲有限公司`,
      industryName: '制造业',
      regionName: '南山区',
      credit: 5,
      annualTurnover: '12345.60',
      tags: ['华南', '重点'],
    });
    expect((jia as unknown as { number: string }).number).toMatch(/^KH\d{8}-\d{4}$/);
    expect(yi).toMatchObject({ industryName: '金融', regionName: '朝阳区', type: 'direct', tags: [] });
    expect((await admin.get(`/api/v1/customers/${existing.id}`)).json().version).toBe(existing.version);
    // the search keys include the number allocated in the transaction
    const number = (jia as unknown as { number: string }).number;
    const byNumber = (await admin.get(`/api/v1/customers?q=${encodeURIComponent(number)}`)).json();
    expect(byNumber.data.map((c: { name: string }) => c.name)).toEqual([jia.name]);
    const audit = await t.database.db.execute(
      sql`SELECT summary, changes FROM audit_logs WHERE action = 'import' AND summary LIKE 'ok.csv:%'
        ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toMatchObject({
      summary: 'ok.csv: 1–3',
      changes: { created: [null, 2], updated: [null, 0], skipped: [null, 1] },
    });
  });

  it('update mode changes the matching customer; XLSX works like CSV; the same Idempotency-Key imports once', async () => {
    const c = await makeCustomer(admin, { name: unique('待更新有限公司') });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['Name', 'Mobile', 'Credit']);
    sheet.addRow([c.name, '13600000002', 4]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const fields = {
      entity: 'customers',
      mode: 'update',
      mapping: JSON.stringify({ Name: 'name', Mobile: 'mobile', Credit: 'credit' }),
    };
    const key = { 'idempotency-key': unique('key-12345') };
    const first = await upload('/api/v1/imports', fields, 'u.xlsx', xlsx, key);
    const again = await upload('/api/v1/imports', fields, 'u.xlsx', xlsx, key);
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await waitFor(first.json().id)).toMatchObject({ status: 'done', updated: 1, created: 0 });
    expect((await admin.get(`/api/v1/customers/${c.id}`)).json()).toMatchObject({
      mobile: '13600000002',
      credit: 4,
    });
  });

  it('update mode applies two rows of one customer in turn, each with its audit entry', async () => {
    const c = await makeCustomer(admin, { name: unique('两次更新有限公司') });
    const file = csv([
      ['客户名称', '手机', '信用等级'],
      [c.name, '13600000005', ''],
      [c.name, '', '2'],
    ]);
    const res = await upload(
      '/api/v1/imports',
      {
        entity: 'customers',
        mode: 'update',
        mapping: JSON.stringify({ 客户名称: 'name', 手机: 'mobile', 信用等级: 'credit' }),
      },
      'twice.csv',
      file,
    );
    expect(await waitFor(res.json().id)).toMatchObject({ status: 'done', updated: 2, created: 0 });
    const after = (await admin.get(`/api/v1/customers/${c.id}`)).json();
    expect(after).toMatchObject({ mobile: '13600000005', credit: 2, version: c.version + 2 });
    const audit = await t.database.db.execute(
      sql`SELECT changes FROM audit_logs WHERE entity = 'customers' AND entity_id = ${c.id}
        AND action = 'update' ORDER BY id`,
    );
    expect(audit.rows.map((r) => Object.keys((r as { changes: object }).changes).sort())).toEqual([
      ['mobile'],
      ['credit'],
    ]);
  });

  it('a row repeating a customer of an earlier batch is a duplicate of it', async () => {
    const tag = unique('跨批');
    const rows = [
      header,
      ...Array.from({ length: 600 }, (_, i) => [`${tag}${i}号有限公司`, '', '', '', '', '', '']),
    ];
    rows[551] = [`${tag}0号有限公司`, '', '', '', '', '', '']; // row 552 repeats row 2, 500 rows before it
    const res = await upload(
      '/api/v1/imports',
      { entity: 'customers', mode: 'skip', mapping },
      'x.csv',
      csv(rows),
    );
    expect(await waitFor(res.json().id)).toMatchObject({
      status: 'done',
      processed: 600,
      created: 599,
      skipped: 1,
    });
    const numbers = await t.database.db.execute(
      sql`SELECT count(DISTINCT number)::int8 AS n FROM customers WHERE name LIKE ${`${tag}%`}`,
    );
    expect(Number((numbers.rows[0] as { n: number }).n)).toBe(599);
  });

  it('imports contacts onto customers by number or name', async () => {
    const c = await makeCustomer(admin, { name: unique('联系人导入公司') });
    const file = csv([
      ['客户', '姓名', '性别', '手机', '主联系人'],
      [c.number as string, '赵六', '男', '13500000003', '是'],
      [c.name, '钱七', '女', '13500000004', ''],
      ['没有这个客户', '孙八', '', '', ''],
    ]);
    const mappingC = JSON.stringify({
      客户: 'customerId',
      姓名: 'name',
      性别: 'gender',
      手机: 'mobile',
      主联系人: 'isPrimary',
    });
    const bad = await waitFor(
      (
        await upload(
          '/api/v1/imports',
          { entity: 'contacts', mode: 'skip', mapping: mappingC },
          'c.csv',
          file,
        )
      ).json().id,
    );
    expect(bad).toMatchObject({ status: 'failed', failed: 1, errors: [{ row: 4, field: 'customerId' }] });
    const good = file.split('\n').slice(0, 3).join('\n');
    const ok = await waitFor(
      (
        await upload(
          '/api/v1/imports',
          { entity: 'contacts', mode: 'skip', mapping: mappingC },
          'c.csv',
          good,
        )
      ).json().id,
    );
    expect(ok).toMatchObject({ status: 'done', created: 2 });
    const contacts = (await admin.get(`/api/v1/customers/${c.id}/contacts`)).json().data;
    expect(
      contacts.map((x: { name: string; isPrimary: boolean }) => `${x.name}${x.isPrimary ? '*' : ''}`).sort(),
    ).toEqual(['赵六*', '钱七']);
  });

  it('refuses to change an invalidated customer (失效): no update, no new contacts, nothing written', async () => {
    const c = await makeCustomer(admin, { name: unique('已失效导入公司') });
    await admin.post(`/api/v1/customers/${c.id}/invalidate`, { reason: '已注销' });
    const updating = await waitFor(
      (
        await upload(
          '/api/v1/imports',
          {
            entity: 'customers',
            mode: 'update',
            mapping: JSON.stringify({ 客户名称: 'name', 手机: 'mobile' }),
          },
          'u.csv',
          csv([
            ['客户名称', '手机'],
            [c.name, '13600000009'],
          ]),
        )
      ).json().id,
    );
    expect(updating).toMatchObject({ status: 'failed', updated: 0, errors: [{ row: 2, field: 'name' }] });
    expect(updating.errors[0].message).toContain('已失效');
    const adding = await waitFor(
      (
        await upload(
          '/api/v1/imports',
          { entity: 'contacts', mode: 'skip', mapping: JSON.stringify({ 客户: 'customerId', 姓名: 'name' }) },
          'c.csv',
          csv([
            ['客户', '姓名'],
            [c.number as string, '周九'],
          ]),
        )
      ).json().id,
    );
    expect(adding).toMatchObject({ status: 'failed', created: 0, errors: [{ row: 2, field: 'customerId' }] });
    expect(adding.errors[0].message).toContain('已失效');
    expect((await admin.get(`/api/v1/customers/${c.id}`)).json().mobile).toBeNull();
    expect((await admin.get(`/api/v1/customers/${c.id}/contacts`)).json().data).toEqual([]);
  });

  it('refuses a duplicate the importer may not create (no force_duplicate) or not change (out of scope), saying why', async () => {
    const dept = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const role = await makeRole(
      admin,
      ['customers:view', 'customers:create', 'customers:edit', 'customers:import'],
      { customers: 'own' },
    );
    const seller = await t.login(
      (await makeUser(admin, { departmentId: dept.id, roleIds: [role.id] })).username,
    );
    const theirs = await makeCustomer(admin, { name: unique('别人的导入公司') });
    const importAs = async (mode: string) => {
      const body = multipart(
        { entity: 'customers', mode, mapping: JSON.stringify({ 客户名称: 'name' }) },
        { file: { name: 'd.csv', content: csv([['客户名称'], [theirs.name]]) } },
      );
      const res = await seller.request('POST', '/api/v1/imports', body.payload, { headers: body.headers });
      expect(res.statusCode, res.body).toBe(202);
      for (let i = 0; i < 600; i++) {
        const job = (await seller.get(`/api/v1/imports/${res.json().id}`)).json() as Job;
        if (['done', 'failed', 'interrupted'].includes(job.status)) return job;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('import did not finish');
    };
    const creating = await importAs('create');
    expect(creating).toMatchObject({ status: 'failed', created: 0, errors: [{ row: 2, field: 'name' }] });
    expect(creating.errors[0].message).toBe(`与已有客户重复：${theirs.name}`);
    const updating = await importAs('update');
    expect(updating).toMatchObject({ status: 'failed', updated: 0, errors: [{ row: 2, field: 'name' }] });
    expect(updating.errors[0].message).toBe(`与您无权修改的客户重复：${theirs.name}`);
    expect((await importAs('skip')).status).toBe('done');
  });

  it('after a crash mid-import says exactly how many rows are in, and resumes after them', async () => {
    const tag = unique('断点');
    const rows = [
      header,
      ...Array.from({ length: 1200 }, (_, i) => [`${tag}${i}号有限公司`, '', '', '', '', '', '']),
    ];
    // store the import without letting the worker run it: no jobs on this agent's request path
    const { id } = (
      await upload('/api/v1/imports', { entity: 'customers', mode: 'skip', mapping }, 'crash.csv', csv(rows))
    ).json();
    // the worker may already be on it: wait until it finishes, then rewind it as a crash after 500 rows would leave it
    await waitFor(id);
    const db = t.database.db;
    const created = await db.execute(
      sql`SELECT id FROM customers WHERE name LIKE ${`${tag}%`} ORDER BY number`,
    );
    const keep = (created.rows as { id: string }[]).slice(0, 500).map((r) => r.id);
    await db.execute(
      sql`DELETE FROM customers WHERE name LIKE ${`${tag}%`} AND NOT (id = ANY(${sql`ARRAY[${sql.join(
        keep.map((k) => sql`${k}::uuid`),
        sql`, `,
      )}]`}))`,
    );
    await db.execute(
      sql`UPDATE imports SET status = 'importing', processed = 500, created = 500, finished_at = NULL WHERE id = ${id}`,
    );
    await storeAgain(db, id, csv(rows));
    await recoverInterrupted(db);
    const cut = (await admin.get(`/api/v1/imports/${id}`)).json();
    expect(cut).toMatchObject({ status: 'interrupted', processed: 500, created: 500 });
    expect(cut.message).toContain('500');
    const resumed = await admin.post(`/api/v1/imports/${id}/resume`);
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(await waitFor(id)).toMatchObject({ status: 'done', processed: 1200, created: 1200 });
    const count = await db.execute(
      sql`SELECT count(*)::int8 AS n FROM customers WHERE name LIKE ${`${tag}%`}`,
    );
    expect(Number((count.rows[0] as { n: number }).n)).toBe(1200);
    expect((await admin.post(`/api/v1/imports/${id}/resume`)).json().code).toBe('IMPORT_NOT_RESUMABLE');
  });

  it('refuses files it cannot read and mappings without the required fields', async () => {
    const noName = await upload(
      '/api/v1/imports',
      { entity: 'customers', mode: 'skip', mapping: JSON.stringify({ 手机: 'mobile' }) },
      'x.csv',
      csv([['手机'], ['1']]),
    );
    expect(noName.json().code).toBe('VALIDATION_FAILED');
    const pdf = await upload('/api/v1/imports/preview', { entity: 'customers' }, 'x.pdf', 'hello');
    expect(pdf.json().code).toBe('IMPORT_FILE_INVALID');
    const broken = await upload('/api/v1/imports/preview', { entity: 'customers' }, 'x.xlsx', 'not a zip');
    expect(broken.json().code).toBe('IMPORT_FILE_INVALID');
  });
});

describeAuthz(authz);
