import { fromScaled, normalizeQuantity, toScaled } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { propertyRuns, propertySeed } from '../../test/authz-property.ts';
import { makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { recordStockMove, warehouseExists } from './published.ts';

let t: TestContext;
let admin: Agent;
/** inventory:view + create, products:view: records moves, keeps no warehouses. */
let clerk: Agent;
let a: { id: string; version: number };
let b: { id: string; version: number };

async function makeWarehouse(body: Record<string, unknown> = {}) {
  const res = await admin.post('/api/v1/warehouses', { code: unique('W'), name: unique('仓库'), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; locations: { id: string; code: string }[] };
}

async function makeProduct() {
  const res = await admin.post('/api/v1/products', {
    code: unique('SKU-'),
    name: unique('产品'),
    listPrice: '10',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; code: string };
}

const move = (agent: Agent, body: Record<string, unknown>) => agent.post('/api/v1/stock-moves', body);

async function stock(productId: string) {
  const res = await clerk.get(`/api/v1/stock?productId=${productId}`);
  expect(res.statusCode, res.body).toBe(200);
  const rows = (res.json() as { data: { warehouseId: string; quantity: string }[] }).data;
  return (warehouseId: string) => rows.find((r) => r.warehouseId === warehouseId)?.quantity;
}

/** The balance row and the sum of the ledger of a product in a warehouse (straight from the tables). */
async function books(productId: string, warehouseId: string) {
  const result = await t.database.db.execute(
    sql`SELECT (SELECT quantity::text FROM stock_balances WHERE product_id = ${productId} AND warehouse_id = ${warehouseId}) AS balance,
      (SELECT coalesce(sum(quantity), 0)::numeric(15,3)::text FROM stock_entries WHERE product_id = ${productId} AND warehouse_id = ${warehouseId}) AS ledger,
      (SELECT count(*)::int FROM stock_entries WHERE product_id = ${productId} AND warehouse_id = ${warehouseId}) AS entries`,
  );
  const row = result.rows[0] as { balance: string | null; ledger: string; entries: number };
  return {
    balance: normalizeQuantity(row.balance ?? '0'),
    ledger: normalizeQuantity(row.ledger),
    entries: row.entries,
  };
}

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const role = await makeRole(admin, ['inventory:view', 'inventory:create', 'products:view']);
  const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
  clerk = await t.login(u.username);
  a = await makeWarehouse({ locations: [{ code: 'A-01', name: 'A 区 01 架' }] });
  b = await makeWarehouse();
});
afterAll(() => t.close());

describe('stock moves', () => {
  it('stocks in, transfers (two entries) and answers the stock by product', async () => {
    const p = await makeProduct();
    const res = await move(clerk, {
      kind: 'in',
      productId: p.id,
      warehouseId: a.id,
      quantity: '10.5',
      note: '采购',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data).toMatchObject([
      { kind: 'in', quantity: '10.5', balanceAfter: '10.5', productCode: p.code },
    ]);
    const transfer = await move(clerk, {
      kind: 'transfer',
      productId: p.id,
      warehouseId: a.id,
      toWarehouseId: b.id,
      quantity: '4',
    });
    expect(transfer.statusCode, transfer.body).toBe(201);
    const legs = transfer.json().data as {
      moveId: string;
      warehouseId: string;
      quantity: string;
      balanceAfter: string;
    }[];
    expect(legs).toHaveLength(2);
    expect(new Set(legs.map((l) => l.moveId)).size).toBe(1);
    expect(legs.map((l) => [l.warehouseId, l.quantity, l.balanceAfter]).sort()).toEqual(
      [
        [a.id, '-4', '6.5'],
        [b.id, '4', '4'],
      ].sort(),
    );
    const at = await stock(p.id);
    expect([at(a.id), at(b.id)]).toEqual(['6.5', '4']);
    const ledger = await clerk.get(`/api/v1/stock-moves?productId=${p.id}`);
    expect(ledger.json().total).toBe(3);
    const overview = await clerk.get(`/api/v1/stock/products?q=${p.code}`);
    expect(overview.json().data).toMatchObject([{ productId: p.id, total: '10.5' }]);
  });

  it('refuses a move that would go below zero with 409 INSUFFICIENT_STOCK and writes nothing', async () => {
    const p = await makeProduct();
    await move(clerk, { kind: 'in', productId: p.id, warehouseId: a.id, quantity: '3' });
    const out = await move(clerk, { kind: 'out', productId: p.id, warehouseId: a.id, quantity: '3.001' });
    expect(out.statusCode).toBe(409);
    expect(out.json()).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      message: '库存不足',
      details: { productId: p.id, warehouseId: a.id, available: '3' },
    });
    const transfer = await move(clerk, {
      kind: 'transfer',
      productId: p.id,
      warehouseId: b.id,
      toWarehouseId: a.id,
      quantity: '1',
    });
    expect(transfer.json().code).toBe('INSUFFICIENT_STOCK');
    const adjust = await move(clerk, {
      kind: 'adjust',
      productId: p.id,
      warehouseId: a.id,
      quantity: '-5',
      note: '盘亏',
    });
    expect(adjust.json().code).toBe('INSUFFICIENT_STOCK');
    expect(await books(p.id, a.id)).toEqual({ balance: '3', ledger: '3', entries: 1 });
    expect((await books(p.id, b.id)).entries).toBe(0);
    const en = await clerk.with({ 'accept-language': 'en-US' }).post('/api/v1/stock-moves', {
      kind: 'out',
      productId: p.id,
      warehouseId: a.id,
      quantity: '4',
    });
    expect(en.json().message).toBe('Not enough stock');
  });

  it('never overdraws under concurrent outs on one balance', async () => {
    const p = await makeProduct();
    await move(clerk, { kind: 'in', productId: p.id, warehouseId: a.id, quantity: '5' });
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        move(clerk, { kind: 'out', productId: p.id, warehouseId: a.id, quantity: '1' }),
      ),
    );
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(5);
    expect(
      answers.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'INSUFFICIENT_STOCK'),
    ).toBe(true);
    expect(await books(p.id, a.id)).toEqual({ balance: '0', ledger: '0', entries: 6 });
  });

  it('validates: quantity > 0 with 3 decimals, a signed adjustment with its reason, a transfer to another warehouse', async () => {
    const p = await makeProduct();
    const bad = [
      { kind: 'in', quantity: '0' },
      { kind: 'in', quantity: '-1' },
      { kind: 'in', quantity: '1.2345' },
      { kind: 'in', quantity: 'abc' },
      { kind: 'adjust', quantity: '-1' },
      { kind: 'adjust', quantity: '0', note: 'x' },
      { kind: 'transfer', quantity: '1' },
      { kind: 'transfer', quantity: '1', toWarehouseId: a.id },
      { kind: 'out', quantity: '1', toWarehouseId: b.id },
      { kind: 'teleport', quantity: '1' },
    ];
    for (const body of bad) {
      const res = await move(clerk, { productId: p.id, warehouseId: a.id, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const unknownProduct = await move(clerk, {
      kind: 'in',
      productId: '01000000-0000-7000-8000-000000000000',
      warehouseId: a.id,
      quantity: '1',
    });
    expect(unknownProduct.statusCode).toBe(400);
    const wrongLocation = await move(clerk, {
      kind: 'in',
      productId: p.id,
      warehouseId: b.id,
      locationId: (await admin.get(`/api/v1/warehouses/${a.id}`)).json().locations[0].id,
      quantity: '1',
    });
    expect(wrongLocation.statusCode).toBe(400);
    const adjust = await move(clerk, {
      kind: 'adjust',
      productId: p.id,
      warehouseId: a.id,
      quantity: '2.5',
      note: '盘盈',
    });
    expect(adjust.statusCode, adjust.body).toBe(201);
    expect(adjust.json().data[0]).toMatchObject({ kind: 'adjust', quantity: '2.5', note: '盘盈' });
  });

  it('a disabled warehouse takes no moves; one the ledger names is not deleted; codes are unique', async () => {
    const w = await makeWarehouse();
    const p = await makeProduct();
    await move(clerk, { kind: 'in', productId: p.id, warehouseId: w.id, quantity: '1' });
    const del = await admin.delete(`/api/v1/warehouses/${w.id}?version=${w.version}`);
    expect(del.json().code).toBe('WAREHOUSE_IN_USE');
    const off = await admin.patch(`/api/v1/warehouses/${w.id}`, { version: w.version, status: 'inactive' });
    expect(off.statusCode, off.body).toBe(200);
    const refused = await move(clerk, { kind: 'in', productId: p.id, warehouseId: w.id, quantity: '1' });
    expect(refused.json().code).toBe('WAREHOUSE_INACTIVE');
    expect(await warehouseExists(t.database.db, t.tenant.id, w.id)).toBe(false);
    expect(await warehouseExists(t.database.db, t.tenant.id, a.id)).toBe(true);
    const stale = await admin.patch(`/api/v1/warehouses/${w.id}`, { version: w.version, name: 'late' });
    expect(stale.json().code).toBe('CONFLICT');
    const dup = await admin.post('/api/v1/warehouses', {
      code: (off.json().code as string).toLowerCase(),
      name: 'x',
    });
    expect(dup.json().code).toBe('WAREHOUSE_CODE_TAKEN');
    const unused = await makeWarehouse();
    expect((await admin.delete(`/api/v1/warehouses/${unused.id}?version=${unused.version}`)).statusCode).toBe(
      200,
    );
  });

  it('keeps a location the ledger names', async () => {
    const w = await makeWarehouse({
      locations: [
        { code: 'L1', name: '一号' },
        { code: 'L2', name: '二号' },
      ],
    });
    const p = await makeProduct();
    const l1 = w.locations.find((l) => l.code === 'L1')!;
    await move(clerk, { kind: 'in', productId: p.id, warehouseId: w.id, locationId: l1.id, quantity: '1' });
    const drop = await admin.patch(`/api/v1/warehouses/${w.id}`, { version: w.version, locations: [] });
    expect(drop.json().code).toBe('LOCATION_IN_USE');
    const rename = await admin.patch(`/api/v1/warehouses/${w.id}`, {
      version: w.version,
      locations: [{ id: l1.id, code: 'L1', name: '一号架' }],
    });
    expect(rename.statusCode, rename.body).toBe(200);
    expect(rename.json().locations).toEqual([{ id: l1.id, code: 'L1', name: '一号架' }]);
  });

  it('recordStockMove (for orders) writes a referenced entry in the caller’s transaction, all or nothing', async () => {
    const p = await makeProduct();
    await move(clerk, { kind: 'in', productId: p.id, warehouseId: a.id, quantity: '2' });
    const actor = { tenantId: t.tenant.id, userId: t.tenant.adminId, userName: 'admin' };
    const reference = {
      type: 'order' as const,
      id: '01000000-0000-7000-8000-000000000001',
      number: 'DD-TEST-1',
    };
    // two lines of one delivery: the second is short, so the first is rolled back with it
    await expect(
      t.database.db.transaction(async (tx) => {
        await recordStockMove(tx, actor, {
          kind: 'out',
          productId: p.id,
          warehouseId: a.id,
          quantity: '1',
          reference,
        });
        await recordStockMove(tx, actor, {
          kind: 'out',
          productId: p.id,
          warehouseId: a.id,
          quantity: '5',
          reference,
        });
      }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK', details: { available: '1' } });
    expect(await books(p.id, a.id)).toEqual({ balance: '2', ledger: '2', entries: 1 });
    await t.database.db.transaction((tx) =>
      recordStockMove(tx, actor, {
        kind: 'out',
        productId: p.id,
        warehouseId: a.id,
        quantity: '2',
        reference,
      }),
    );
    const ledger = (await clerk.get(`/api/v1/stock-moves?productId=${p.id}&kind=out`)).json();
    expect(ledger.data).toMatchObject([{ quantity: '-2', balanceAfter: '0', reference }]);
  });

  it('filters the ledger by warehouse, kind and date', async () => {
    const p = await makeProduct();
    await move(clerk, { kind: 'in', productId: p.id, warehouseId: b.id, quantity: '1' });
    await move(clerk, { kind: 'in', productId: p.id, warehouseId: a.id, quantity: '1' });
    const inB = (await clerk.get(`/api/v1/stock-moves?productId=${p.id}&warehouseId=${b.id}`)).json();
    expect(inB.data.map((e: { warehouseId: string }) => e.warehouseId)).toEqual([b.id]);
    const past = (await clerk.get(`/api/v1/stock-moves?productId=${p.id}&to=2020-01-01`)).json();
    expect(past.total).toBe(0);
    expect((await clerk.get('/api/v1/stock-moves?from=2026-13-01')).statusCode).toBe(400);
    expect((await clerk.get('/api/v1/stock?productId=01000000-0000-7000-8000-000000000000')).statusCode).toBe(
      404,
    );
  });
});

describe('the ledger, property-based', () => {
  type Op = { kind: 'in' | 'out' | 'transfer' | 'adjust'; from: 0 | 1; quantity: string };
  const quantityArb = fc
    .integer({ min: 1, max: 20_000 })
    .map((n) => fromScaled(BigInt(n), 3))
    .map(normalizeQuantity);
  const opArb: fc.Arbitrary<Op> = fc.record({
    kind: fc.constantFrom('in', 'out', 'transfer', 'adjust'),
    from: fc.constantFrom(0 as const, 1 as const),
    quantity: quantityArb,
  });

  it('random sequences of in / out / transfer / adjust never leave a negative balance, and each balance is its ledger’s sum', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(opArb, fc.boolean()), { minLength: 1, maxLength: 12 }),
        async (ops) => {
          const p = await makeProduct();
          const ids = [a.id, b.id];
          const model = [0n, 0n];
          for (const [op, negative] of ops) {
            const q = toScaled(op.quantity, 3);
            const signed = op.kind === 'adjust' && negative ? -q : q;
            const body: Record<string, unknown> = {
              kind: op.kind,
              productId: p.id,
              warehouseId: ids[op.from],
              quantity: op.kind === 'adjust' ? fromScaled(signed, 3) : op.quantity,
            };
            if (op.kind === 'transfer') body.toWarehouseId = ids[1 - op.from];
            if (op.kind === 'adjust') body.note = '盘点';
            const delta = op.kind === 'in' || op.kind === 'adjust' ? signed : -q;
            const allowed = model[op.from] + delta >= 0n;
            const res = await move(clerk, body);
            expect(res.statusCode, res.body).toBe(allowed ? 201 : 409);
            if (allowed) {
              model[op.from] += delta;
              if (op.kind === 'transfer') model[1 - op.from] += q;
            }
          }
          const at = await stock(p.id);
          for (const i of [0, 1]) {
            const { balance, ledger } = await books(p.id, ids[i]);
            expect(toScaled(balance, 3) >= 0n).toBe(true);
            expect(balance).toBe(ledger);
            expect(balance).toBe(normalizeQuantity(fromScaled(model[i], 3)));
            expect(at(ids[i])).toBe(balance);
          }
        },
      ),
      { numRuns: Math.min(propertyRuns(), 25), seed: propertySeed() },
    );
  }, 300_000);
});

describeAuthz(authz);
