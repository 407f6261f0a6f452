import { exportLimits } from '@guanxi/contract';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPrincipal } from '../../platform/auth/hook.ts';
import { findUserPrincipal } from '../../platform/auth/principal-repository.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Agent } from '../../test/agent.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { exportCustomers } from './export.ts';
import { customers } from './schema.ts';

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

  it('downloads directly up to 5,000 rows; a bigger list is 413 EXPORT_TOO_LARGE before the file starts (a job instead)', async () => {
    const tag = unique('大量');
    const model = (await makeCustomer(admin, { name: `${tag}0`, tags: [tag] })) as { id: string };
    const [row] = await t.database.db.select().from(customers).where(eq(customers.id, model.id));
    // 4,999 copies of it written straight to the table (the API would take minutes): 5,000 in all
    const copies = Array.from({ length: exportLimits.directRows - 1 }, (_, i) => ({
      ...row,
      id: uuidv7(),
      name: `${tag}${i + 1}`,
      number: `${row.number}-${i + 1}`,
      nameKey: `${row.nameKey}${i + 1}`,
    }));
    for (let i = 0; i < copies.length; i += 1000)
      await t.database.db.insert(customers).values(copies.slice(i, i + 1000));
    const url = `/api/v1/customers/export?format=csv&tag=${encodeURIComponent(tag)}`;
    const fits = await admin.get(url);
    expect(fits.statusCode).toBe(200);
    expect(parseCsv(fits.body)).toHaveLength(exportLimits.directRows + 1);
    await makeCustomer(admin, { name: `${tag}last`, tags: [tag] });
    const over = await admin.get(url);
    expect(over.statusCode).toBe(413);
    expect(over.json()).toMatchObject({
      code: 'EXPORT_TOO_LARGE',
      details: { limit: exportLimits.directRows },
    });
    expect(over.headers['content-type']).toContain('application/json');
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
