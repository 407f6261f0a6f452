import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { CsvText } from './csv-text.ts';
import {
  DEFAULT_MAX_ROWS,
  FileTooLarge,
  FileUnreadable,
  type LimitName,
  ROW_MAX_BYTES,
  SHARED_STRINGS_MAX_BYTES,
  STRING_MAX_BYTES,
  XLSX_MAX_BYTES,
  XLSX_MAX_PART_BYTES,
} from './limits.ts';

/** exceljs reads the zip with its own `unzipper` (a dependency of exceljs, not ours). */
const unzip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('unzipper') as {
  Parse(options: { forceStream: boolean }): NodeJS.ReadWriteStream;
};

/**
 * The shared strings of a workbook, packed: their UTF-8 bytes end to end in one buffer and where
 * each ends, so that a million strings are two allocations outside the JavaScript heap (not a
 * million strings in it), and their memory is exactly what the budget counts.
 */
class StringTable {
  private data = Buffer.alloc(64 * 1024);
  private ends = new Uint32Array(1024);
  private count = 0;
  private used = 0;

  /** Bytes held: the text and 4 per string. */
  get bytes() {
    return this.used + 4 * this.count;
  }

  push(text: string) {
    const length = Buffer.byteLength(text);
    if (this.used + length > this.data.length) {
      const bigger = Buffer.alloc(Math.max(this.data.length * 2, this.used + length));
      this.data.copy(bigger, 0, 0, this.used);
      this.data = bigger;
    }
    if (this.count === this.ends.length) {
      const bigger = new Uint32Array(this.ends.length * 2);
      bigger.set(this.ends);
      this.ends = bigger;
    }
    this.used += this.data.write(text, this.used);
    this.ends[this.count++] = this.used;
  }

  get(index: number): string {
    if (!(index >= 0 && index < this.count)) return '';
    return this.data.toString('utf8', index ? this.ends[index - 1] : 0, this.ends[index]);
  }

  clear() {
    this.data = Buffer.alloc(0);
    this.ends = new Uint32Array(0);
    this.count = this.used = 0;
  }
}

/** A cell as text: dates as `YYYY-MM-DD`, rich text and links as their text, formulas as their result. */
function cellText(value: unknown, strings: StringTable): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as {
      text?: unknown;
      result?: unknown;
      richText?: { text: string }[];
      sharedString?: number;
    };
    if (v.sharedString !== undefined) return strings.get(v.sharedString).trim();
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellText(v.text, strings);
    if (v.result !== undefined) return cellText(v.result, strings);
    return '';
  }
  return String(value).trim();
}

export type ReadLimits = {
  /** Data rows (after the header) the file may have. */
  maxRows: number;
};

/**
 * The rows of a CSV or XLSX file (first sheet) as arrays of strings, streamed: memory stays
 * bounded whatever the file inflates to (see limits.ts). The first row is the header. A CSV may
 * be in UTF-8, GB18030/GBK or UTF-16 with a BOM (see `CsvText`). Throws
 * `FileTooLarge` the moment a limit is passed and `FileUnreadable` for what is not CSV / XLSX.
 */
export async function* readRows(
  input: Readable,
  format: 'csv' | 'xlsx',
  limits: ReadLimits = { maxRows: DEFAULT_MAX_ROWS },
): AsyncGenerator<string[]> {
  let rows = 0;
  const counted = () => {
    if (++rows > limits.maxRows + 1) throw new FileTooLarge('rows', limits.maxRows);
  };
  if (format === 'csv') {
    // the file's bytes as UTF-8 whatever it was saved in (GB18030/GBK, UTF-16, UTF-8: csv-text.ts)
    const text = new CsvText();
    const parser = parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      max_record_size: ROW_MAX_BYTES, // on the text as UTF-8, whatever the file's encoding
    });
    text.on('error', (err) => parser.destroy(err)); // FileUnreadable: not the UTF-8 it began as
    input.on('error', (err) => parser.destroy(err)); // the source failed (e.g. the stored file's read): no hang
    input.pipe(text).pipe(parser);
    try {
      for await (const record of parser) {
        counted();
        yield record as string[];
      }
    } catch (err) {
      if (!(err instanceof CsvError)) throw err;
      if (err.code === 'CSV_MAX_RECORD_SIZE') throw new FileTooLarge('row', ROW_MAX_BYTES);
      const where = err as unknown as { lines?: number; column?: number | null };
      throw new FileUnreadable(where.lines, typeof where.column === 'number' ? where.column + 1 : undefined, {
        cause: err,
      });
    } finally {
      input.unpipe(text);
      text.unpipe(parser);
      parser.destroy();
      text.destroy();
      input.destroy();
    }
    return;
  }
  const reader = new BoundedWorkbookReader(input, limits.maxRows);
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        counted();
        const values = (row as ExcelJS.Row).values as unknown[];
        const cells = values.slice(1).map((v) => cellText(v, reader.strings));
        if (cells.some((c) => c !== '')) yield cells;
      }
      return; // first sheet only
    }
  } catch (err) {
    if (err instanceof FileTooLarge) throw err;
    throw new FileUnreadable(undefined, undefined, { cause: err });
  } finally {
    await reader.close();
  }
}

export const formatOf = (fileName: string): 'csv' | 'xlsx' | null =>
  /\.xlsx$/i.test(fileName) ? 'xlsx' : /\.csv$/i.test(fileName) ? 'csv' : null;

/** The inflated bytes of the whole workbook so far, shared by its parts. */
type Budget = { used: number };

/**
 * Counts a zip part's inflated bytes as they pass (the workbook's total and the part's own
 * limit) and, in XML parts, the bytes since the last `marker` (one row, one shared string) and
 * how many markers passed (rows): the file is refused as soon as one is over, before its XML
 * is parsed, even where the part is first copied to disk.
 *
 * What comes out is the part's text (strings, not bytes), decoded as one UTF-8 stream: exceljs's
 * parser decodes each Buffer it is given on its own, so a character whose bytes two inflated
 * chunks split (a Chinese character is 3) would read as U+FFFD; here the bytes of a character
 * not yet complete wait for the next chunk. exceljs hands strings to its parser as they are.
 */
class Inflated extends Transform {
  /** exceljs's own decoding (a leading BOM dropped, bad bytes as U+FFFD), but across chunks. */
  private readonly decoder = new TextDecoder('utf-8');
  private seen = 0;
  private lastMarker = 0;
  private markers = 0;
  private carry = Buffer.alloc(0);
  /** The first absolute offset not yet looked at as the start of a marker. */
  private next = 0;

  constructor(
    private readonly budget: Budget,
    private readonly partMax: number,
    private readonly watch?: { marker: string; maxGap: number; gapLimit: LimitName; maxCount?: number },
  ) {
    // a string per inflated chunk, one waiting at most (as the 16 KiB of bytes it held before)
    super({ readableObjectMode: true, readableHighWaterMark: 1 });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.seen += chunk.length;
    this.budget.used += chunk.length;
    if (this.budget.used > XLSX_MAX_BYTES) return done(new FileTooLarge('bytes', XLSX_MAX_BYTES));
    if (this.seen > this.partMax) return done(new FileTooLarge('bytes', this.partMax));
    if (this.watch) {
      const error = this.look(chunk, this.watch);
      if (error) return done(error);
    }
    const text = this.decoder.decode(chunk, { stream: true });
    done(null, text || undefined);
  }

  override _flush(done: TransformCallback) {
    const rest = this.decoder.decode(); // a character cut short at the very end: U+FFFD, as before
    done(null, rest || undefined);
  }

  /** Markers in this chunk (a marker followed by a byte that ends an XML name). */
  private look(chunk: Buffer, w: NonNullable<Inflated['watch']>): FileTooLarge | undefined {
    const marker = Buffer.from(w.marker);
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const base = this.seen - bytes.length;
    let i = bytes.indexOf(marker, Math.max(0, this.next - base));
    while (i !== -1 && i + marker.length < bytes.length) {
      const after = bytes[i + marker.length];
      if (
        after === 0x20 ||
        after === 0x3e ||
        after === 0x2f ||
        after === 0x09 ||
        after === 0x0a ||
        after === 0x0d
      ) {
        if (base + i - this.lastMarker > w.maxGap) return new FileTooLarge(w.gapLimit, w.maxGap);
        this.lastMarker = base + i;
        if (w.maxCount !== undefined && ++this.markers > w.maxCount)
          return new FileTooLarge('rows', w.maxCount - 1);
      }
      this.next = base + i + 1;
      i = bytes.indexOf(marker, i + 1);
    }
    this.next = Math.max(this.next, this.seen - marker.length);
    this.carry = Buffer.from(bytes.subarray(Math.max(0, bytes.length - marker.length)));
    if (this.seen - this.lastMarker > w.maxGap) return new FileTooLarge(w.gapLimit, w.maxGap);
    return undefined;
  }
}

type Entry = Readable & {
  path: string;
  vars?: { uncompressedSize?: number };
  autodrain(): void;
};

type ExcelReaderInternals = {
  options: Record<string, unknown>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  /** With `sharedStrings: 'emit'`: every string as it is read. */
  _parseSharedStrings(entry: Readable): AsyncGenerator<SharedString>;
  _parseWorksheet(
    iterator: AsyncIterable<Buffer | string>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<unknown> }>;
};
type SharedString = { index: number; text: string | { richText: { text: string | null }[] } | null };

const WorkbookReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: Record<string, unknown>,
) => ExcelReaderInternals;

/**
 * exceljs's streaming reader with its zip loop replaced (exceljs 4.4.0's `parse`, pinned) so that
 * every part passes an `Inflated` counter, and with the shared strings kept here as plain text
 * under a memory budget instead of exceljs's unbounded cache of strings and rich-text objects.
 */
class BoundedWorkbookReader extends WorkbookReader {
  /** The shared strings as plain text, by index. */
  readonly strings = new StringTable();
  private readonly budget: Budget = { used: 0 };
  private zip?: NodeJS.ReadWriteStream;
  private current?: Inflated;
  private tmp?: string;

  constructor(
    private readonly input: Readable,
    private readonly maxRows: number,
  ) {
    super(input, {
      worksheets: 'emit',
      sharedStrings: 'emit',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<AsyncIterable<unknown>> {
    const zip = unzip.Parse({ forceStream: true });
    this.zip = zip;
    this.input.on('error', (err) => zip.emit('error', err));
    zip.on('error', (err: Error) => this.current?.destroy(err));
    this.input.pipe(zip as unknown as NodeJS.WritableStream);
    const deferred: { sheetNo: string; path: string }[] = [];
    let sawStrings = false;
    for await (const raw of zip as AsyncIterable<Entry>) {
      const entry = raw;
      const declared = entry.vars?.uncompressedSize ?? 0;
      if (declared > XLSX_MAX_BYTES - this.budget.used) throw new FileTooLarge('bytes', XLSX_MAX_BYTES);
      const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.path);
      if (sheet) {
        const counted = this.counted(entry);
        if (sawStrings) {
          yield* this.sheets(counted, sheet[1]);
          return; // the first sheet is all readRows reads
        }
        // exceljs's order: sheets before the shared strings wait on disk (counted on the way)
        this.tmp ??= await mkdtemp(join(tmpdir(), 'guanxi-import-'));
        const path = join(this.tmp, `sheet${sheet[1]}.xml`);
        await pipeline(counted, createWriteStream(path));
        deferred.push({ sheetNo: sheet[1], path });
        continue;
      }
      const counted = this.counted(entry);
      switch (entry.path) {
        case 'xl/_rels/workbook.xml.rels':
          await this._parseRels(counted);
          break;
        case 'xl/workbook.xml':
          await this._parseWorkbook(counted);
          break;
        case 'xl/styles.xml':
          await this._parseStyles(counted);
          break;
        case 'xl/sharedStrings.xml':
          await this.keepStrings(counted);
          sawStrings = true;
          break;
        default:
          break;
      }
      counted.resume(); // what is left (or the whole of a part nobody reads), counted all the same
      if (!counted.readableEnded) await once(counted, 'end');
    }
    for (const { sheetNo, path } of deferred) {
      // the sheet's text as it went to disk, read back decoded across chunks (not a Buffer each)
      yield* this.sheets(createReadStream(path, { encoding: 'utf8' }), sheetNo);
      return;
    }
  }

  private *sheets(iterable: AsyncIterable<string>, sheetNo: string) {
    for (const { eventType, value } of this._parseWorksheet(iterable, sheetNo))
      if (eventType === 'worksheet') yield value;
  }

  /** The entry through its counter; a broken entry or zip fails the counter (which the parser reads). */
  private counted(entry: Entry) {
    const counter = this.counter(entry.path);
    this.current = counter;
    entry.on('error', (err) => counter.destroy(err));
    return entry.pipe(counter);
  }

  private counter(path: string) {
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(path))
      return new Inflated(this.budget, XLSX_MAX_BYTES, {
        marker: '<row',
        maxGap: ROW_MAX_BYTES,
        gapLimit: 'row',
        maxCount: this.maxRows + 1,
      });
    if (path === 'xl/sharedStrings.xml')
      return new Inflated(this.budget, XLSX_MAX_BYTES, {
        marker: '<si',
        maxGap: STRING_MAX_BYTES,
        gapLimit: 'sharedStrings',
      });
    return new Inflated(this.budget, XLSX_MAX_PART_BYTES);
  }

  /** The shared strings as plain text, in their order (exceljs numbers them 0, 1, 2 …). */
  private async keepStrings(entry: Readable) {
    for await (const value of this._parseSharedStrings(entry)) {
      const t = value.text;
      const text = t == null ? '' : typeof t === 'string' ? t : t.richText.map((r) => r.text ?? '').join('');
      this.strings.push(text);
      if (this.strings.bytes > SHARED_STRINGS_MAX_BYTES)
        throw new FileTooLarge('sharedStrings', SHARED_STRINGS_MAX_BYTES);
    }
  }

  /** Stops reading (the upload, the zip) and removes the sheets waiting on disk. */
  async close() {
    this.input.unpipe();
    this.input.destroy();
    (this.zip as unknown as Readable | undefined)?.destroy();
    this.strings.clear();
    if (this.tmp) await rm(this.tmp, { recursive: true, force: true });
  }
}
