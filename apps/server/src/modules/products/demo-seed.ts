import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { writeAudit } from '../../platform/audit.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { PRICE_LIST_ENTITY } from './price-lists-service.ts';
import * as repo from './repository.ts';
import { ENTITY, productSearchText } from './service.ts';

type DemoProduct = [
  code: string,
  name: string,
  category: string,
  model: string | null,
  unit: string,
  listPrice: string,
  cost: string,
  warrantyMonths: number | null,
];

/** The demo catalogue: an office-equipment dealer's machines, parts, software, services and consumables. */
const catalogue: DemoProduct[] = [
  ['HW-P100', '激光打印机 P100', 'machines', 'P100', '台', '2680.00', '1850.00', 12],
  ['HW-P300', '彩色激光打印机 P300', 'machines', 'P300C', '台', '5980.00', '4200.00', 12],
  ['HW-M500', '多功能一体机 M500', 'machines', 'M500', '台', '12800.00', '9300.00', 24],
  ['HW-S200', '高速扫描仪 S200', 'machines', 'S200', '台', '4580.00', '3100.00', 12],
  ['HW-PJ80', '商务投影仪 PJ80', 'machines', 'PJ80', '台', '6990.00', '5200.00', 24],
  ['PT-TR01', '定影组件 TR01', 'parts', 'TR01', '个', '680.00', '420.00', 6],
  ['PT-DR02', '硒鼓单元 DR02', 'parts', 'DR02', '个', '460.00', '260.00', 6],
  ['PT-FD03', '自动进纸器 FD03', 'parts', 'FD03', '个', '1280.00', '860.00', 6],
  ['PT-NC04', '网络打印模块 NC04', 'parts', 'NC04', '个', '890.00', '560.00', 12],
  ['SW-DOC', '文档管理软件 标准版', 'software', 'V5', '套', '9800.00', '2000.00', null],
  ['SW-DOC-E', '文档管理软件 企业版', 'software', 'V5E', '套', '29800.00', '5000.00', null],
  ['SW-PRT', '打印计费系统', 'software', 'PM3', '套', '15800.00', '3000.00', null],
  ['SV-INST', '上门安装调试', 'services', null, '小时', '200.00', '80.00', null],
  ['SV-MAINT', '年度维保服务', 'services', null, '年', '3600.00', '1500.00', null],
  ['SV-TRAIN', '操作培训', 'services', null, '小时', '300.00', '120.00', null],
  ['CS-TN12', '黑色碳粉 TN12', 'consumables', 'TN12', '箱', '320.00', '180.00', null],
  ['CS-TN12C', '彩色碳粉套装 TN12C', 'consumables', 'TN12C', '套', '980.00', '610.00', null],
  ['CS-A4', 'A4 复印纸 70g', 'consumables', 'A4-70', '箱', '165.00', '120.00', null],
  ['CS-A3', 'A3 复印纸 80g', 'consumables', 'A3-80', '箱', '238.00', '175.00', null],
  ['SL-OFFICE', '智能办公打印解决方案', 'solutions', null, '套', '88000.00', '52000.00', 36],
];

/** Key-account prices (重点客户价) on the machines and the software: about 8 % off. */
const keyAccountPrices: Record<string, string> = {
  'HW-P100': '2480.00',
  'HW-P300': '5500.00',
  'HW-M500': '11800.00',
  'HW-S200': '4200.00',
  'SW-DOC': '8900.00',
  'SW-DOC-E': '27500.00',
  'CS-TN12': '295.00',
};

/** Dictionary items by code (categories) or name (units, levels): reference data, read only. */
async function items(db: Db, tenantId: string, type: string) {
  const rows = (
    await db.execute(
      sql`SELECT id, name, code FROM dictionary_items WHERE tenant_id = ${tenantId} AND type = ${type} AND valid`,
    )
  ).rows as { id: string; name: string; code: string | null }[];
  return new Map(
    rows.flatMap((r) => [[r.name, r.id] as const, ...(r.code ? [[r.code, r.id] as const] : [])]),
  );
}

/** 产品 and a 重点客户 price list of the demo tenant (manifest `seedDemo`), by its supervisor 赵敏. */
export async function seedDemoProducts(db: Db, demo: DemoTenant) {
  const tenantId = demo.tenantId;
  const [categories, units, levels] = await Promise.all([
    items(db, tenantId, 'product-category'),
    items(db, tenantId, 'product-unit'),
    items(db, tenantId, 'customer-level'),
  ]);
  const who = (
    await db.execute(sql`SELECT id, name FROM users WHERE tenant_id = ${tenantId} AND username = 'zhaomin'`)
  ).rows[0] as { id: string; name: string } | undefined;
  const actor = { tenantId, userId: who?.id ?? null, userName: who?.name ?? null };
  await db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const [code, name, category, model, unit, listPrice, cost, warrantyMonths] of catalogue) {
      const id = uuidv7();
      ids.set(code, id);
      await repo.insertProduct(tx, {
        id,
        tenantId,
        createdBy: actor.userId,
        code,
        name,
        categoryId: categories.get(category) ?? null,
        model,
        spec: null,
        unit: units.get(unit) ?? null,
        listPrice,
        cost,
        warrantyMonths,
        // services and software licences are sold, never kept in a warehouse
        tracksStock: category !== 'services' && category !== 'software',
        status: code === 'HW-P100' ? 'discontinued' : 'on-sale',
        searchText: productSearchText({ code, name, model }),
      });
      await writeAudit(tx, actor, {
        action: 'create',
        entity: ENTITY,
        entityId: id,
        summary: `${code} ${name}`,
      });
    }
    const keyAccount = levels.get('重点客户');
    if (!keyAccount) return;
    const listId = uuidv7();
    const year = new Date().getUTCFullYear();
    await repo.insertPriceList(tx, {
      id: listId,
      tenantId,
      createdBy: actor.userId,
      name: `${year} 重点客户价`,
      validFrom: `${year}-01-01`,
      validTo: `${year + 1}-12-31`,
    });
    await repo.setLevels(tx, tenantId, listId, [keyAccount]);
    await repo.setItems(
      tx,
      tenantId,
      listId,
      Object.entries(keyAccountPrices).map(([code, price]) => ({ productId: ids.get(code)!, price })),
    );
    await writeAudit(tx, actor, {
      action: 'create',
      entity: PRICE_LIST_ENTITY,
      entityId: listId,
      summary: `${year} 重点客户价`,
    });
  });
}
