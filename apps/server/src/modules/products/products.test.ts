import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, multipart } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { productsByIds, proposedPrices } from './published.ts';

let t: TestContext;
let admin: Agent;
/** products:view only, cost hidden by a field permission. */
let seller: Agent;
/** every products permission, customers in own scope. */
let keeper: Agent;
let keeperId: string;

type Item = { id: string; name: string; code?: string; parentId?: string | null };
const dictionary = async (type: string) =>
  ((await admin.get(`/api/v1/dictionaries/${type}/items`)).json() as { data: Item[] }).data;

let categories: Item[];
let units: Item[];
let levels: Item[];

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const dept = t.tenant.rootDepartmentId;
  const sellerRole = await makeRole(
    admin,
    ['products:view', 'products:export'],
    {},
    {
      fieldPermissions: { products: { cost: 'hidden' } },
    },
  );
  const u = await makeUser(admin, { departmentId: dept, roleIds: [sellerRole.id] });
  seller = await t.login(u.username);
  const keeperRole = await makeRole(
    admin,
    [
      'products:view',
      'products:create',
      'products:edit',
      'products:delete',
      'products:export',
      'customers:view',
      'customers:create',
    ],
    { customers: 'own' },
  );
  const k = await makeUser(admin, { departmentId: dept, roleIds: [keeperRole.id] });
  keeperId = k.id;
  keeper = await t.login(k.username);
  [categories, units, levels] = await Promise.all([
    dictionary('product-category'),
    dictionary('product-unit'),
    dictionary('customer-level'),
  ]);
});
afterAll(() => t.close());

const category = (code: string) => categories.find((c) => c.code === code)!.id;

async function makeProduct(agent: Agent, body: Record<string, unknown> = {}) {
  const res = await agent.post('/api/v1/products', {
    code: unique('P-'),
    name: unique('产品'),
    listPrice: '100',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; code: string; [k: string]: unknown };
}

describe('products', () => {
  it('creates a product with exact money, its category and unit named, and audits it', async () => {
    const p = await makeProduct(keeper, {
      name: '激光打印机 测试',
      categoryId: category('machines'),
      unit: units[0].id,
      model: 'LP-1',
      spec: '批次 2026A',
      listPrice: '2680.5',
      cost: '1850',
      warrantyMonths: 12,
    });
    expect(p).toMatchObject({
      listPrice: '2680.50',
      cost: '1850.00',
      categoryName: '整机',
      unitName: units[0].name,
      status: 'on-sale',
      warrantyMonths: 12,
      canEdit: true,
    });
    const history = (await keeper.get(`/api/v1/products/${p.id}/history`)).json() as {
      data: { action: string; field: string }[];
    };
    expect(history.data.some((h) => h.action === 'create' && h.field === 'listPrice')).toBe(true);
  });

  it('refuses bad money, unknown dictionary items and a code taken in the tenant (any case)', async () => {
    const bad = await keeper.post('/api/v1/products', { code: unique('X'), name: 'x', listPrice: '1.234' });
    expect(bad.statusCode).toBe(400);
    expect(
      (await keeper.post('/api/v1/products', { code: unique('X'), name: 'x', listPrice: '-1' })).statusCode,
    ).toBe(400);
    const wrongDict = await keeper.post('/api/v1/products', {
      code: unique('X'),
      name: 'x',
      listPrice: '1',
      categoryId: units[0].id,
    });
    expect(wrongDict.statusCode).toBe(400);
    expect(wrongDict.json().code).toBe('DICTIONARY_ITEM_MISMATCH');
    const p = await makeProduct(keeper, { code: unique('dup-') });
    const taken = await keeper.post('/api/v1/products', {
      code: p.code.toUpperCase(),
      name: 'x',
      listPrice: '1',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('PRODUCT_CODE_TAKEN');
  });

  it('updates with optimistic locking: a stale version is 409 CONFLICT', async () => {
    const p = await makeProduct(keeper);
    const ok = await keeper.patch(`/api/v1/products/${p.id}`, { version: p.version, status: 'discontinued' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'discontinued', version: p.version + 1 });
    const stale = await keeper.patch(`/api/v1/products/${p.id}`, { version: p.version, name: 'late' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
  });

  it('finds by code, name, model and pinyin (full or initials); a category takes its sub-categories', async () => {
    const p = await makeProduct(keeper, { name: '彩色扫描仪', model: 'ZX-9', categoryId: category('parts') });
    const find = async (q: string) =>
      (
        (await seller.get(`/api/v1/products?q=${encodeURIComponent(q)}&pageSize=100`)).json() as {
          data: Item[];
        }
      ).data.map((x) => x.id);
    for (const q of [p.code, '扫描', 'zx-9', 'caise', 'csSmy'.toLowerCase()])
      expect(await find(q)).toContain(p.id);
    const hardware = categories.find((c) => c.code === 'hardware')!.id;
    const inHardware = (await seller.get(`/api/v1/products?categoryId=${hardware}&pageSize=100`)).json() as {
      data: Item[];
    };
    expect(inHardware.data.map((x) => x.id)).toContain(p.id);
    const software = (
      await seller.get(`/api/v1/products?categoryId=${category('software')}&pageSize=100`)
    ).json() as {
      data: Item[];
    };
    expect(software.data.map((x) => x.id)).not.toContain(p.id);
  });

  it('hides cost from a role whose field permission hides it: absent from list, record, history and export', async () => {
    const p = await makeProduct(keeper, { code: unique('COST-'), cost: '77.70' });
    const one = (await seller.get(`/api/v1/products/${p.id}`)).json();
    expect(one).not.toHaveProperty('cost');
    expect(one.listPrice).toBe('100.00');
    const list = (await seller.get(`/api/v1/products?q=${p.code}`)).json() as {
      data: Record<string, unknown>[];
    };
    expect(list.data[0]).not.toHaveProperty('cost');
    const history = (await seller.get(`/api/v1/products/${p.id}/history`)).json() as {
      data: { field: string }[];
    };
    expect(history.data.map((h) => h.field)).not.toContain('cost');
    const file = await seller.get(`/api/v1/products/export?format=csv&q=${p.code}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).not.toContain('成本');
    expect(file.body).not.toContain('77.70');
    expect(file.body).toContain(p.code);
    const full = await keeper.get(`/api/v1/products/export?format=csv&q=${p.code}`);
    expect(full.body).toContain('成本');
    expect(full.body).toContain('77.70');
  });

  it('a cost the caller may only read is shown but not written (403 FORBIDDEN on the field)', async () => {
    const role = await makeRole(
      admin,
      ['products:view', 'products:create', 'products:edit'],
      {},
      {
        fieldPermissions: { products: { cost: 'read' } },
      },
    );
    const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const reader = await t.login(u.username);
    const refused = await reader.post('/api/v1/products', {
      code: unique('R-'),
      name: 'x',
      listPrice: '1',
      cost: '1',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().details).toEqual([{ path: 'cost', message: 'read-only field' }]);
    const p = await makeProduct(keeper, { cost: '5' });
    expect((await reader.get(`/api/v1/products/${p.id}`)).json().cost).toBe('5.00');
    const renamed = await reader.patch(`/api/v1/products/${p.id}`, {
      version: p.version,
      name: unique('改名'),
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().cost).toBe('5.00');
  });

  it('carries images as files: added by who edits products, seen by who views them, 404 for no product', async () => {
    const p = await makeProduct(keeper);
    const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } })
      .png()
      .toBuffer();
    const upload = (agent: Agent, entityId: string) => {
      const body = multipart(
        { entity: 'products', entityId },
        { file: { name: '正面.png', content: image } },
      );
      return agent.request('POST', '/api/v1/files', body.payload, { headers: body.headers });
    };
    const added = await upload(keeper, p.id);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ name: '正面.png', mimeType: 'image/png', hasThumbnail: true });
    expect((await upload(seller, p.id)).statusCode).toBe(403);
    expect((await upload(keeper, '01000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    const seen = await seller.get(`/api/v1/files?entity=products&entityId=${p.id}`);
    expect(seen.json().data.map((f: { name: string }) => f.name)).toEqual(['正面.png']);
  });

  it('answers 404 for another tenant’s product and for a deleted one; deletes with its version', async () => {
    const p = await makeProduct(keeper);
    const stale = await keeper.delete(`/api/v1/products/${p.id}?version=${p.version + 5}`);
    expect(stale.statusCode).toBe(409);
    expect((await keeper.delete(`/api/v1/products/${p.id}?version=${p.version}`)).statusCode).toBe(200);
    expect((await keeper.get(`/api/v1/products/${p.id}`)).statusCode).toBe(404);
    const other = await t.login('admin', undefined, t.other.code);
    expect((await other.get(`/api/v1/products/${p.id}`)).statusCode).toBe(404);
  });

  it('productsByIds answers the tenant’s products only, with names and exact money', async () => {
    const p = await makeProduct(keeper, { listPrice: '19.9', unit: units[1].id });
    const map = await productsByIds(t.database.db, t.tenant.id, [
      p.id,
      '01000000-0000-7000-8000-000000000000',
    ]);
    expect([...map.keys()]).toEqual([p.id]);
    expect(map.get(p.id)).toMatchObject({ listPrice: '19.90', unitName: units[1].name, cost: null });
    expect((await productsByIds(t.database.db, t.other.id, [p.id])).size).toBe(0);
  });
});

describe('price lists', () => {
  it('proposes the lowest valid price of the lists naming the customer or its level, else the list price', async () => {
    const a = await makeProduct(keeper, { listPrice: '100' });
    const b = await makeProduct(keeper, { listPrice: '50' });
    const c = await makeProduct(keeper, { listPrice: '30' });
    const level = levels[0].id;
    const customer = await makeCustomer(keeper, { ownerId: keeperId, levelId: level });
    const create = async (body: Record<string, unknown>) => {
      const res = await keeper.post('/api/v1/price-lists', { name: unique('价格表'), ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; version: number; name: string };
    };
    const byLevel = await create({
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      customerLevelIds: [level],
      items: [
        { productId: a.id, price: '90' },
        { productId: b.id, price: '45.5' },
      ],
    });
    const named = await create({
      validFrom: '2026-06-01',
      customerIds: [customer.id],
      items: [{ productId: a.id, price: '85' }],
    });
    // not valid on the day asked, and for another level: never proposed
    await create({
      validFrom: '2027-01-01',
      customerLevelIds: [level],
      items: [{ productId: a.id, price: '1' }],
    });
    await create({
      validFrom: '2026-01-01',
      customerLevelIds: [levels[1].id],
      items: [{ productId: b.id, price: '2' }],
    });

    const res = await keeper.get(
      `/api/v1/products/proposed-prices?customerId=${customer.id}&productIds=${a.id},${b.id},${c.id}&on=2026-07-01`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toEqual([
      { productId: a.id, unitPrice: '85.00', priceListId: named.id, priceListName: named.name },
      { productId: b.id, unitPrice: '45.50', priceListId: byLevel.id, priceListName: byLevel.name },
      { productId: c.id, unitPrice: '30.00', priceListId: null, priceListName: null },
    ]);
    // before the named list starts, the level's list is best
    const may = await proposedPrices(
      t.database.db,
      t.tenant.id,
      { id: customer.id, levelId: level },
      [a.id],
      '2026-05-01',
    );
    expect(may.get(a.id)).toMatchObject({ unitPrice: '90.00', priceListId: byLevel.id });
  });

  it('a merge moves the named customers of price lists to the kept customer, once where both were named', async () => {
    const kept = await makeCustomer(keeper, { ownerId: keeperId });
    const gone = await makeCustomer(keeper, { ownerId: keeperId });
    const list = async (customerIds: string[]) => {
      const res = await keeper.post('/api/v1/price-lists', {
        name: unique('合并价格表'),
        validFrom: '2026-01-01',
        customerIds,
        items: [{ productId: (await makeProduct(keeper)).id, price: '9' }],
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const both = await list([kept.id, gone.id]);
    const onlyGone = await list([gone.id]);
    const merged = await admin.post(`/api/v1/customers/${kept.id}/merge`, { sourceId: gone.id });
    expect(merged.statusCode, merged.body).toBe(200);
    for (const id of [both, onlyGone]) {
      const names = (await keeper.get(`/api/v1/price-lists/${id}`)).json().customerIds as string[];
      expect(names).toEqual([kept.id]);
    }
  });

  it('the proposed prices need a customer the caller sees (404 otherwise)', async () => {
    const p = await makeProduct(keeper);
    const theirs = await makeCustomer(admin);
    const res = await keeper.get(
      `/api/v1/products/proposed-prices?customerId=${theirs.id}&productIds=${p.id}`,
    );
    expect(res.statusCode).toBe(404);
    expect(
      (await keeper.get(`/api/v1/products/proposed-prices?customerId=${theirs.id}&productIds=nope`))
        .statusCode,
    ).toBe(400);
  });

  it('names only the customers the caller sees, and keeps the others when the caller edits the list', async () => {
    const mine = await makeCustomer(keeper, { ownerId: keeperId });
    const theirs = await makeCustomer(admin);
    const created = await admin.post('/api/v1/price-lists', {
      name: unique('价格表'),
      validFrom: '2026-01-01',
      customerIds: [mine.id, theirs.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const seen = (await keeper.get(`/api/v1/price-lists/${created.json().id}`)).json();
    expect(seen).toMatchObject({ customerIds: [mine.id], otherCustomers: 1 });
    const edited = await keeper.patch(`/api/v1/price-lists/${seen.id}`, {
      version: seen.version,
      customerIds: [mine.id],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const all = (await admin.get(`/api/v1/price-lists/${seen.id}`)).json();
    expect([...all.customerIds].sort()).toEqual([mine.id, theirs.id].sort());
  });

  it('refuses a list for nobody, a product twice, dates out of order, and a stale version', async () => {
    const p = await makeProduct(keeper);
    const nobody = await keeper.post('/api/v1/price-lists', { name: 'x', validFrom: '2026-01-01' });
    expect(nobody.statusCode).toBe(400);
    const twice = await keeper.post('/api/v1/price-lists', {
      name: 'x',
      validFrom: '2026-01-01',
      customerLevelIds: [levels[0].id],
      items: [
        { productId: p.id, price: '1' },
        { productId: p.id, price: '2' },
      ],
    });
    expect(twice.json().code).toBe('PRICE_LIST_DUPLICATE_PRODUCT');
    const backwards = await keeper.post('/api/v1/price-lists', {
      name: 'x',
      validFrom: '2026-02-01',
      validTo: '2026-01-01',
      customerLevelIds: [levels[0].id],
    });
    expect(backwards.statusCode).toBe(400);
    const wrongLevel = await keeper.post('/api/v1/price-lists', {
      name: 'x',
      validFrom: '2026-01-01',
      customerLevelIds: [units[0].id],
    });
    expect(wrongLevel.statusCode).toBe(400);
    const list = (
      await keeper.post('/api/v1/price-lists', {
        name: unique('价格表'),
        validFrom: '2026-01-01',
        customerLevelIds: [levels[0].id],
        items: [{ productId: p.id, price: '9.99' }],
      })
    ).json();
    const changed = await keeper.patch(`/api/v1/price-lists/${list.id}`, {
      version: list.version,
      items: [{ productId: p.id, price: '8.88' }],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().items[0]).toMatchObject({ price: '8.88', listPrice: '100.00' });
    const stale = await keeper.patch(`/api/v1/price-lists/${list.id}`, {
      version: list.version,
      name: 'late',
    });
    expect(stale.statusCode).toBe(409);
    const history = (await keeper.get(`/api/v1/price-lists/${list.id}/history`)).json() as {
      data: { field: string }[];
    };
    expect(history.data.map((h) => h.field)).toContain('prices');
    expect(
      (await keeper.delete(`/api/v1/price-lists/${list.id}?version=${list.version + 1}`)).statusCode,
    ).toBe(200);
    expect((await keeper.get(`/api/v1/price-lists/${list.id}`)).statusCode).toBe(404);
  });
});

describeAuthz(authz);
