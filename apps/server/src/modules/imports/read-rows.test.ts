/**
 * Text that crosses a chunk boundary: a Chinese character's three UTF-8 bytes split between two
 * inflated chunks of an XLSX part (or two chunks of a CSV upload) must read back whole, never as
 * U+FFFD.
 */
import { Readable, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsxWriter } from '../../platform/xlsx-writer.ts';
import { readRows } from './read-rows.ts';

const ROWS = 5000;
const HEADER = ['客户名称', '联系人', '地址'];
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬';

/** `ROWS` rows of distinct Chinese text (names, contacts, addresses), 3 UTF-8 bytes a character. */
function chineseRows(): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < ROWS; i++) {
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`;
    rows.push([
      `${name}贸易有限公司${i}号`,
      `${name}${'经理主任'.slice(i % 3, (i % 3) + 2)}`,
      `广东省深圳市南山区科技园${i % 97}栋${i}室`,
    ]);
  }
  return rows;
}

function collector() {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks) };
}

async function read(input: Readable, format: 'csv' | 'xlsx'): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of readRows(input, format, { maxRows: ROWS + 10 })) rows.push(row);
  return rows;
}

function expectSame(got: string[][], want: string[][]) {
  expect(got.flat().filter((v) => v.includes('\uFFFD'))).toEqual([]);
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    if (got[i].join('|') !== want[i].join('|')) expect(got[i]).toEqual(want[i]);
}

describe('readRows: characters split across chunks', () => {
  const rows = chineseRows();
  const all = [HEADER, ...rows];

  it('XLSX with inline strings (xlsxWriter): every value as written', async () => {
    const { out, bytes } = collector();
    const w = xlsxWriter(out, { sheet: '客户' });
    await w.addRow(HEADER);
    for (let i = 0; i < rows.length; i += 500) await w.addRows(rows.slice(i, i + 500));
    await w.end();
    expectSame(await read(Readable.from([bytes()]), 'xlsx'), all);
  });

  it('XLSX with shared strings before the sheet (exceljs Workbook)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('客户');
    for (const row of all) sheet.addRow(row);
    const file = Buffer.from(await book.xlsx.writeBuffer());
    expectSame(await read(Readable.from([file]), 'xlsx'), all);
  });

  it('XLSX with the sheet before its shared strings (exceljs WorkbookWriter: the sheet waits on disk)', async () => {
    const { out, bytes } = collector();
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
    const sheet = book.addWorksheet('客户');
    for (const row of all) sheet.addRow(row).commit();
    sheet.commit();
    await book.commit();
    expectSame(await read(Readable.from([bytes()]), 'xlsx'), all);
  });

  it('CSV in UTF-8 cut inside characters', async () => {
    const text = `\uFEFF${all.map((r) => r.join(',')).join('\r\n')}\r\n`;
    const data = Buffer.from(text);
    // chunks of 1, 2, 4 … 4096 bytes, then every byte boundary in the first few rows
    const chunks: Buffer[] = [];
    let at = 0;
    for (let size = 1; at < data.length; size = size >= 4096 ? 1 : size * 2) {
      chunks.push(data.subarray(at, at + size));
      at += size;
    }
    expectSame(await read(Readable.from(chunks), 'csv'), all);
    const bytes = Array.from(data.subarray(0, 2000), (b) => Buffer.from([b]));
    const head = await read(Readable.from([...bytes, data.subarray(2000)]), 'csv');
    expectSame(head, all);
  });
});
