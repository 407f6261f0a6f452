import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import type { Actor } from '../../platform/audit.ts';
import { writeAudit } from '../../platform/audit.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { productIdsByCodes } from '../products/published.ts';
import { appendEntry, lockBalances, newMoveId } from './ledger.ts';
import * as repo from './repository.ts';
import { MOVE_ENTITY, WAREHOUSE_ENTITY } from './service.ts';

const warehouses = [
  {
    code: 'SH01',
    name: '上海总仓',
    address: '上海市浦东新区张江路 88 号',
    locations: [
      ['A-01', 'A 区 01 架'],
      ['A-02', 'A 区 02 架'],
      ['B-01', 'B 区 01 架'],
    ],
  },
  {
    code: 'HZ01',
    name: '杭州分仓',
    address: '杭州市西湖区文三路 128 号',
    locations: [
      ['1-01', '一层 01'],
      ['1-02', '一层 02'],
    ],
  },
] as const;

/** 入库 per product: [code, 上海, 杭州]; then a few outs and a transfer so the ledger has history. */
const stock: [string, number, number][] = [
  ['HW-P300', 24, 8],
  ['HW-M500', 10, 4],
  ['HW-S200', 15, 6],
  ['HW-PJ80', 12, 0],
  ['PT-TR01', 60, 20],
  ['PT-DR02', 80, 30],
  ['PT-FD03', 20, 5],
  ['PT-NC04', 25, 10],
  ['CS-TN12', 200, 80],
  ['CS-TN12C', 60, 20],
  ['CS-A4', 500, 200],
  ['CS-A3', 120, 40],
];

/** Two demo warehouses with locations and stock as ledger entries (manifest `seedDemo`). */
export async function seedDemoInventory(db: Db, demo: DemoTenant) {
  const tenantId = demo.tenantId;
  const who = (
    await db.execute(sql`SELECT id, name FROM users WHERE tenant_id = ${tenantId} AND username = 'zhaomin'`)
  ).rows[0] as { id: string; name: string } | undefined;
  const actor: Actor = { tenantId, userId: who?.id ?? null, userName: who?.name ?? null };
  const products = await productIdsByCodes(
    db,
    tenantId,
    stock.map(([code]) => code),
  );
  await db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const w of warehouses) {
      const id = uuidv7();
      ids.push(id);
      await repo.insertWarehouse(tx, {
        id,
        tenantId,
        createdBy: actor.userId,
        code: w.code,
        name: w.name,
        address: w.address,
      });
      await repo.replaceLocations(
        tx,
        tenantId,
        id,
        w.locations.map(([code, name]) => ({ id: uuidv7(), code, name })),
        [],
      );
      await writeAudit(tx, actor, {
        action: 'create',
        entity: WAREHOUSE_ENTITY,
        entityId: id,
        summary: w.name,
      });
    }
    const move = async (
      kind: 'in' | 'out' | 'transfer',
      productId: string,
      legs: [string, number][],
      note: string,
    ) => {
      const balances = await lockBalances(
        tx,
        tenantId,
        productId,
        legs.map(([w]) => w),
      );
      const moveId = newMoveId();
      for (const [warehouseId, quantity] of legs)
        await appendEntry(tx, tenantId, balances, {
          moveId,
          kind,
          productId,
          warehouseId,
          quantity: String(quantity),
          note,
          createdBy: actor.userId,
        });
      await writeAudit(tx, actor, {
        action: `stock-${kind}`,
        entity: MOVE_ENTITY,
        entityId: moveId,
        summary: note,
      });
    };
    for (const [code, shanghai, hangzhou] of stock) {
      const productId = products.get(code);
      if (!productId) continue;
      if (shanghai) await move('in', productId, [[ids[0], shanghai]], '期初入库');
      if (hangzhou) await move('in', productId, [[ids[1], hangzhou]], '期初入库');
    }
    const toner = products.get('CS-TN12');
    if (toner) {
      await move('out', toner, [[ids[0], -20]], '领用出库');
      await move(
        'transfer',
        toner,
        [
          [ids[0], -30],
          [ids[1], 30],
        ],
        '补充杭州分仓',
      );
    }
  });
}
