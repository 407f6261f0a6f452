import { exportLimits, type Locale, type Opportunity, type OpportunityListQuery } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError } from '../../platform/errors.ts';
import type { TableSource } from '../../platform/table-file.ts';
import { toOpportunities } from './answers.ts';
import * as repo from './repository.ts';
import { ENTITY } from './service.ts';

type Column = {
  key: keyof Opportunity;
  zh: string;
  en: string;
  value?: (o: Opportunity, zh: boolean) => unknown;
};

const statusNames: Record<Opportunity['status'], [string, string]> = {
  unassigned: ['待指派', 'Unassigned'],
  developing: ['开发中', 'Developing'],
  won: ['开发成功', 'Won'],
  lost: ['开发失败', 'Lost'],
};

const columns: Column[] = [
  { key: 'title', zh: '机会名称', en: 'Title' },
  { key: 'customerName', zh: '客户', en: 'Customer', value: (o) => o.customerName ?? o.prospectName },
  { key: 'productName', zh: '产品', en: 'Product' },
  { key: 'expectedAmount', zh: '预计金额', en: 'Expected amount' },
  { key: 'probability', zh: '赢单率(%)', en: 'Probability (%)' },
  { key: 'weightedAmount', zh: '加权金额', en: 'Weighted amount' },
  { key: 'stageName', zh: '阶段', en: 'Stage' },
  { key: 'status', zh: '状态', en: 'Status', value: (o, zh) => statusNames[o.status][zh ? 0 : 1] },
  { key: 'expectedCloseDate', zh: '预计成交日期', en: 'Expected close' },
  { key: 'sourceName', zh: '来源', en: 'Source' },
  { key: 'ownerName', zh: '负责人', en: 'Owner' },
  { key: 'departmentName', zh: '部门', en: 'Department' },
  { key: 'creatorName', zh: '创建人', en: 'Creator' },
  { key: 'stalled', zh: '停滞', en: 'Stalled', value: (o, zh) => (o.stalled ? (zh ? '是' : 'yes') : '') },
  { key: 'lostReasonName', zh: '失败原因', en: 'Lost reason' },
  { key: 'closedAt', zh: '关闭时间', en: 'Closed' },
  { key: 'createdAt', zh: '创建时间', en: 'Created' },
];

const BATCH = 250;

/**
 * A direct download of the list view (same filters and scope), at most `exportLimits.directRows`
 * rows (413 EXPORT_TOO_LARGE before the file starts); audited once written. Counted and read on
 * `readDb` (the replica, platform/read-db.ts), audited on `db`.
 */
export async function opportunityExport(
  db: Db,
  c: Caller,
  q: Partial<OpportunityListQuery>,
  locale: Locale,
  readDb: Db = db,
): Promise<TableSource> {
  const max = exportLimits.directRows;
  if ((await repo.countUpTo(readDb, c.p, q, max + 1)) > max)
    throw new AppError('EXPORT_TOO_LARGE', { limit: max });
  const zh = locale === 'zh-CN';
  let count = 0;
  async function* blocks() {
    yield [columns.map((col) => (zh ? col.zh : col.en))];
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const rows = await repo.exportBatch(readDb, c.p, q, after, BATCH);
      const items = await toOpportunities(readDb, c.p, rows);
      yield items.map((o) => columns.map((col) => (col.value ? col.value(o, zh) : o[col.key])));
      count += rows.length;
      if (rows.length < BATCH) break;
      const last = rows[rows.length - 1];
      after = { at: last.keyset_at as string, id: last.id as string };
    }
  }
  return {
    sheet: 'opportunities',
    blocks: blocks(),
    finish: () =>
      writeAudit(db, c.actor, {
        action: 'export',
        entity: ENTITY,
        summary: String(count),
        changes: { filters: [null, q] },
      }),
  };
}
