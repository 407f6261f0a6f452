import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPrincipal } from '../../platform/auth/hook.ts';
import { findUserPrincipal } from '../../platform/auth/principal-repository.ts';
import type { Agent } from '../../test/agent.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { exportCustomers } from './export.ts';

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

const parseCsv = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n')
    .map((l) => l.split(','));

describe('customer export', () => {
  it('streams the filtered list as CSV in the caller’s language, audited', async () => {
    const tag = unique('导出');
    for (let i = 0; i < 30; i++) await makeCustomer(admin, { name: `${tag}${i}`, tags: [tag] });
    const res = await admin.get(`/api/v1/customers/export?format=csv&tag=${encodeURIComponent(tag)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const rows = parseCsv(res.body);
    expect(rows[0].slice(0, 2)).toEqual(['客户编号', '客户名称']);
    expect(rows).toHaveLength(31);
    const en = await admin
      .with({ 'accept-language': 'en-US' })
      .get(`/api/v1/customers/export?format=csv&tag=${encodeURIComponent(tag)}`);
    expect(parseCsv(en.body)[0].slice(0, 2)).toEqual(['Number', 'Name']);
    const audit = (await admin.get('/api/v1/audit-logs?action=export&pageSize=5')).json().data;
    expect(audit[0]).toMatchObject({ action: 'export', entity: 'customers', summary: '30 (csv)' });
  });

  it('pages by keyset without losing or repeating rows, even with equal timestamps', async () => {
    const tag = unique('批次');
    for (let i = 0; i < 23; i++) await makeCustomer(admin, { name: `${tag}${i}`, tags: [tag] });
    // make ties: several customers share one created_at
    await t.database.db.execute(
      sql`UPDATE customers SET created_at = '2026-01-01T00:00:00.123456Z' WHERE ${tag} = ANY(tags) AND name LIKE ${`${tag}1%`}`,
    );
    const row = await findUserPrincipal(t.database.db, t.tenant.id, t.tenant.adminId);
    const p = toPrincipal(row!, 'job');
    const caller = {
      p,
      actor: { tenantId: p.tenantId, userId: p.userId, userName: p.name },
      timeZone: 'Asia/Shanghai',
    };
    const chunks: Buffer[] = [];
    for await (const chunk of exportCustomers(t.database.db, caller, { tag }, 'csv', 'zh-CN', 4))
      chunks.push(Buffer.from(chunk));
    const names = parseCsv(Buffer.concat(chunks).toString())
      .slice(1)
      .map((r) => r[1]);
    expect(names).toHaveLength(23);
    expect(new Set(names).size).toBe(23);
  });

  it('writes XLSX and applies scope and field permissions (hidden columns gone, masked values masked)', async () => {
    const dept = await makeDepartment(admin, t.tenant.rootDepartmentId);
    const role = await makeRole(
      admin,
      ['customers:view', 'customers:create', 'customers:export'],
      { customers: 'own' },
      {
        fieldPermissions: { customers: { mobile: 'masked', taxNumber: 'hidden' } },
      },
    );
    const u = await makeUser(admin, { departmentId: dept.id, roleIds: [role.id] });
    const seller = await t.login(u.username);
    const mine = await makeCustomer(admin, {
      ownerId: u.id,
      mobile: '13912345678',
      taxNumber: '91440300MA5ABCDE12',
    });
    await makeCustomer(admin, { name: unique('别人的') });
    const res = await seller.request('GET', '/api/v1/customers/export?format=xlsx');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).not.toContain('税号');
    expect(sheet.rowCount).toBe(2);
    const row = (sheet.getRow(2).values as string[]).slice(1);
    expect(row[header.indexOf('客户名称')]).toBe(mine.name);
    expect(row[header.indexOf('手机')]).toBe('139****5678');
  });
});
