import type { Locale } from '@guanxi/contract';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { type TableFormat, tableFile } from '../../platform/table-file.ts';

/** A column of a sales document export: its header per language and its cell. */
export type ExportColumn<T> = { zh: string; en: string; cell: (row: T) => unknown; when?: boolean };

/**
 * Streams the caller's documents (quotes, orders) as a CSV or XLSX file: the rows come from the
 * module's scoped reads with field rules applied (a column the caller may not see is left out,
 * not blanked), the export is audited once written.
 */
export function sendSalesExport<T>(
  db: Db,
  c: Caller,
  reply: FastifyReply,
  file: { entity: string; zh: string; en: string; format: TableFormat; locale: Locale },
  columns: ExportColumn<T>[],
  rows: AsyncIterable<T[]>,
) {
  const shown = columns.filter((col) => col.when !== false);
  const zh = file.locale === 'zh-CN';
  let count = 0;
  async function* blocks() {
    yield [shown.map((col) => (zh ? col.zh : col.en))];
    for await (const block of rows) {
      count += block.length;
      yield block.map((row) => shown.map((col) => col.cell(row)));
    }
  }
  const name = `${zh ? file.zh : file.en}-${new Date().toISOString().slice(0, 10)}.${file.format}`;
  const type =
    file.format === 'csv'
      ? 'text/csv; charset=utf-8'
      : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const stream = tableFile(file.format, {
    sheet: zh ? file.zh : file.en,
    blocks: blocks(),
    finish: () =>
      db.transaction((tx) =>
        writeAudit(tx, c.actor, { action: 'export', entity: file.entity, summary: `${count}` }),
      ),
  });
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(stream as never);
}
