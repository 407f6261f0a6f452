import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { lastOrderAt } from '../customers/orders-service.ts';
import { makeProduct, makeWarehouse, stockIn, stockOf } from '../quotes/test-helpers.ts';
import { authz } from './authz.ts';
import { markOrderPaid } from './paid-service.ts';
import { orderForReceivable, salesFacts } from './published.ts';

describeAuthz(authz);

let t: TestContext;
let admin: Agent;
let seller: Agent;
let outsider: Agent;
let sellerId: string;
let customerId: string;
let productA: { id: string };
let productB: { id: string };
let warehouse: { id: string };

const selling = [
  'orders:view',
  'orders:create',
  'orders:edit',
  'orders:export',
  'customers:view',
  'customers:create',
  'inventory:view',
];

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const branch = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const elsewhere = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const role = await makeRole(admin, selling, { orders: 'department', customers: 'department' });
  const u = await makeUser(admin, { departmentId: branch.id, roleIds: [role.id] });
  sellerId = u.id;
  seller = await t.login(u.username);
  outsider = await t.login(
    (await makeUser(admin, { departmentId: elsewhere.id, roleIds: [role.id] })).username,
  );
  customerId = (await makeCustomer(seller)).id;
  productA = await makeProduct(admin, { listPrice: '50.00', cost: '30.00' });
  productB = await makeProduct(admin, { listPrice: '8.88', cost: null });
  warehouse = await makeWarehouse(admin);
  await stockIn(admin, productA.id, warehouse.id, '10');
  await stockIn(admin, productB.id, warehouse.id, '1');
});
afterAll(() => t.close());

type Order = {
  id: string;
  version: number;
  number: string;
  status: string;
  total: string;
  allowedTransitions: string[];
  history: { from: string | null; to: string; userName: string | null }[];
  [k: string]: unknown;
};

async function newOrder(
  lines: Record<string, unknown>[] = [{ productId: productA.id, quantity: '2' }],
  over = {},
) {
  const res = await seller.post('/api/v1/orders', { customerId, lines, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Order;
}

const move = (
  o: { id: string; version: number },
  to: string,
  extra: Record<string, unknown> = {},
  agent = seller,
) => agent.post(`/api/v1/orders/${o.id}/transition`, { to, version: o.version, ...extra });

async function moved(o: Order, to: string, extra: Record<string, unknown> = {}) {
  const res = await move(o, to, extra);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Order;
}

describe('orders', () => {
  it('a direct order: numbered DD…, priced like a quote, new; its customer’s 最近下单 set', async () => {
    const before = new Date();
    const o = await newOrder([{ productId: productA.id, quantity: '3', discountPercent: '10' }], {
      taxRate: '13',
    });
    expect(o.number).toMatch(/^DD/);
    expect(o).toMatchObject({
      status: 'new',
      subtotal: '135.00',
      tax: '17.55',
      total: '152.55',
      cost: '90.00',
      margin: '45.00',
    });
    expect(o.allowedTransitions).toEqual(['confirmed', 'cancelled']);
    expect(o.history.map((h) => [h.from, h.to])).toEqual([[null, 'new']]);
    const at = await lastOrderAt(t.database.db, t.tenant.id, customerId);
    expect(at!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    // and the customer's answer says so (最近下单: churn reads it)
    const customer = (await admin.get(`/api/v1/customers/${customerId}`)).json();
    expect(customer.lastOrderAt).toBe(at!.toISOString());
  });

  it('moves only along the state machine: every other move is 409 INVALID_TRANSITION', async () => {
    const o = await newOrder();
    for (const to of ['paid', 'delivered', 'completed']) {
      const res = await move(o, to, { warehouseId: warehouse.id });
      expect(res.statusCode, to).toBe(409);
      expect(res.json().code).toBe('INVALID_TRANSITION');
    }
    const confirmed = await moved(o, 'confirmed');
    const paid = await moved(confirmed, 'paid');
    const cancel = await move(paid, 'cancelled');
    expect(cancel.json().code).toBe('INVALID_TRANSITION');
    const bad = await move(paid, 'new');
    expect(bad.statusCode).toBe(400);
  });

  it('cancels from new and from confirmed only', async () => {
    const a = await moved(await newOrder(), 'cancelled');
    expect(a.allowedTransitions).toEqual([]);
    expect((await move(a, 'confirmed')).json().code).toBe('INVALID_TRANSITION');
    const b = await moved(await moved(await newOrder(), 'confirmed'), 'cancelled');
    expect(b.status).toBe('cancelled');
  });

  it('delivery writes a stock-out per line in the same transaction; short stock writes nothing', async () => {
    const o = await newOrder([
      { productId: productA.id, quantity: '4' },
      { productId: productB.id, quantity: '2' },
    ]);
    const paid = await moved(await moved(o, 'confirmed'), 'paid');
    const noWarehouse = await move(paid, 'delivered');
    expect(noWarehouse.statusCode).toBe(400);
    expect(noWarehouse.json().details[0].path).toBe('warehouseId');
    const aBefore = await stockOf(admin, productA.id, warehouse.id);
    const short = await move(paid, 'delivered', { warehouseId: warehouse.id });
    expect(short.statusCode).toBe(409);
    expect(short.json().code).toBe('INSUFFICIENT_STOCK');
    // product A's out (the first line) was rolled back with the refusal
    expect(await stockOf(admin, productA.id, warehouse.id)).toBe(aBefore);
    const still = (await seller.get(`/api/v1/orders/${o.id}`)).json() as Order;
    expect(still).toMatchObject({ status: 'paid', version: paid.version });
    await stockIn(admin, productB.id, warehouse.id, '5');
    const delivered = await moved(paid, 'delivered', { warehouseId: warehouse.id });
    expect(delivered).toMatchObject({ status: 'delivered', warehouseId: warehouse.id });
    expect(Number(await stockOf(admin, productA.id, warehouse.id))).toBe(Number(aBefore) - 4);
    expect(Number(await stockOf(admin, productB.id, warehouse.id))).toBe(4);
    const done = await moved(delivered, 'completed');
    expect(done.history.map((h) => h.to)).toEqual(['new', 'confirmed', 'paid', 'delivered', 'completed']);
    expect(done.history.every((h) => h.userName)).toBe(true);
  });

  it('a service (tracksStock false) is delivered without stock: only the goods leave the warehouse', async () => {
    const install = await makeProduct(admin, {
      name: unique('安装服务'),
      listPrice: '300.00',
      tracksStock: false,
    });
    expect(install.tracksStock).toBe(false);
    // a service is never put into stock
    const stockMove = await admin.post('/api/v1/stock-moves', {
      kind: 'in',
      productId: install.id,
      warehouseId: warehouse.id,
      quantity: '1',
    });
    expect(stockMove.statusCode).toBe(400);
    expect(stockMove.json().details[0].path).toBe('productId');
    // service only: no warehouse needed, nothing moves
    const only = await moved(
      await moved(await newOrder([{ productId: install.id, quantity: '1' }]), 'confirmed'),
      'paid',
    );
    expect(await moved(only, 'delivered')).toMatchObject({ status: 'delivered', warehouseId: null });
    // goods and a service: the goods' stock-out only
    await stockIn(admin, productA.id, warehouse.id, '3');
    const aBefore = Number(await stockOf(admin, productA.id, warehouse.id));
    const mixed = await moved(
      await moved(
        await newOrder([
          { productId: productA.id, quantity: '3' },
          { productId: install.id, quantity: '2' },
        ]),
        'confirmed',
      ),
      'paid',
    );
    expect((await move(mixed, 'delivered')).statusCode).toBe(400);
    expect(await moved(mixed, 'delivered', { warehouseId: warehouse.id })).toMatchObject({
      status: 'delivered',
    });
    expect(Number(await stockOf(admin, productA.id, warehouse.id))).toBe(aBefore - 3);
    expect(await stockOf(admin, install.id, warehouse.id)).toBe('0');
  });

  it('离职交接: a leaver’s open orders and quotes go to the heir with the order’s payment plans; ended ones stay', async () => {
    const role = await makeRole(
      admin,
      [
        'orders:view',
        'orders:edit',
        'orders:create',
        'quotes:view',
        'quotes:create',
        'customers:view',
        'customers:create',
        'receivables:view',
        'receivables:create',
      ],
      { orders: 'own', quotes: 'own', customers: 'own', receivables: 'own' },
    );
    const [leaverUser, heirUser] = [
      await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] }),
      await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] }),
    ];
    const [leaver, heir] = [await t.login(leaverUser.username), await t.login(heirUser.username)];
    const customer = await makeCustomer(leaver);
    const order = async () => {
      const res = await leaver.post('/api/v1/orders', {
        customerId: customer.id,
        lines: [{ productId: productA.id, quantity: '1' }],
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as Order;
    };
    const open = await order();
    const cancelled = await order();
    expect(
      (
        await leaver.post(`/api/v1/orders/${cancelled.id}/transition`, {
          to: 'cancelled',
          version: cancelled.version,
        })
      ).statusCode,
    ).toBe(200);
    const plan = await leaver.post('/api/v1/payment-plans', {
      orderId: open.id,
      amount: '10',
      dueDate: '2030-01-01',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const quote = await leaver.post('/api/v1/quotes', {
      customerId: customer.id,
      validUntil: '2030-01-01',
      lines: [{ productId: productA.id, quantity: '1' }],
    });
    expect(quote.statusCode, quote.body).toBe(201);

    const res = await admin.post(`/api/v1/users/${leaverUser.id}/departure`, { toUserId: heirUser.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().transferred).toMatchObject({ orders: 1, quotes: 1 });
    expect((await heir.get(`/api/v1/orders/${open.id}`)).json().ownerId).toBe(heirUser.id);
    expect((await heir.get(`/api/v1/orders/${cancelled.id}`)).statusCode).toBe(404);
    expect((await heir.get(`/api/v1/payment-plans/${plan.json().id}`)).statusCode).toBe(200);
    expect((await heir.get(`/api/v1/quotes/${quote.json().id}`)).statusCode).toBe(200);
  });

  it('a stale version is 409 CONFLICT; only a new order is edited', async () => {
    const o = await newOrder();
    const confirmed = await moved(o, 'confirmed');
    const stale = await move(o, 'cancelled');
    expect(stale.json().code).toBe('CONFLICT');
    const edit = await seller.patch(`/api/v1/orders/${o.id}`, { version: confirmed.version, notes: 'x' });
    expect(edit.json().code).toBe('INVALID_TRANSITION');
    const n = await newOrder();
    const edited = await seller.patch(`/api/v1/orders/${n.id}`, {
      version: n.version,
      lines: [{ productId: productA.id, quantity: '1', unitPrice: '99.99' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ subtotal: '99.99', total: '99.99' });
  });

  it('from an accepted quote only (POST /orders {quoteId}); a draft quote is 409 INVALID_TRANSITION', async () => {
    const quoting = await makeRole(admin, [...selling, 'quotes:view', 'quotes:create', 'quotes:edit'], {
      orders: 'department',
      quotes: 'department',
      customers: 'department',
    });
    const me = await makeUser(admin, {
      departmentId: (await seller.get('/api/v1/auth/me')).json().user.departmentId,
      roleIds: [quoting.id],
    });
    const q = await t.login(me.username);
    const quote = await q.post('/api/v1/quotes', {
      customerId,
      validUntil: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
      taxRate: '6',
      lines: [{ productId: productA.id, quantity: '2', discountPercent: '5' }],
    });
    expect(quote.statusCode, quote.body).toBe(201);
    const draft = await q.post('/api/v1/orders', { customerId, quoteId: quote.json().id });
    expect(draft.json().code).toBe('INVALID_TRANSITION');
    let cur = quote.json();
    for (const step of ['submit', 'send', 'accept']) {
      const res = await q.post(`/api/v1/quotes/${cur.id}/${step}`, { version: cur.version });
      expect(res.statusCode, res.body).toBe(200);
      cur = res.json();
    }
    const other = await makeCustomer(seller);
    const wrong = await q.post('/api/v1/orders', { customerId: other.id, quoteId: cur.id });
    expect(wrong.statusCode).toBe(400);
    const res = await q.post('/api/v1/orders', { customerId, quoteId: cur.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      quoteId: cur.id,
      subtotal: '95.00',
      tax: '5.70',
      total: '100.70',
      ownerId: me.id,
    });
  });
});

describe("a customer's orders", () => {
  it('lists the customer’s orders in the orders scope (list shape); a customer not seen is 404', async () => {
    const o = await newOrder();
    const res = await seller.get(`/api/v1/customers/${customerId}/orders?pageSize=100`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({ page: 1, pageSize: 100, totalIsEstimate: false });
    expect(page.data.map((r: Order) => r.id)).toContain(o.id);
    expect(page.data.every((r: Order) => r.customerId === customerId)).toBe(true);
    expect((await outsider.get(`/api/v1/customers/${customerId}/orders`)).statusCode).toBe(404);
  });
});

describe('scope', () => {
  it('list, look-up, transition, print and export of another department are out of reach', async () => {
    const o = await newOrder();
    expect((await outsider.get(`/api/v1/orders/${o.id}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/orders/${o.id}/print`)).statusCode).toBe(404);
    expect((await move(o, 'confirmed', {}, outsider)).statusCode).toBe(404);
    const list = (await outsider.get('/api/v1/orders?pageSize=100')).json().data as Order[];
    expect(list.map((r) => r.id)).not.toContain(o.id);
    const csv = await outsider.get('/api/v1/orders/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain(o.number);
    expect((await seller.get('/api/v1/orders/export?format=csv')).body).toContain(o.number);
    const print = await seller.get(`/api/v1/orders/${o.id}/print`);
    expect(print.statusCode, print.body).toBe(200);
    expect(print.json().html).toContain(o.number);
  });
});

describe('published to receivables and targets', () => {
  it('orderForReceivable answers in scope only; markOrderPaid moves confirmed → paid once, audited in the history', async () => {
    const o = await newOrder();
    const sellerPrincipal = { tenantId: t.tenant.id, userId: sellerId, userName: 'x' };
    const { findUserPrincipal } = await import('../../platform/auth/principal-repository.ts');
    const { toPrincipal } = await import('../../platform/auth/hook.ts');
    const p = toPrincipal((await findUserPrincipal(t.database.db, t.tenant.id, sellerId))!, 'job');
    expect(await orderForReceivable(t.database.db, p, o.id)).toMatchObject({
      id: o.id,
      number: o.number,
      customerId,
      total: o.total,
      status: 'new',
    });
    // not confirmed: a no-op
    await t.database.db.transaction((tx) => markOrderPaid(tx, sellerPrincipal, o.id));
    expect(((await seller.get(`/api/v1/orders/${o.id}`)).json() as Order).status).toBe('new');
    const confirmed = await moved(o, 'confirmed');
    // the last payment recorded by a colleague (finance): the owner hears the order is paid
    const finance = { tenantId: t.tenant.id, userId: t.tenant.adminId, userName: 'admin' };
    await t.database.db.transaction((tx) => markOrderPaid(tx, finance, o.id));
    const paid = (await seller.get(`/api/v1/orders/${o.id}`)).json() as Order;
    expect(paid).toMatchObject({ status: 'paid', version: confirmed.version + 1 });
    expect(paid.history.map((h) => h.to)).toEqual(['new', 'confirmed', 'paid']);
    const notices = (await seller.get('/api/v1/notifications')).json().data as {
      kind: string;
      data: object;
    }[];
    expect(notices.filter((n) => n.kind === 'order.paid')).toEqual([
      expect.objectContaining({ data: { number: o.number, total: o.total } }),
    ]);
    const facts = await salesFacts(
      t.database.db,
      t.tenant.id,
      new Date(Date.now() - 3_600_000),
      new Date(Date.now() + 3_600_000),
    );
    const mine = facts.find((f) => f.userId === sellerId);
    expect(mine?.count).toBeGreaterThan(0);
    expect(mine?.amount).toMatch(/^\d+\.\d\d$/);
  });
});
