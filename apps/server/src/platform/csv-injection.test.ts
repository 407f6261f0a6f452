import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../test/agent.ts';
import { makeCustomer, unique } from '../test/factories.ts';
import { createTestContext, type TestContext } from '../test/test-app.ts';
import { uuidv7 } from './ids.ts';
import { csvSafe } from './table-file.ts';

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext({}, { jobs: true });
  admin = await t.admin();
});
afterAll(() => t.close());

/** Names a spreadsheet would run as formulas (OWASP CSV injection). */
const names = ['=HYPERLINK("http://x","y")', '@SUM(1)', "+cmd|' /C calc'!A0", '-2+3'];
/** Customer names are trimmed, so a leading tab or CR reaches a CSV only through other text. */
const formulas = [...names, '\t=1+1', '\r=1+1'];

const rowsOf = (body: string) =>
  parse(body.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];

async function customersNamed(tag: string) {
  for (const name of names) await makeCustomer(admin, { name, tags: [tag] });
}

/** The export's name column, header dropped, sorted. */
const namesIn = (rows: string[][]) =>
  rows
    .slice(1)
    .map((r) => r[1])
    .sort();

describe('CSV formula injection (issue 11, finding 6)', () => {
  it('text cells that start a formula are prefixed with an apostrophe; numbers and numeric text are not', () => {
    for (const f of formulas) expect(csvSafe(f)).toBe(`'${f}`);
    expect(csvSafe('深圳=市')).toBe('深圳=市');
    expect(csvSafe(-12.5)).toBe(-12.5);
    expect(csvSafe('-1200.50')).toBe('-1200.50'); // money is a decimal string: a number, not a formula
    expect(csvSafe('+8613800000000')).toBe('+8613800000000');
    expect(csvSafe('-1200.50+1')).toBe("'-1200.50+1");
    expect(csvSafe('')).toBe('');
  });

  it('the customer export in CSV neutralises them; in XLSX they are strings equal to the names', async () => {
    const tag = unique('公式');
    await customersNamed(tag);
    const csv = await admin.get(`/api/v1/customers/export?format=csv&tag=${encodeURIComponent(tag)}`);
    expect(csv.statusCode).toBe(200);
    expect(namesIn(rowsOf(csv.body))).toEqual(names.map((f) => `'${f}`).sort());

    const xlsx = await admin.get(`/api/v1/customers/export?format=xlsx&tag=${encodeURIComponent(tag)}`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const cells: { type: number; value: unknown }[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) cells.push({ type: row.getCell(2).type, value: row.getCell(2).value });
    });
    expect(cells.map((c) => c.value).sort()).toEqual([...names].sort());
    for (const c of cells) expect(c.type).toBe(ExcelJS.ValueType.String);
  });

  it('an export job’s CSV file neutralises them too', async () => {
    const tag = unique('公式任务');
    await customersNamed(tag);
    const started = await admin.post('/api/v1/customers/exports', { format: 'csv', query: { tag } });
    expect(started.statusCode, started.body).toBe(202);
    const { id } = started.json();
    let job = (await admin.get(`/api/v1/exports/${id}`)).json();
    for (let i = 0; i < 100 && ['queued', 'running'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await admin.get(`/api/v1/exports/${id}`)).json();
    }
    expect(job.status).toBe('done');
    const file = await admin.get(`/api/v1/exports/${id}/file`);
    expect(namesIn(rowsOf(file.body))).toEqual(names.map((f) => `'${f}`).sort());
  });

  it('the import error report neutralises its cells', async () => {
    const id = uuidv7();
    const errors = formulas.map((f, i) => ({ row: i + 2, field: f, message: f }));
    await t.database.db.execute(sql`
      INSERT INTO imports (id, tenant_id, user_id, entity, mode, mapping, file_name, format, status, failed, errors)
      VALUES (${id}, ${t.tenant.id}, ${t.tenant.adminId}, 'customers', 'skip', '{}'::jsonb, 'x.csv', 'csv',
              'failed', ${errors.length}, ${JSON.stringify(errors)}::jsonb)`);
    const report = await admin.get(`/api/v1/imports/${id}/errors.csv`);
    expect(report.statusCode).toBe(200);
    const rows = rowsOf(report.body).slice(1);
    expect(rows).toEqual(formulas.map((f, i) => [String(i + 2), `'${f}`, `'${f}`]));
  });
});
