import type { FastifyReply } from 'fastify';
import { type TableFormat, type TableSource, tableFile } from './table-file.ts';

const contentTypes: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Answers a table as a download: `<name>-<YYYY-MM-DD>.<format>`, the name URL-encoded for any
 * language, streamed as the client reads it.
 */
export function sendTable(reply: FastifyReply, name: string, format: TableFormat, source: TableSource) {
  const file = `${name}-${new Date().toISOString().slice(0, 10)}.${format}`;
  return reply
    .header('content-type', contentTypes[format])
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file)}`)
    .send(tableFile(format, source) as never);
}
