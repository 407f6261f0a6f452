import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { type XlsxCell, xlsxWriter } from './xlsx-writer.ts';

export type TableFormat = 'csv' | 'xlsx';

/**
 * A table to write as a file: its rows in blocks (the header is a row like the others), pulled
 * one block at a time as the file is written; `finish` runs once every row is written, before the
 * file ends (a client holding the whole file finds it audited).
 */
export type TableSource = {
  sheet: string;
  blocks: AsyncIterable<unknown[][]>;
  finish?: () => Promise<void>;
};

/** A number as text: `-12.50`, `+3`, `1e5` — a spreadsheet reads it as a number, never a formula. */
const NUMERIC_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * A CSV cell a spreadsheet will not run as a formula (CSV injection, OWASP): a text starting with
 * `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`. Only text is touched: numbers
 * stay numbers, and a text that is just a number (money is a decimal string: `-1200.50`) stays
 * as it is, since a spreadsheet reads it as that number and nothing else. Every CSV the server
 * writes goes through this (table files here, the import error report).
 */
export function csvSafe<T>(value: T): T | string {
  if (typeof value !== 'string' || !/^[=+\-@\t\r]/.test(value) || NUMERIC_TEXT.test(value)) return value;
  return `'${value}`;
}

/** A sink for rows, a block at a time: CSV (with BOM, so Excel reads Chinese) or streamed XLSX. */
function sinkFor(format: TableFormat, sheetName: string, out: Writable) {
  if (format === 'csv') {
    const csv = stringify({ bom: true });
    csv.pipe(out);
    return {
      write: async (rows: XlsxCell[][]) => {
        for (const row of rows) if (!csv.write(row.map(csvSafe))) await once(csv, 'drain');
      },
      end: async () => {
        csv.end();
        await once(out, 'finish');
      },
    };
  }
  // Text cells are inline strings, never formulas: no apostrophe needed.
  const xlsx = xlsxWriter(out, { sheet: sheetName });
  return { write: (rows: XlsxCell[][]) => xlsx.addRows(rows), end: () => xlsx.end() };
}

/** A cell as a file holds it: empty for no value, lists joined with `、`, numbers as numbers. */
const cell = (v: unknown): XlsxCell =>
  v == null ? '' : Array.isArray(v) ? v.join('、') : typeof v === 'number' ? v : String(v);

/**
 * Streams a table as a CSV or XLSX file, reading the source only as fast as the file is consumed
 * (memory holds one block). An error of the source destroys the stream with it.
 */
export function tableFile(format: TableFormat, { sheet, blocks, finish }: TableSource) {
  const out = new PassThrough();
  const run = async () => {
    let sink: ReturnType<typeof sinkFor> | undefined;
    for await (const block of blocks) {
      sink ??= sinkFor(format, sheet, out);
      await sink.write(block.map((row) => row.map(cell)));
    }
    sink ??= sinkFor(format, sheet, out);
    await finish?.();
    await sink.end();
  };
  run().catch((err) => out.destroy(err));
  return out;
}
