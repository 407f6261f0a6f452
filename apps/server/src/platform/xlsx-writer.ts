import type { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import { crc32, createDeflateRaw, type DeflateRaw, deflateRawSync } from 'node:zlib';

/** A cell: text, a number, or nothing (`null`, `undefined` and `''` leave the cell out). */
export type XlsxCell = string | number | null | undefined;

export type XlsxWriter = {
  /** Adds one row; resolves once the file can take more (the output, or the compressor, has drained). */
  addRow(values: readonly XlsxCell[]): Promise<void>;
  /** Adds rows as one piece of XML (cheaper per row than `addRow`); resolves like `addRow`. */
  addRows(rows: readonly (readonly XlsxCell[])[]): Promise<void>;
  /** Ends the sheet and the archive, ends `out` and resolves once `out` has finished. */
  end(): Promise<void>;
  /** Bytes held between the rows and `out`: the compressor's input and output (for tests and metrics). */
  readonly buffered: number;
};

export type XlsxWriterOptions = {
  /** The sheet's name: Excel's forbidden characters become `_`, cut to 31 characters. */
  sheet: string;
  /** zlib level for the sheet (default 6). */
  level?: number;
  /** @internal The largest size or offset the zip may hold (0xFFFFFFFF: no ZIP64); smaller only in tests. */
  zipLimit?: number;
};

/** Excel's limits: past them it calls the file damaged. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_COLUMNS = 16_384;

/** Uncompressed XML gathered before it is handed to the compressor. */
const PIECE_CHARS = 64 * 1024;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * What text content cannot hold as it is: the four escaped characters, CR (an XML parser would
 * turn it into LF, so it is written `&#13;`), and what XML 1.0 cannot hold at all (control
 * characters other than tab, LF and CR; lone surrogates; U+FFFE and U+FFFF), which is dropped.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to find
const XML_UNSAFE = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;
const XML_UNSAFE_ALL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to replace
  /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
};

/** Text as XML character data (also fit for an attribute in double quotes). */
export function xmlText(text: string): string {
  if (!XML_UNSAFE.test(text)) return text;
  return text.replace(XML_UNSAFE_ALL, (c) => ENTITIES[c] ?? '');
}

/** A column's letters: 0 → A, 25 → Z, 26 → AA, 16383 → XFD. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    name = String.fromCharCode(65 + m) + name;
    n = (n - 1 - m) / 26;
  }
  return name;
}

const columnNames: string[] = [];
const columnOf = (index: number) => {
  for (let i = columnNames.length; i <= index; i++) columnNames.push(columnName(i));
  return columnNames[index];
};

/** A sheet name Excel accepts: no `: \ / ? * [ ]`, not starting or ending with `'`, 1–31 characters. */
export function sheetName(name: string): string {
  const clean = name.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '');
  const chars = Array.from(clean);
  let out = '';
  for (const c of chars) {
    if (out.length + c.length > 31) break;
    out += c;
  }
  return out.trim() || 'Sheet1';
}

/** A row's XML, or '' for a row without cells. */
function rowXml(r: number, values: readonly XlsxCell[]): string {
  if (values.length > XLSX_MAX_COLUMNS)
    throw new RangeError(`An XLSX row holds at most ${XLSX_MAX_COLUMNS} cells, not ${values.length}`);
  let cells = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v == null || v === '') continue;
    if (typeof v === 'number' && Number.isFinite(v)) cells += `<c r="${columnOf(i)}${r}"><v>${v}</v></c>`;
    else
      cells += `<c r="${columnOf(i)}${r}" t="inlineStr"><is><t xml:space="preserve">${xmlText(String(v))}</t></is></c>`;
  }
  return cells ? `<row r="${r}">${cells}</row>` : '';
}

/** DOS time and date (local time, as zip tools read them) of a moment. */
function dosTime(d: Date) {
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  const date = (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return { time, date };
}

type Entry = { name: Buffer; crc: number; compressed: number; size: number; offset: number; flags: number };

const FLAG_DESCRIPTOR = 0x0008;
const DEFLATE = 8;
const VERSION = 20;

class ZipTooLarge extends Error {
  constructor(limit: number) {
    super(`The XLSX file would pass ${limit} bytes, more than a zip without ZIP64 holds; refused`);
    this.name = 'ZipTooLarge';
  }
}

/**
 * A streaming XLSX writer: one sheet of inline strings and numbers, written as a zip whose sheet
 * is deflated by zlib's stream (in the thread pool, off the event loop) with its sizes and CRC in
 * a data descriptor after the data. Every row waits for room: when `out` is slow, its `write`
 * returns false, the compressor's output stops being read, its input stops draining and
 * `addRow`/`addRows` wait, so memory holds about one piece of XML and the streams' buffers
 * whatever the file's size. No ZIP64: a file that would pass 4 GiB is refused (the call throws)
 * rather than written corrupt.
 */
export function xlsxWriter(out: Writable, options: XlsxWriterOptions): XlsxWriter {
  const limit = options.zipLimit ?? 0xffffffff;
  const name = sheetName(options.sheet);
  const { time, date } = dosTime(new Date());
  const entries: Entry[] = [];
  /** Bytes written to `out` so far: the next entry's offset. */
  let offset = 0;
  let started: Promise<void> | undefined;
  let deflate: DeflateRaw | undefined;
  let sheet: Entry | undefined;
  /** Rows written so far: the last row's number. */
  let row = 0;
  let failure: Error | undefined;
  const waiters = new Set<(err: Error) => void>();
  const fail = (err: Error) => {
    if (failure) return;
    failure = err;
    for (const w of waiters) w(err);
    waiters.clear();
    deflate?.destroy();
  };
  const onOutError = (err: Error) => fail(err);
  const onOutClose = () => {
    if (!out.writableFinished) fail(new Error('The XLSX output closed before the file was written'));
  };
  out.on('error', onOutError);
  out.on('close', onOutClose);

  /** Resolves on `event` of `emitter`; rejects if the writer fails meanwhile. */
  const when = (emitter: EventEmitter, event: string) =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      const settle = () => {
        waiters.delete(onFail);
        resolve();
      };
      const onFail = (err: Error) => {
        emitter.off(event, settle);
        reject(err);
      };
      waiters.add(onFail);
      emitter.once(event, settle);
    });

  /** Counts bytes written to `out`; past the limit the writer fails (and this throws). */
  const count = (bytes: number) => {
    offset += bytes;
    if (offset <= limit) return;
    const err = new ZipTooLarge(limit);
    fail(err);
    throw err;
  };

  /** Writes bytes of the zip's own (headers, small entries), waiting when `out` is full. */
  const put = async (bytes: Buffer) => {
    if (failure) throw failure;
    count(bytes.length);
    if (!out.write(bytes)) await when(out, 'drain');
  };

  const localHeader = (e: Entry) => {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(VERSION, 4);
    h.writeUInt16LE(e.flags, 6);
    h.writeUInt16LE(DEFLATE, 8);
    h.writeUInt16LE(time, 10);
    h.writeUInt16LE(date, 12);
    h.writeUInt32LE(e.crc, 14);
    h.writeUInt32LE(e.compressed, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(e.name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, e.name]);
  };

  /** A small part, deflated at once, its sizes known in its header. */
  const small = async (path: string, xml: string) => {
    const data = Buffer.from(xml);
    const packed = deflateRawSync(data);
    const e: Entry = {
      name: Buffer.from(path),
      crc: crc32(data),
      compressed: packed.length,
      size: data.length,
      offset,
      flags: 0,
    };
    entries.push(e);
    await put(localHeader(e));
    await put(packed);
  };

  const start = async () => {
    await small(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '</Types>',
    );
    await small(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        '</Relationships>',
    );
    await small(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
        `<sheets><sheet name="${xmlText(name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    await small(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>',
    );
    await small(
      'xl/styles.xml',
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        '</styleSheet>',
    );
    // Empty, but before the sheet: a streaming reader (ours, exceljs's) then reads the sheet as it
    // comes instead of keeping it aside until it has seen the shared strings.
    await small('xl/sharedStrings.xml', `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="0" uniqueCount="0"/>`);

    const e: Entry = {
      name: Buffer.from('xl/worksheets/sheet1.xml'),
      crc: 0,
      compressed: 0,
      size: 0,
      offset,
      flags: FLAG_DESCRIPTOR,
    };
    sheet = e;
    entries.push(e);
    await put(localHeader(e));

    const z = createDeflateRaw({ level: options.level ?? 6 });
    deflate = z;
    let waiting = false;
    z.on('error', fail);
    z.on('data', (chunk: Buffer) => {
      if (failure) return;
      e.compressed += chunk.length;
      try {
        count(chunk.length);
      } catch {
        return; // the writer has failed: the caller's pending or next call throws
      }
      if (!out.write(chunk) && !waiting) {
        waiting = true;
        z.pause();
        out.once('drain', () => {
          waiting = false;
          z.resume();
        });
      }
    });
    await feed(`${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>`);
  };

  /** Uncompressed sheet XML into the compressor, waiting while it is full. */
  const feed = async (xml: string) => {
    if (failure) throw failure;
    const data = Buffer.from(xml);
    const e = sheet as Entry;
    if (e.size + data.length > limit) {
      const err = new ZipTooLarge(limit);
      fail(err);
      throw err;
    }
    e.size += data.length;
    e.crc = crc32(data, e.crc);
    if (!(deflate as DeflateRaw).write(data)) await when(deflate as DeflateRaw, 'drain');
  };

  let busy = false;
  /** Runs one call at a time: a call made before the last one resolved is a misuse, refused. */
  const serial = async (work: () => Promise<void>) => {
    if (busy) throw new Error('xlsxWriter: wait for the previous call to resolve before the next');
    busy = true;
    try {
      started ??= start();
      await started;
      await work();
    } finally {
      busy = false;
    }
  };

  const addRows = (rows: readonly (readonly XlsxCell[])[]) =>
    serial(async () => {
      let xml = '';
      for (const values of rows) {
        if (row >= XLSX_MAX_ROWS) throw new RangeError(`An XLSX sheet holds at most ${XLSX_MAX_ROWS} rows`);
        xml += rowXml(++row, values);
        if (xml.length >= PIECE_CHARS) {
          await feed(xml);
          xml = '';
        }
      }
      if (xml) await feed(xml);
    });

  let ended = false;
  const end = () =>
    serial(async () => {
      if (ended) throw new Error('xlsxWriter: end() was already called');
      ended = true;
      const z = deflate as DeflateRaw;
      const e = sheet as Entry;
      await feed('</sheetData></worksheet>');
      const flushed = when(z, 'end');
      z.end();
      await flushed;
      if (failure) throw failure;

      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(e.crc, 4);
      descriptor.writeUInt32LE(e.compressed, 8);
      descriptor.writeUInt32LE(e.size, 12);
      await put(descriptor);

      const directoryAt = offset;
      const records = entries.map((x) => {
        const h = Buffer.alloc(46);
        h.writeUInt32LE(0x02014b50, 0);
        h.writeUInt16LE(VERSION, 4); // made by: MS-DOS attributes
        h.writeUInt16LE(VERSION, 6);
        h.writeUInt16LE(x.flags, 8);
        h.writeUInt16LE(DEFLATE, 10);
        h.writeUInt16LE(time, 12);
        h.writeUInt16LE(date, 14);
        h.writeUInt32LE(x.crc, 16);
        h.writeUInt32LE(x.compressed, 20);
        h.writeUInt32LE(x.size, 24);
        h.writeUInt16LE(x.name.length, 28);
        // extra, comment, disk, internal and external attributes: 0
        h.writeUInt32LE(x.offset, 42);
        return Buffer.concat([h, x.name]);
      });
      const directory = Buffer.concat(records);
      await put(directory);
      const eocd = Buffer.alloc(22);
      eocd.writeUInt32LE(0x06054b50, 0);
      eocd.writeUInt16LE(entries.length, 8);
      eocd.writeUInt16LE(entries.length, 10);
      eocd.writeUInt32LE(directory.length, 12);
      eocd.writeUInt32LE(directoryAt, 16);
      await put(eocd);

      const finished = when(out, 'finish');
      out.end();
      await finished;
      out.off('error', onOutError);
      out.off('close', onOutClose);
    });

  return {
    addRow: (values) => addRows([values]),
    addRows,
    end,
    get buffered() {
      return deflate ? deflate.writableLength + deflate.readableLength : 0;
    },
  };
}
