/**
 * What an export of customers holds (modules/exports writes it as a job's file; GET
 * /customers/export streams it directly): the rows of a list view — same filters, same scope —
 * with field permissions applied, and their columns.
 */
import { type Customer, type CustomerListQuery, exportLimits, type Locale } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { fieldAccess } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError } from '../../platform/errors.ts';
import type { TableFormat, TableSource } from '../../platform/table-file.ts';
import { type CustomListSql, exportColumns as customExportColumns } from '../custom-fields/service.ts';
import { toCustomer } from './mapping.ts';
import { countListUpTo, exportBatch, listCustomers } from './repository.ts';
import { customListSql } from './service.ts';

type Column = {
  key: keyof Customer;
  zh: string;
  en: string;
  value?: (c: Customer, locale: Locale) => unknown;
};

const inLocale = (locale: Locale, [zh, en]: [string, string]) => (locale === 'zh-CN' ? zh : en);

const typeNames: Record<string, [string, string]> = {
  direct: ['直接客户', 'Direct'],
  distributor: ['分销商', 'Distributor'],
  individual: ['个人', 'Individual'],
};

/** The columns of a customer export, in order (hidden fields are left out per caller). */
const exportColumns: Column[] = [
  { key: 'number', zh: '客户编号', en: 'Number' },
  { key: 'name', zh: '客户名称', en: 'Name' },
  { key: 'shortName', zh: '简称', en: 'Short name' },
  { key: 'type', zh: '客户类型', en: 'Type', value: (c, l) => inLocale(l, typeNames[c.type]) },
  { key: 'levelName', zh: '客户等级', en: 'Level' },
  { key: 'sourceName', zh: '客户来源', en: 'Source' },
  { key: 'industryName', zh: '行业', en: 'Industry' },
  { key: 'statusName', zh: '客户状态', en: 'Status' },
  { key: 'intentionName', zh: '客户意向', en: 'Intention' },
  { key: 'regionName', zh: '地区', en: 'Region' },
  { key: 'address', zh: '地址', en: 'Address' },
  { key: 'lat', zh: '纬度', en: 'Latitude' },
  { key: 'lng', zh: '经度', en: 'Longitude' },
  { key: 'phone', zh: '电话', en: 'Phone' },
  { key: 'mobile', zh: '手机', en: 'Mobile' },
  { key: 'email', zh: '邮箱', en: 'Email' },
  { key: 'website', zh: '网址', en: 'Website' },
  { key: 'taxNumber', zh: '税号', en: 'Tax number' },
  { key: 'bankName', zh: '开户行', en: 'Bank' },
  { key: 'bankAccount', zh: '银行账号', en: 'Bank account' },
  { key: 'credit', zh: '信用等级', en: 'Credit' },
  { key: 'satisfaction', zh: '满意度', en: 'Satisfaction' },
  { key: 'legalRepresentative', zh: '法人代表', en: 'Legal representative' },
  { key: 'registeredCapital', zh: '注册资本', en: 'Registered capital' },
  { key: 'annualTurnover', zh: '年营业额', en: 'Annual turnover' },
  { key: 'tags', zh: '标签', en: 'Tags', value: (c) => c.tags.join('、') },
  { key: 'ownerName', zh: '负责人', en: 'Owner' },
  { key: 'departmentName', zh: '部门', en: 'Department' },
  { key: 'poolName', zh: '公海', en: 'Pool' },
  {
    key: 'valid',
    zh: '是否有效',
    en: 'Valid',
    value: (c, l) => inLocale(l, c.valid ? ['有效', 'yes'] : ['已失效', 'no']),
  },
  { key: 'invalidReason', zh: '失效原因', en: 'Why invalid' },
  { key: 'nextFollowUpAt', zh: '下次跟进', en: 'Next follow-up' },
  { key: 'lastFollowUpAt', zh: '最后跟进', en: 'Last follow-up' },
  { key: 'protectedUntil', zh: '保护期至', en: 'Protected until' },
  { key: 'createdAt', zh: '创建时间', en: 'Created' },
  { key: 'profile', zh: '公司简介', en: 'Profile' },
];

/**
 * Rows per read. Each read holds the embedded database (and, on PGlite, the event loop) for its
 * length: 1,000 decorated rows take 130–500 ms there, 250 take ~35 ms, so other requests slip in
 * between two reads of a long export.
 */
const BATCH = 250;

/**
 * The customers of a list view as a table: the header (the caller's visible columns, then the
 * enabled custom fields by title), then batches of rows (BATCH) by keyset with field permissions
 * applied (hidden columns dropped, masked values masked; option labels and user names for custom
 * fields); audited once the file is written (`finish`). `custom`: the query's custom-field
 * filters, when the caller checked them before streaming.
 */
export function customerExport(
  db: Db,
  c: Caller,
  q: Partial<CustomerListQuery>,
  format: TableFormat,
  locale: Locale,
  {
    batchSize = BATCH,
    custom,
    onProgress,
    readDb = db,
  }: {
    batchSize?: number;
    custom?: CustomListSql;
    /** Called after each batch with the rows read so far (export jobs show progress). */
    onProgress?: (written: number) => Promise<void>;
    /** Where the rows are read (the replica, platform/read-db.ts); the audit goes to `db`. */
    readDb?: Db;
  } = {},
): TableSource {
  const columns = exportColumns.filter((col) => fieldAccess(c.p, 'customers', String(col.key)) !== 'hidden');
  let count = 0;
  async function* blocks() {
    const filters = custom ?? (await customListSql(db, c.p, q));
    const extra = await customExportColumns(db, c.p.tenantId, 'customers');
    yield [
      [...columns.map((col) => (locale === 'zh-CN' ? col.zh : col.en)), ...extra.map((col) => col.title)],
    ];
    let after: { createdAt: string; id: string } | null = null;
    for (;;) {
      const rows = await exportBatch(readDb, c.p, q, c.timeZone, after, batchSize, filters);
      yield rows.map((row) => {
        const customer = toCustomer(c.p, row);
        return [
          ...columns.map((col) => (col.value ? col.value(customer, locale) : customer[col.key])),
          ...extra.map((col) => col.value(customer.custom)),
        ];
      });
      count += rows.length;
      await onProgress?.(count);
      if (rows.length < batchSize) break;
      const last = rows[rows.length - 1];
      after = { createdAt: last.keyset_at as string, id: last.id as string };
    }
  }
  return {
    sheet: 'customers',
    blocks: blocks(),
    finish: () =>
      writeAudit(db, c.actor, {
        action: 'export',
        entity: 'customers',
        summary: `${count} (${format})`,
        changes: { filters: [null, q] },
      }),
  };
}

/** How many customers an export of the list view will hold (an exact count, whatever the size). */
export async function countCustomerExport(
  db: Db,
  c: Caller,
  q: Partial<CustomerListQuery>,
  custom?: CustomListSql,
): Promise<number> {
  const counted = await listCustomers(
    db,
    c.p,
    { ...q, page: 1, pageSize: 1, exactTotal: 'true', state: q.state ?? 'active' } as CustomerListQuery,
    c.timeZone,
    custom ?? (await customListSql(db, c.p, q)),
  );
  return counted.total;
}

/**
 * A direct download is for small lists only: past `exportLimits.directRows` rows it is 413
 * `EXPORT_TOO_LARGE` before the file starts (a big list is a job: POST /customers/exports, with
 * its concurrency limits), so ten people downloading 200k rows at once cannot starve the server.
 */
export async function assertDirectExportFits(
  db: Db,
  c: Caller,
  q: Partial<CustomerListQuery>,
  custom: CustomListSql,
): Promise<void> {
  const max = exportLimits.directRows;
  const rows = await countListUpTo(db, c.p, q, c.timeZone, max + 1, custom);
  if (rows > max) throw new AppError('EXPORT_TOO_LARGE', { limit: max });
}
