import type { CustomerListQuery, Locale } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import type { Caller } from '../../platform/caller.ts';
import { type TableFormat, tableFile } from '../../platform/table-file.ts';
import type { CustomListSql } from '../custom-fields/service.ts';
import { customerExport } from './export-service.ts';

/**
 * GET /customers/export: the customers of a list view (same filters, same scope, field
 * permissions) streamed as a CSV or XLSX file and audited; see customerExport. The rows are
 * read on `readDb` (the replica, platform/read-db.ts), the audit written on `db`.
 */
export const exportCustomers = (
  db: Db,
  c: Caller,
  q: Partial<CustomerListQuery>,
  format: TableFormat,
  locale: Locale,
  batchSize?: number,
  custom?: CustomListSql,
  readDb: Db = db,
) => tableFile(format, customerExport(db, c, q, format, locale, { batchSize, custom, readDb }));
