/**
 * Text that crosses a chunk boundary: a Chinese character's three UTF-8 bytes split between two
 * inflated chunks of an XLSX part (or two chunks of a CSV upload) must read back whole, never as
 * U+FFFD.
 */
import { Readable, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsxWriter } from '../../platform/xlsx-writer.ts';
import { CsvText, SNIFF_BYTES } from './csv-text.ts';
import { FileUnreadable } from './limits.ts';
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

/**
 * GBK (two-byte GB18030) as bytes: the reverse of Node's own gb18030 decoder over every two-byte
 * code (Node has no GBK encoder, iconv-lite is not installed). Checked against bytes Python's
 * gb18030 codec wrote (`GB18030_FIXTURE`), which the decoder did not make.
 */
const gbkCodes = (() => {
  const codes = new Map<string, Buffer>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char !== '\uFFFD' && !codes.has(char)) codes.set(char, Buffer.from([lead, trail]));
    }
  return codes;
})();

function gbk(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) parts.push(Buffer.from(char, 'latin1'));
    else {
      const code = gbkCodes.get(char);
      if (!code) throw new Error(`no GBK code for ${char}`);
      parts.push(code);
    }
  }
  return Buffer.concat(parts);
}

/** UTF-16BE: Node encodes UTF-16LE only. */
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

/** `data` in chunks of 1, 2, 4 … 4096 bytes, over and over. */
function growing(data: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  let at = 0;
  for (let size = 1; at < data.length; size = size >= 4096 ? 1 : size * 2) {
    chunks.push(data.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

/** `data` in chunks of 1, 2 and 3 bytes. */
function tiny(data: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0, size = 1; at < data.length; at += size, size = (size % 3) + 1)
    chunks.push(data.subarray(at, at + size));
  return chunks;
}

/** The encoding a file is read as (what the reader decides), and its text. */
async function decode(chunks: Buffer[]) {
  const text = new CsvText();
  const out: Buffer[] = [];
  text.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise((resolve, reject) => text.on('end', resolve).on('error', reject));
  Readable.from(chunks).pipe(text);
  await ended;
  return { encoding: text.encoding, text: Buffer.concat(out).toString() };
}

/**
 * Python: `'\r\n'.join(','.join(r) for r in rows).encode('gb18030')` of 客户名称,联系人,手机,地址 and
 * three rows, one with 𠀀 (four bytes in GB18030, none in GBK) and € (A2E3).
 */
const GB18030_FIXTURE =
  'bfcdbba7c3fbb3c62cc1aacfb5c8cb2ccad6bbfa2cb5d8d6b70d0ac9eedbdacad0ccdab7c9c3b3d2d7d3d0cfdeb9abcbbe2c' +
  'd5c5c8fd2c31333830303030303030312cb9e3b6abcaa1c9eedbdacad0c4cfc9bdc7f8bfc6bcbcd4b00d0ab1b1bea9bbaacf' +
  'c4bfc6bcbcd3d0cfdeb9abcbbe2cc0eecbc42c31333930303030303030322cb1b1bea9cad0baa3b5edc7f8d6d0b9d8b4e5b4' +
  'f3bdd60d0a95328236bcc7c9ccd0d02ccdf5cee5a2e32c31333730303030303030332cc9cfbaa3cad0c6d6b6abd0c2c7f80d0a';
const FIXTURE_ROWS = [
  ['客户名称', '联系人', '手机', '地址'],
  ['深圳市腾飞贸易有限公司', '张三', '13800000001', '广东省深圳市南山区科技园'],
  ['北京华夏科技有限公司', '李四', '13900000002', '北京市海淀区中关村大街'],
  ['𠀀记商行', '王五€', '13700000003', '上海市浦东新区'],
];

describe('readRows: CSV in the encodings Chinese users have', () => {
  const rows = chineseRows();
  const all = [HEADER, ...rows];
  const text = `${all.map((r) => r.join(',')).join('\r\n')}\r\n`;
  const files: [string, Buffer, string][] = [
    ['UTF-8 without a BOM', Buffer.from(text), 'utf-8'],
    ['UTF-8 with a BOM', Buffer.from(`\uFEFF${text}`), 'utf-8'],
    ['GBK / GB18030 (Excel on Chinese Windows)', gbk(text), 'gb18030'],
    ['UTF-16LE with a BOM (Excel "Unicode text")', Buffer.from(`\uFEFF${text}`, 'utf16le'), 'utf-16le'],
    ['UTF-16BE with a BOM', utf16be(`\uFEFF${text}`), 'utf-16be'],
  ];

  it('the GBK encoder of these tests writes what Python does', () => {
    expect(gbk('中文').toString('hex')).toBe('d6d0cec4');
    const fixture = Buffer.from(GB18030_FIXTURE, 'hex');
    const twoByte = FIXTURE_ROWS.slice(0, 3);
    const gbkPart = `${twoByte.map((r) => r.join(',')).join('\r\n')}\r\n`;
    expect(gbk(gbkPart).equals(fixture.subarray(0, gbk(gbkPart).length))).toBe(true);
  });

  for (const [name, file, encoding] of files)
    it(`${name}: every value read back exactly`, async () => {
      expect(
        (await decode([file.subarray(0, SNIFF_BYTES * 2), file.subarray(SNIFF_BYTES * 2)])).encoding,
      ).toBe(encoding);
      expectSame(await read(Readable.from([file]), 'csv'), all);
      expectSame(await read(Readable.from(growing(file)), 'csv'), all);
    });

  it('GB18030 in chunks of 1 to 3 bytes (characters split every way) reads back exactly', async () => {
    const file = gbk(text);
    expectSame(await read(Readable.from(tiny(file)), 'csv'), all);
    // and the BOMs arriving a byte at a time
    expectSame(await read(Readable.from(tiny(Buffer.from(`\uFEFF${text}`, 'utf16le'))), 'csv'), all);
    expectSame(await read(Readable.from(tiny(Buffer.from(`\uFEFF${text}`))), 'csv'), all);
  });

  it('GB18030 written by another encoder, four-byte characters included, in any chunks', async () => {
    const fixture = Buffer.from(GB18030_FIXTURE, 'hex');
    expect((await decode([fixture])).encoding).toBe('gb18030');
    expect(await read(Readable.from([fixture]), 'csv')).toEqual(FIXTURE_ROWS);
    expect(await read(Readable.from(tiny(fixture)), 'csv')).toEqual(FIXTURE_ROWS);
    expect(await read(Readable.from(Array.from(fixture, (b) => Buffer.of(b))), 'csv')).toEqual(FIXTURE_ROWS);
  });

  it('UTF-8 whose sniff window ends inside a character is still UTF-8', async () => {
    const file = Buffer.from(text); // 3 bytes a character: a window of 64 KiB cuts one
    const bytes = Array.from(file.subarray(0, SNIFF_BYTES + 10), (b) => Buffer.of(b));
    const { encoding } = await decode([...bytes, file.subarray(SNIFF_BYTES + 10)]);
    expect(encoding).toBe('utf-8');
    expectSame(await read(Readable.from([...bytes, file.subarray(SNIFF_BYTES + 10)]), 'csv'), all);
    // a short file cut inside its last character (the head of an upload the preview reads)
    const head = Buffer.from('客户名称,地址\r\n张三,深圳');
    expect((await decode([head.subarray(0, head.length - 1)])).encoding).toBe('utf-8');
  });

  it('GBK after more than the sniff window of ASCII is still GBK', async () => {
    const ascii = Array.from({ length: 3000 }, (_, i) => `Company ${i},Address ${i}`);
    const chinese = ['深圳市腾飞贸易有限公司,广东省深圳市南山区', '北京华夏科技有限公司,北京市海淀区'];
    const lines = [...ascii, ...chinese];
    const file = gbk(`${lines.join('\n')}\n`);
    expect(file.indexOf(0xbf)).toBeGreaterThan(SNIFF_BYTES);
    expect((await decode(growing(file))).encoding).toBe('gb18030');
    const got = await read(Readable.from(growing(file)), 'csv');
    expect(got).toEqual(lines.map((l) => l.split(',')));
  });

  it('a file that is UTF-8 at first and not further on is refused naming the line', async () => {
    const ascii = 'name,address\n'.repeat(10); // passed on before the window, counted all the same
    const chinese = all.slice(0, 3000).map((r) => r.join(','));
    const utf8 = Buffer.from(`${ascii}${chinese.join('\n')}\n`);
    expect(utf8.length).toBeGreaterThan(SNIFF_BYTES);
    const file = Buffer.concat([utf8, gbk('张三,深圳\n')]);
    const rowsRead: string[][] = [];
    const error = await (async () => {
      for await (const row of readRows(Readable.from(growing(file)), 'csv', { maxRows: ROWS }))
        rowsRead.push(row);
    })().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(FileUnreadable);
    expect((error as FileUnreadable).line).toBe(3011);
    expect(rowsRead.length).toBeLessThanOrEqual(3010);
  });

  it('ASCII only, and empty files, read as before', async () => {
    expect(await read(Readable.from([Buffer.from('a,b\n1,2\n')]), 'csv')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(await read(Readable.from([Buffer.alloc(0)]), 'csv')).toEqual([]);
    expect(await read(Readable.from([Buffer.from('\uFEFF')]), 'csv')).toEqual([]);
    expect(await read(Readable.from([Buffer.of(0xff, 0xfe)]), 'csv')).toEqual([]);
  });
});

describe('readRows: a source that fails', () => {
  it('a CSV or XLSX whose source errors mid-file rejects with that error instead of hanging', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const source = new Readable({ read() {} });
      source.push(Buffer.from(format === 'csv' ? '客户名称\n甲公司\n' : 'PK\u0003\u0004'));
      setTimeout(() => source.destroy(new Error('stored file unreadable')), 20);
      const read = (async () => {
        for await (const _row of readRows(source, format)) {
          // rows before the failure are fine
        }
      })();
      await expect(read).rejects.toThrow();
    }
  }, 10_000);
});
