import { Readable, Writable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readRows } from '../modules/imports/read-rows.ts';
import { columnName, sheetName, type XlsxCell, xlsxWriter } from './xlsx-writer.ts';

/** A Writable keeping what it is given, in memory. */
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

/**
 * The zip's entries read from its central directory, each checked against its local header and
 * (for one with a data descriptor) the descriptor: sizes and CRC of the inflated data.
 */
function unzip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.length - 22;
  expect(zip.readUInt32LE(eocd)).toBe(0x06054b50);
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  expect(p + zip.readUInt32LE(eocd + 12)).toBe(eocd);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const flags = zip.readUInt16LE(p + 8);
    const crc = zip.readUInt32LE(p + 16);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const at = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);

    expect(zip.readUInt32LE(at)).toBe(0x04034b50);
    expect(zip.readUInt16LE(at + 6)).toBe(flags);
    expect(zip.readUInt16LE(at + 8)).toBe(8);
    const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
    if (flags & 8) {
      expect(zip.readUInt32LE(at + 14)).toBe(0); // sizes and CRC come after the data
      const d = start + compressed;
      expect([
        zip.readUInt32LE(d),
        zip.readUInt32LE(d + 4),
        zip.readUInt32LE(d + 8),
        zip.readUInt32LE(d + 12),
      ]).toEqual([0x08074b50, crc, compressed, size]);
    } else {
      expect([zip.readUInt32LE(at + 14), zip.readUInt32LE(at + 18), zip.readUInt32LE(at + 22)]).toEqual([
        crc,
        compressed,
        size,
      ]);
    }
    const data = inflateRawSync(zip.subarray(start, start + compressed));
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    entries.set(name, data);
  }
  return entries;
}

const COLUMNS = 33;
/** Header and rows with Chinese text, numbers, empty cells, XML's special characters, formulas as text. */
function sampleRows(count: number): XlsxCell[][] {
  const header = Array.from({ length: COLUMNS }, (_, c) => `列${columnName(c)}`);
  const rows: XlsxCell[][] = [header];
  for (let r = 0; r < count; r++) {
    const row: XlsxCell[] = [];
    for (let c = 0; c < COLUMNS; c++) {
      switch ((r + c) % 11) {
        case 0:
          row.push(`深圳市南山区客户${r}-${c}`);
          break;
        case 1:
          row.push(r * 1000 + c);
          break;
        case 2:
          row.push(-r / 8 - 0.1);
          break;
        case 3:
          row.push(c % 2 ? null : '');
          break;
        case 4:
          row.push('A&B <公司> "引号" \'单\' > &amp;');
          break;
        case 5:
          row.push('=1+1');
          break;
        case 6:
          row.push('第一行\n第二行\t制表');
          break;
        case 7:
          row.push(undefined);
          break;
        case 8:
          row.push('😀 emoji 表情');
          break;
        case 9:
          row.push(1e21 + r);
          break;
        default:
          row.push('-1200.50');
      }
    }
    rows.push(row);
  }
  return rows;
}

async function write(rows: XlsxCell[][], sheet = '客户') {
  const { out, bytes } = collector();
  const w = xlsxWriter(out, { sheet });
  // both ways in: one row at a time and in blocks
  for (let i = 0; i < Math.min(rows.length, 10); i++) await w.addRow(rows[i]);
  for (let i = 10; i < rows.length; i += 500) await w.addRows(rows.slice(i, i + 500));
  await w.end();
  return bytes();
}

/** Trailing empty cells dropped, as readers give rows back. */
const trimEnd = (row: string[]) => {
  let n = row.length;
  while (n > 0 && row[n - 1] === '') n--;
  return row.slice(0, n);
};

describe('xlsxWriter', () => {
  it('names columns past Z and keeps sheet names Excel accepts', () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnName)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
    expect(sheetName('客户')).toBe('客户');
    expect(sheetName("'a/b:c[d]?*'")).toBe('a_b_c_d___');
    expect(sheetName('x'.repeat(40))).toBe('x'.repeat(31));
    expect(sheetName('')).toBe('Sheet1');
  });

  it('writes a workbook exceljs reads back exactly', async () => {
    const rows = sampleRows(3000);
    const file = await write(rows, 'Kunden & <客户> "2026"');
    const parts = unzip(file);
    expect([...parts.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/sharedStrings.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const xml = parts.get('xl/worksheets/sheet1.xml')?.toString() ?? '';
    expect(xml).toContain('<c r="AG1" t="inlineStr"><is><t xml:space="preserve">列AG</t></is></c>');
    expect(xml).not.toContain('<f>');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Kunden & <客户> "2026"');
    expect(sheet.rowCount).toBe(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const got = Array.from({ length: COLUMNS }, (_, c) => sheet.getRow(r + 1).getCell(c + 1).value);
      const want = rows[r].map((v) => (v === '' || v === undefined ? null : v));
      expect(got, `row ${r + 1}`).toEqual(want);
    }
    expect(sheet.getCell('F2').type).toBe(ExcelJS.ValueType.String); // '=1+1' is text, not a formula
  });

  it('writes a workbook the import reader reads back exactly', async () => {
    const read = async (rows: XlsxCell[][]) => {
      const got: string[][] = [];
      for await (const row of readRows(Readable.from([await write(rows)]), 'xlsx'))
        got.push(trimEnd(Array.from(row, (c) => c ?? '')));
      return got;
    };
    // the import reader trims cells and, like exceljs's streaming reader, decodes entities in
    // text a second time ('&amp;' written as text reads back as '&'): known exceljs behaviour
    const expected = (rows: XlsxCell[][]) =>
      rows.map((row) => trimEnd(row.map((v) => (v == null ? '' : String(v).trim().replace('&amp;', '&')))));
    // every kind of cell, in one piece of inflated XML (see the next test)
    const few = sampleRows(3);
    expect(await read(few)).toEqual(expected(few));
    // thousands of rows, ASCII only
    const ascii = sampleRows(3000).map((row) =>
      row.map((v) => (typeof v === 'string' ? v.replace(/[^\t\n -~]/g, '?') : v)),
    );
    expect(await read(ascii)).toEqual(expected(ascii));
  });

  // exceljs's parse-sax decodes each Buffer on its own; the import reader hands it text decoded
  // across inflated chunks, so a character whose UTF-8 bytes a chunk boundary splits reads whole
  it('the import reader reads back Chinese text across inflated chunk boundaries', async () => {
    const rows = sampleRows(3000);
    const got: string[] = [];
    for await (const row of readRows(Readable.from([await write(rows)]), 'xlsx')) got.push(row.join(''));
    expect(got.filter((r) => r.includes('\uFFFD'))).toEqual([]);
  });

  it('keeps what XML can hold and drops what it cannot', async () => {
    const file = await write([
      ['a\u0000b\u0008c\u000Bd\u001Fe', 'x\uD800y\uDC00z\uFFFE\uFFFF', '\r\n回车\r', 'tab\tend', 'ok'],
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    expect((book.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual([
      'abcde',
      'xyz',
      '\r\n回车\r',
      'tab\tend',
      'ok',
    ]);
  });

  it('writes an empty sheet', async () => {
    const file = await write([]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    expect(book.worksheets[0].rowCount).toBe(0);
  });

  it('refuses a file past the zip limit instead of writing it corrupt', async () => {
    const { out } = collector();
    const w = xlsxWriter(out, { sheet: 's', zipLimit: 200_000, level: 0 });
    const row = Array.from({ length: 30 }, (_, i) => `不可压缩${Math.random()}${i}`);
    await expect(
      (async () => {
        for (let i = 0; i < 10_000; i++) await w.addRow(row);
        await w.end();
      })(),
    ).rejects.toThrow(/ZIP64/);
  });

  it('rejects instead of hanging when its output is destroyed', async () => {
    const out = new Writable({ highWaterMark: 1024, write: () => {} }); // never consumes
    const w = xlsxWriter(out, { sheet: 's' });
    const rows = Array.from({ length: 1000 }, (_, i) => [`客户${i}`, Math.random(), String(Math.random())]);
    const writing = (async () => {
      for (;;) await w.addRows(rows);
    })();
    setTimeout(() => out.destroy(), 50);
    await expect(writing).rejects.toThrow(/closed/);
  });

  it('waits for a slow consumer: memory stays bounded over 200k rows (backpressure end to end)', async () => {
    let stalled = true;
    const held: (() => void)[] = [];
    let consumed = 0;
    const chunks: Buffer[] = [];
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        consumed += chunk.length;
        if (stalled) held.push(done);
        else setImmediate(done); // slow: one chunk per turn of the event loop
      },
    });
    const w = xlsxWriter(out, { sheet: '慢' });
    const ROWS = 200_000;
    const BATCH = 200;
    let added = 0;
    let maxHeld = 0;
    const writing = (async () => {
      for (let i = 0; i < ROWS; i += BATCH) {
        const batch = Array.from({ length: BATCH }, (_, j) => {
          const n = i + j;
          return [`客户${n}`, n, `${n % 97}号 ${(n * 7919) % 100_003}`, n / 3, `备注 ${n.toString(36)}`];
        });
        await w.addRows(batch);
        added += BATCH;
        maxHeld = Math.max(maxHeld, out.writableLength + w.buffered);
      }
      await w.end();
    })();

    // The consumer takes one chunk and stops: the writer must stop too, not buffer the file.
    // (Waited for until the rows added stop growing for a while, not for a fixed time: on a busy
    // machine the writer takes longer to fill the buffers before it stops.)
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (let last = -1, since = Date.now(); Date.now() - since < 300; await sleep(20))
      if (added !== last) [last, since] = [added, Date.now()];
    const whileStalled = added;
    await sleep(300);
    expect(added).toBe(whileStalled);
    expect(whileStalled).toBeLessThan(ROWS / 10);
    expect(out.writableLength + w.buffered).toBeLessThan(2 * 1024 * 1024);

    stalled = false;
    for (const done of held.splice(0)) done();
    await writing;
    expect(added).toBe(ROWS);
    expect(maxHeld).toBeLessThan(2 * 1024 * 1024);

    const file = Buffer.concat(chunks);
    expect(file.length).toBe(consumed);
    const xml = unzip(file).get('xl/worksheets/sheet1.xml')?.toString() ?? '';
    expect(xml.match(/<row /g)?.length).toBe(ROWS);
    expect(xml).toContain(
      `<row r="${ROWS}"><c r="A${ROWS}" t="inlineStr"><is><t xml:space="preserve">客户${ROWS - 1}</t></is></c><c r="B${ROWS}"><v>${ROWS - 1}</v></c>`,
    );
  }, 60_000);
});
