import type { Locale, ProductListItem, ProductListQuery } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { fieldAccess } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import type { TableSource } from '../../platform/table-file.ts';
import * as repo from './repository.ts';
import { ENTITY, toProductListItem } from './service.ts';

type Column = {
  key: keyof ProductListItem;
  zh: string;
  en: string;
  value?: (r: ProductListItem, l: Locale) => unknown;
};

const statusNames = { 'on-sale': ['在售', 'On sale'], discontinued: ['停售', 'Discontinued'] } as const;

const columns: Column[] = [
  { key: 'code', zh: '产品编码', en: 'Code' },
  { key: 'name', zh: '产品名称', en: 'Name' },
  { key: 'categoryName', zh: '产品分类', en: 'Category' },
  { key: 'model', zh: '型号', en: 'Model' },
  { key: 'spec', zh: '规格/批次', en: 'Spec / batch' },
  { key: 'unitName', zh: '单位', en: 'Unit' },
  { key: 'listPrice', zh: '标准价', en: 'List price' },
  { key: 'cost', zh: '成本', en: 'Cost' },
  { key: 'warrantyMonths', zh: '保修期（月）', en: 'Warranty (months)' },
  {
    key: 'tracksStock',
    zh: '库存管理',
    en: 'Kept in stock',
    value: (r, l) => (r.tracksStock ? ['实物', 'Goods'] : ['服务', 'Service'])[l === 'zh-CN' ? 0 : 1],
  },
  { key: 'status', zh: '状态', en: 'Status', value: (r, l) => statusNames[r.status][l === 'zh-CN' ? 0 : 1] },
];

const BATCH = 250;

/**
 * The products of a list view (same filters) as a table, by code; a column whose field is hidden
 * to the caller (成本) is left out entirely, not emptied. Audited once written. Read on `readDb`
 * (the replica, platform/read-db.ts), audited on `db`.
 */
export function productExport(
  db: Db,
  c: Caller,
  q: Partial<ProductListQuery>,
  locale: Locale,
  readDb: Db = db,
): TableSource {
  const visible = columns.filter((col) => fieldAccess(c.p, ENTITY, String(col.key)) !== 'hidden');
  let count = 0;
  async function* blocks() {
    yield [visible.map((col) => (locale === 'zh-CN' ? col.zh : col.en))];
    let after: { code: string; id: string } | null = null;
    for (;;) {
      const rows = await repo.exportBatch(readDb, c.p.tenantId, q, after, BATCH);
      yield rows.map((row) => {
        const item = toProductListItem(c.p, row);
        return visible.map((col) => (col.value ? col.value(item, locale) : item[col.key]));
      });
      count += rows.length;
      if (rows.length < BATCH) break;
      const last = rows[rows.length - 1];
      after = { code: last.code as string, id: last.id as string };
    }
  }
  return {
    sheet: 'products',
    blocks: blocks(),
    finish: () =>
      writeAudit(db, c.actor, {
        action: 'export',
        entity: ENTITY,
        summary: `${count}`,
        changes: { filters: [null, q] },
      }),
  };
}
