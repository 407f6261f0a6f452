import type {
  CreateStockMove,
  CreateWarehouse,
  ListResponse,
  StockBalance,
  StockEntry,
  StockLedgerQuery,
  StockOverviewItem,
  StockOverviewQuery,
  UpdateWarehouse,
  Warehouse,
} from '@guanxi/contract';
import { fromScaled, normalizeQuantity, QUANTITY_SCALE, toScaled } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { diff, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { productsByIds } from '../products/published.ts';
import { listProducts } from '../products/service.ts';
import { appendEntry, type Entry, lockBalances, newMoveId, warehouseStatus } from './ledger.ts';
import * as repo from './repository.ts';

export const WAREHOUSE_ENTITY = 'warehouses';
export const MOVE_ENTITY = 'stock-moves';

// ---- warehouses ----

async function toWarehouses(db: Db, tenantId: string, rows: repo.WarehouseRow[]): Promise<Warehouse[]> {
  const ids = rows.map((r) => r.id);
  const [locations, inUse] = await Promise.all([
    repo.locationsOf(db, tenantId, ids),
    repo.warehousesInUse(db, tenantId, ids),
  ]);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    code: r.code,
    name: r.name,
    address: r.address,
    status: r.status,
    locations: locations
      .filter((l) => l.warehouseId === r.id)
      .map((l) => ({ id: l.id, code: l.code, name: l.name })),
    inUse: inUse.has(r.id),
  }));
}

/** Every warehouse of the tenant (disabled ones too: the ledger still names them). */
export async function listWarehouses(db: Db, p: Principal): Promise<Warehouse[]> {
  return toWarehouses(db, p.tenantId, await repo.listWarehouses(db, p.tenantId));
}

export async function getWarehouse(db: Db, p: Principal, id: string): Promise<Warehouse> {
  const row = await repo.findWarehouse(db, p.tenantId, id);
  if (!row) throw notFound();
  return (await toWarehouses(db, p.tenantId, [row]))[0];
}

const auditable = (r: repo.WarehouseRow, locations: { code: string; name: string }[]) => ({
  code: r.code,
  name: r.name,
  address: r.address,
  status: r.status,
  locations: locations.map((l) => `${l.code} ${l.name}`).sort(),
});

async function assertCodeFree(db: Db, tenantId: string, code: string, exceptId?: string) {
  if (await repo.codeTaken(db, tenantId, code, exceptId))
    throw new AppError('WAREHOUSE_CODE_TAKEN', [{ path: 'code', message: code }]);
}

/** Location codes are unique in their warehouse (case aside). */
function checkLocationCodes(locations: { code: string }[]) {
  const seen = new Set<string>();
  locations.forEach((l, i) => {
    const key = l.code.toLowerCase();
    if (seen.has(key)) throw invalid(`locations.${i}.code`, 'appears twice');
    seen.add(key);
  });
}

export async function createWarehouse(db: Db, c: Caller, input: CreateWarehouse): Promise<Warehouse> {
  const tenantId = c.p.tenantId;
  const locations = (input.locations ?? []).map((l) => ({ id: uuidv7(), code: l.code, name: l.name }));
  checkLocationCodes(locations);
  await assertCodeFree(db, tenantId, input.code);
  const id = uuidv7();
  await db.transaction(async (tx) => {
    const row = await repo.insertWarehouse(tx, {
      id,
      tenantId,
      createdBy: c.p.userId,
      code: input.code,
      name: input.name,
      address: input.address ?? null,
      status: input.status ?? 'active',
    });
    await repo.replaceLocations(tx, tenantId, id, locations, []);
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: WAREHOUSE_ENTITY,
      entityId: id,
      summary: `${row.code} ${row.name}`,
      changes: diff(null, auditable(row, locations)),
    });
  });
  return getWarehouse(db, c.p, id);
}

export async function updateWarehouse(
  db: Db,
  c: Caller,
  id: string,
  input: UpdateWarehouse,
): Promise<Warehouse> {
  const { version, locations, ...fields } = input;
  const tenantId = c.p.tenantId;
  await db.transaction(async (tx) => {
    const before = await repo.lockWarehouse(tx, tenantId, id);
    if (!before) throw notFound();
    checkVersion(before, version);
    if (fields.code !== undefined && fields.code.toLowerCase() !== before.code.toLowerCase())
      await assertCodeFree(tx, tenantId, fields.code, id);
    const existing = await repo.locationsOf(tx, tenantId, [id]);
    let next = existing.map((l) => ({ id: l.id, code: l.code, name: l.name }));
    if (locations) {
      const unknown = locations.findIndex((l) => l.id && !existing.some((x) => x.id === l.id));
      if (unknown >= 0) throw invalid(`locations.${unknown}.id`, 'not a location of this warehouse');
      next = locations.map((l) => ({ id: l.id ?? uuidv7(), code: l.code, name: l.name }));
      checkLocationCodes(next);
      const removed = existing.filter((x) => !next.some((l) => l.id === x.id)).map((x) => x.id);
      if ((await repo.locationsInUse(tx, tenantId, removed)).size) throw new AppError('LOCATION_IN_USE');
      await repo.replaceLocations(tx, tenantId, id, next, existing);
    }
    const values = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const after = await requireUpdated(
      await repo.updateWarehouse(tx, tenantId, id, version, values),
      async () => true,
    );
    const changes = diff(auditable(before, existing), auditable(after, next));
    if (Object.keys(changes).length)
      await writeAudit(tx, c.actor, {
        action: 'update',
        entity: WAREHOUSE_ENTITY,
        entityId: id,
        summary: `${after.code} ${after.name}`,
        changes,
      });
  });
  return getWarehouse(db, c.p, id);
}

/** Only a warehouse the ledger never named is deleted; one in use is disabled instead. */
export async function deleteWarehouse(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await repo.lockWarehouse(tx, c.p.tenantId, id);
    if (!before) throw notFound();
    checkVersion(before, version);
    if ((await repo.warehousesInUse(tx, c.p.tenantId, [id])).size) throw new AppError('WAREHOUSE_IN_USE');
    await repo.updateWarehouse(tx, c.p.tenantId, id, version, { deletedAt: new Date() });
    await writeAudit(tx, c.actor, {
      action: 'delete',
      entity: WAREHOUSE_ENTITY,
      entityId: id,
      summary: `${before.code} ${before.name}`,
    });
  });
}

// ---- moves ----

async function toEntries(db: Db, tenantId: string, rows: Record<string, unknown>[]): Promise<StockEntry[]> {
  const products = await productsByIds(
    db,
    tenantId,
    rows.map((r) => r.product_id as string),
  );
  return rows.map((r) => {
    const product = products.get(r.product_id as string);
    return {
      id: r.id as string,
      moveId: r.move_id as string,
      kind: r.kind as StockEntry['kind'],
      productId: r.product_id as string,
      productCode: product?.code ?? '',
      productName: product?.name ?? '',
      warehouseId: r.warehouse_id as string,
      warehouseName: (r.warehouse_name as string | null) ?? '',
      locationId: (r.location_id as string | null) ?? null,
      locationName: (r.location_name as string | null) ?? null,
      quantity: normalizeQuantity(r.quantity_text as string),
      balanceAfter: normalizeQuantity(r.balance_text as string),
      note: (r.note as string | null) ?? null,
      reference: r.ref_id
        ? { type: 'order' as const, id: r.ref_id as string, number: (r.ref_number as string | null) ?? '' }
        : null,
      createdAt: new Date(r.created_at as string).toISOString(),
      createdBy: (r.created_by as string | null) ?? null,
      createdByName: (r.created_by_name as string | null) ?? null,
    };
  });
}

/** A warehouse that takes moves: the tenant's (400 otherwise) and active (409 WAREHOUSE_INACTIVE). */
async function assertOpen(db: Db, tenantId: string, id: string, path: string) {
  const status = await warehouseStatus(db, tenantId, id);
  if (!status) throw invalid(path, 'no such warehouse');
  if (status !== 'active') throw new AppError('WAREHOUSE_INACTIVE', [{ path, message: 'inactive' }]);
}

const negate = (q: string) => fromScaled(-toScaled(q, QUANTITY_SCALE), QUANTITY_SCALE);

/**
 * 入库 / 出库 / 调拨 / 盘点调整 as ledger entries (a transfer is two: out of one warehouse, into
 * the other), their balances moved in the same transaction; a move that would leave less than
 * zero anywhere writes nothing (409 INSUFFICIENT_STOCK). Audited as one move.
 */
export async function createStockMove(db: Db, c: Caller, input: CreateStockMove): Promise<StockEntry[]> {
  const tenantId = c.p.tenantId;
  const product = (await productsByIds(db, tenantId, [input.productId])).get(input.productId);
  if (!product) throw invalid('productId', 'no such product');
  if (!product.tracksStock) throw invalid('productId', 'a service: not kept in stock');
  if (input.locationId) {
    const locations = await repo.locationsOf(db, tenantId, [input.warehouseId]);
    if (!locations.some((l) => l.id === input.locationId))
      throw invalid('locationId', 'not a location of this warehouse');
  }
  const moveId = newMoveId();
  const quantity = input.quantity.trim();
  const base = {
    moveId,
    kind: input.kind,
    productId: input.productId,
    locationId: input.locationId ?? null,
    note: input.note ?? null,
    createdBy: c.p.userId,
  };
  const entries: Entry[] =
    input.kind === 'transfer'
      ? [
          { ...base, warehouseId: input.warehouseId, quantity: negate(quantity) },
          // the location names the source warehouse's
          { ...base, warehouseId: input.toWarehouseId!, locationId: null, quantity },
        ]
      : [
          {
            ...base,
            warehouseId: input.warehouseId,
            quantity: input.kind === 'out' ? negate(quantity) : quantity,
          },
        ];
  await db.transaction(async (tx) => {
    await assertOpen(tx, tenantId, input.warehouseId, 'warehouseId');
    if (input.toWarehouseId) await assertOpen(tx, tenantId, input.toWarehouseId, 'toWarehouseId');
    const balances = await lockBalances(
      tx,
      tenantId,
      input.productId,
      entries.map((e) => e.warehouseId),
    );
    const after: string[] = [];
    for (const e of entries) after.push((await appendEntry(tx, tenantId, balances, e)).balanceAfter);
    await writeAudit(tx, c.actor, {
      action: `stock-${input.kind}`,
      entity: MOVE_ENTITY,
      entityId: moveId,
      summary: `${product.code} ${product.name} ${normalizeQuantity(entries[0].quantity)}`,
      changes: {
        productId: [null, input.productId],
        warehouseId: [null, input.warehouseId],
        ...(input.toWarehouseId ? { toWarehouseId: [null, input.toWarehouseId] } : {}),
        quantity: [null, normalizeQuantity(quantity)],
        ...(input.note ? { note: [null, input.note] } : {}),
      },
    });
  });
  return toEntries(db, tenantId, await repo.entriesOfMove(db, tenantId, moveId));
}

export async function listLedger(db: Db, c: Caller, q: StockLedgerQuery): Promise<ListResponse<StockEntry>> {
  const page = await repo.listLedger(db, c.p.tenantId, q, c.timeZone);
  return { ...page, data: await toEntries(db, c.p.tenantId, page.data) };
}

/**
 * `GET /stock?productId=`: the product's quantity in every warehouse that holds or held it, and
 * in every active one (0); 404 for a product that is not the tenant's.
 */
export async function stockOf(db: Db, p: Principal, productId: string): Promise<StockBalance[]> {
  if (!(await productsByIds(db, p.tenantId, [productId])).has(productId)) throw notFound();
  const [warehouses, balances] = await Promise.all([
    repo.listWarehouses(db, p.tenantId),
    repo.balancesOf(db, p.tenantId, [productId]),
  ]);
  return warehouses.flatMap((w) => {
    const b = balances.find((x) => x.warehouse_id === w.id);
    if (!b && w.status !== 'active') return [];
    return [{ warehouseId: w.id, warehouseName: w.name, quantity: normalizeQuantity(b?.quantity ?? '0') }];
  });
}

/**
 * 库存 by product: a page of the catalogue (its search and category filter; only products in
 * stock with `inStock`, or in `warehouseId`) with the total and each warehouse's quantity.
 */
export async function stockOverview(
  db: Db,
  p: Principal,
  q: StockOverviewQuery,
): Promise<ListResponse<StockOverviewItem>> {
  const { warehouseId, inStock, ...catalogue } = q;
  const page = await listProducts(db, p, {
    ...catalogue,
    stocked: inStock || warehouseId ? { warehouseId } : undefined,
  });
  const balances = await repo.balancesOf(
    db,
    p.tenantId,
    page.data.map((x) => x.id),
  );
  return {
    ...page,
    data: page.data.map((x) => {
      const own = balances.filter(
        (b) => b.product_id === x.id && (!warehouseId || b.warehouse_id === warehouseId),
      );
      const total = own.reduce((sum, b) => sum + toScaled(b.quantity, QUANTITY_SCALE), 0n);
      return {
        productId: x.id,
        code: x.code,
        name: x.name,
        model: x.model,
        unitName: x.unitName,
        status: x.status,
        total: normalizeQuantity(fromScaled(total, QUANTITY_SCALE)),
        warehouses: own.map((b) => ({
          warehouseId: b.warehouse_id,
          quantity: normalizeQuantity(b.quantity),
        })),
      };
    }),
  };
}
