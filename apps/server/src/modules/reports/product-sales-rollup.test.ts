import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../platform/dates.ts';
import type { Agent } from '../../test/agent.ts';
import { makeCustomer, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { refreshOrderLineRollups } from '../orders/line-rollup-service.ts';
import { makeProduct } from '../quotes/test-helpers.ts';
import { getJson, orderReportFixture, placeOrder } from './order-report-fixture.ts';

// 产品销售构成 reads whole months from the order lines' monthly rollup once refreshed (not live,
// as of the refresh), the partial months at a period's edges live: by category, product and
// department, filtered by each, for 全部 (the whole tenant's rows) and department scopes (the
// department rows) the figures equal the live ones and a raw GROUP BY. A 本人 caller and the
// owner dimension read live. Writes (a new order, a cancelled one, an edited line, an owner moved
// to another department) show after the next refresh, which aggregates only the months touched.

const URL = '/api/v1/reports/product-sales';
const ZONE = 'Asia/Shanghai';
let t: TestContext;
let f: Awaited<ReturnType<typeof orderReportFixture>>;
let admin: Agent;
let own: Agent;
let mover: { agent: Agent; id: string };
const products: Record<string, string> = {};
const categories: Record<string, string> = {};
const orderIds: Record<string, string> = {};

type Row = Record<string, string | number | null>;

// months before the current one in the tenant's zone: m(3) is three months ago ('YYYY-MM')
const m = (back: number) => {
  const today = todayIn(ZONE);
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - back, 1));
  return d.toISOString().slice(0, 7);
};
const lastDayOf = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** m(3) and m(2) whole from the rollup, the edges in m(4) and m(1) live. */
const edgy = () => ({ from: `${m(4)}-15`, to: `${m(1)}-10` });
/** Four whole months: all from the rollup. */
const whole = () => ({ from: `${m(4)}-01`, to: lastDayOf(m(1)) });
const query = (p: { from: string; to: string }) => `range=custom&from=${p.from}&to=${p.to}`;

async function category(name: string, parentId?: string) {
  const res = await f.admin.post('/api/v1/dictionaries/product-category/items', { name, parentId });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

/** An order through the API, dated in the past (the time in the tenant's zone). */
async function order(agent: Agent, customer: string, at: string, lines: [string, string][]) {
  const o = await placeOrder(
    agent,
    customer,
    lines.map(([product, quantity]) => ({ productId: products[product], quantity })),
  );
  await t.database.db.execute(
    sql`UPDATE orders SET ordered_at = ${`${at}+08`}::timestamptz WHERE id = ${o.id}`,
  );
  return o.id;
}

beforeAll(async () => {
  t = await createTestContext();
  f = await orderReportFixture(t, 'product-sales');
  admin = f.admin;
  categories.hardware = await category(`硬件${Date.now()}`);
  categories.laptops = await category('笔记本', categories.hardware);
  categories.services = await category(`服务${Date.now()}`);
  products.laptop = (await makeProduct(admin, { listPrice: '5000.00', categoryId: categories.laptops })).id;
  products.printer = (await makeProduct(admin, { listPrice: '800.00', categoryId: categories.hardware })).id;
  products.support = (await makeProduct(admin, { listPrice: '120.00', categoryId: categories.services })).id;
  products.loose = (await makeProduct(admin, { listPrice: '10.00' })).id; // no category
  // 本人: a seller who sees their own orders only (branch A); one who will move to branch B
  const work = ['orders:view', 'orders:create', 'orders:edit', 'customers:view', 'customers:create'];
  const ownRole = await makeRole(admin, [...work, 'reports:product-sales'], {
    orders: 'own',
    customers: 'own',
  });
  const ownUser = await makeUser(admin, { departmentId: f.branchA, roleIds: [ownRole.id] });
  own = await t.login(ownUser.username);
  const deptRole = await makeRole(admin, work, { orders: 'department', customers: 'department' });
  const moverUser = await makeUser(admin, { departmentId: f.branchA, roleIds: [deptRole.id] });
  mover = { agent: await t.login(moverUser.username), id: moverUser.id };
  const a = (await makeCustomer(f.managerA)).id;
  const b = (await makeCustomer(f.managerB)).id;
  const o = (await makeCustomer(own)).id;
  const mv = (await makeCustomer(mover.agent)).id;
  await order(f.managerA, a, `${m(4)}-01 00:10`, [['laptop', '1']]); // before the edgy period
  await order(f.managerA, a, `${m(4)}-20 12:00`, [
    ['laptop', '2'],
    ['support', '1.5'],
  ]); // an edge: live
  await order(f.managerB, b, `${m(3)}-01 00:30`, [
    ['printer', '3'],
    ['loose', '7'],
  ]); // the month's first minutes
  orderIds.edited = await order(f.managerA, a, `${m(3)}-12 12:00`, [['printer', '1']]);
  await order(own, o, `${m(3)}-15 12:00`, [
    ['support', '4'],
    ['laptop', '1'],
  ]);
  await order(f.managerB, b, `${lastDayOf(m(2))} 23:50`, [
    ['laptop', '1'],
    ['support', '2'],
  ]); // its last minutes
  orderIds.cancelled = await order(f.managerA, a, `${m(2)}-10 12:00`, [['support', '10']]);
  orderIds.moved = await order(mover.agent, mv, `${m(1)}-03 12:00`, [['printer', '2']]); // an edge: live
  await order(f.managerB, b, `${m(1)}-25 12:00`, [['laptop', '5']]); // after the edgy period
  const gone = await order(f.managerB, b, `${m(2)}-12 12:00`, [['laptop', '9']]);
  await t.database.db.execute(sql`UPDATE orders SET status = 'cancelled' WHERE id = ${gone}`);
});
afterAll(() => t.close());

type By = 'product' | 'category' | 'department';

/** The raw GROUP BY: lines of counted orders from `from` to `to` (days in the zone), of the departments (null: all). */
async function raw(by: By, period: { from: string; to: string }, departments: string[] | null) {
  const key = { product: sql`l.product_id`, category: sql`p.category_id`, department: sql`o.department_id` }[
    by
  ];
  const rows = await t.database.db.execute(sql`SELECT ${key}::text AS k, sum(l.amount)::text AS amount,
      sum(l.quantity)::float AS quantity
    FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
    WHERE o.tenant_id = ${t.tenant.id} AND o.deleted_at IS NULL AND o.status <> 'cancelled'
      ${departments ? sql`AND o.department_id = ANY(${`{${departments.join(',')}}`}::uuid[])` : sql``}
      AND o.ordered_at >= (${period.from}::date::timestamp AT TIME ZONE ${ZONE})
      AND o.ordered_at < ((${period.to}::date + 1)::timestamp AT TIME ZONE ${ZONE})
    GROUP BY 1`);
  return Object.fromEntries(
    (rows.rows as { k: string | null; amount: string; quantity: number }[]).map((r) => [
      r.k ?? '__none__', // the app's cell of products without a category
      { amount: r.amount, quantity: r.quantity },
    ]),
  );
}

const figures = (rows: Row[]) =>
  Object.fromEntries(rows.map((r) => [r.cell, { amount: r.amount, quantity: r.quantity }]));

/** Who reads through which grain, and the departments they see (null: all). */
const callers = () => [
  { name: '全部', agent: admin, departments: null },
  { name: '本部门', agent: f.managerB, departments: [f.branchB] },
  { name: '本部门及下属', agent: f.supervisor, departments: [f.branchA, f.branchB] },
];

/** The filtered questions compared with their live answers (category → product, a product, a department). */
const filtered = () => [
  `groupBy=product&categoryId=${categories.hardware}`,
  `groupBy=category&productId=${products.laptop}`,
  `groupBy=product&departmentId=${f.branchB}`,
  `groupBy=department&categoryId=${categories.services}`,
];

/** Every answer the tests compare: per caller, period and question, the body. */
async function answers() {
  const out: Record<string, { freshness: { live: boolean; asOf: string }; rows: Row[]; totals: Row }> = {};
  for (const c of callers())
    for (const [p, period] of [
      ['edgy', edgy()],
      ['whole', whole()],
    ] as const)
      for (const q of [...['product', 'category', 'department'].map((by) => `groupBy=${by}`), ...filtered()])
        out[`${c.name} ${p} ${q}`] = await getJson(c.agent, `${URL}?${query(period)}&${q}&top=100`);
  return out;
}

/** The rollup's answers equal the raw GROUP BY for every grouping, caller and period. */
async function expectRaw(live: boolean) {
  for (const c of callers())
    for (const period of [edgy(), whole()])
      for (const by of ['product', 'category', 'department'] as const) {
        const x = await getJson(c.agent, `${URL}?${query(period)}&groupBy=${by}&top=100`);
        expect(x.freshness.live, `${c.name} ${by}`).toBe(live);
        expect(figures(x.rows), `${c.name} ${by} ${period.from}`).toEqual(
          await raw(by, period, c.departments),
        );
      }
}

const withoutFreshness = (x: { rows: Row[]; totals: Row }) => ({ rows: x.rows, totals: x.totals });

describe('产品销售构成 over the order lines’ monthly rollup', () => {
  it('reads live until refreshed, then the same figures from both grains (not live, as of the refresh)', async () => {
    const live = await answers();
    for (const x of Object.values(live)) expect(x.freshness.live).toBe(true);
    await expectRaw(true);
    const before = new Date();
    expect(await refreshOrderLineRollups(t.database.db, t.tenant.id)).toBeGreaterThanOrEqual(4);
    const rolled = await answers();
    for (const [k, x] of Object.entries(rolled)) {
      expect(x.freshness.live, k).toBe(false);
      expect(new Date(x.freshness.asOf).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(withoutFreshness(x), k).toEqual(withoutFreshness(live[k]));
    }
    await expectRaw(false);
    // the edgy period: m(4)'s 20th and m(1)'s 3rd live, m(3) and m(2) whole (the cancelled orders left out)
    const s = await getJson(admin, `${URL}?${query(edgy())}&groupBy=product`);
    expect(s.totals).toMatchObject({ amount: '26970.00', quantity: 34.5 });
    // the whole tenant's rows and the departments' agree
    const grains = await t.database.db.execute(sql`SELECT tenant_wide, sum(amount)::text AS amount,
        sum(lines)::int AS lines, count(*)::int AS n, count(department_id)::int AS departments
      FROM order_line_month_rollups WHERE tenant_id = ${t.tenant.id} GROUP BY 1 ORDER BY 1`);
    const [byDepartment, tenant] = grains.rows as Row[];
    expect(tenant).toMatchObject({ amount: byDepartment.amount, lines: byDepartment.lines, departments: 0 });
    expect(byDepartment.departments).toBe(byDepartment.n);
  });

  it('a 本人 caller and the owner read live; today and this month stay live', async () => {
    const mine = await getJson(own, `${URL}?${query(whole())}&groupBy=product`);
    expect(mine.freshness.live).toBe(true);
    expect(mine.totals).toMatchObject({ amount: '5480.00', quantity: 5 });
    for (const q of ['groupBy=owner', `groupBy=product&ownerId=${f.ids.managerA}`]) {
      const x = await getJson(admin, `${URL}?${query(whole())}&${q}`);
      expect(x.freshness.live, q).toBe(true);
    }
    for (const range of ['today', 'thisMonth']) {
      const x = await getJson(admin, `${URL}?range=${range}`);
      expect(x.freshness.live, range).toBe(true);
    }
  });

  it('writes show after the next refresh, which aggregates only the months touched', async () => {
    // what was written an hour ago is in the rollup
    await t.database.db.execute(
      sql`UPDATE orders SET updated_at = updated_at - interval '1 hour' WHERE tenant_id = ${t.tenant.id}`,
    );
    await refreshOrderLineRollups(t.database.db, t.tenant.id);
    const stale = await getJson(admin, `${URL}?${query(whole())}`);
    // m(3): a new order; an edited line (PATCH, as a seller does)
    const customer = (await makeCustomer(f.managerB)).id;
    await order(f.managerB, customer, `${m(3)}-18 12:00`, [['support', '3']]);
    const edited = await getJson(admin, `/api/v1/orders/${orderIds.edited}`);
    const patch = await admin.patch(`/api/v1/orders/${orderIds.edited}`, {
      version: edited.version,
      lines: [{ productId: products.laptop, quantity: '2' }],
    });
    expect(patch.statusCode, patch.body).toBe(200);
    // m(2): a cancelled order (its transition)
    const gone = await getJson(admin, `/api/v1/orders/${orderIds.cancelled}`);
    const cancel = await admin.post(`/api/v1/orders/${orderIds.cancelled}/transition`, {
      to: 'cancelled',
      version: gone.version,
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    // m(1): its owner moved to branch B, the order with them
    const user = await getJson(admin, `/api/v1/users/${mover.id}`);
    const move = await admin.patch(`/api/v1/users/${mover.id}`, {
      version: user.version,
      departmentId: f.branchB,
    });
    expect(move.statusCode, move.body).toBe(200);
    // until refreshed the whole months are as they were
    expect(withoutFreshness(await getJson(admin, `${URL}?${query(whole())}`))).toEqual(
      withoutFreshness(stale),
    );
    expect(await refreshOrderLineRollups(t.database.db, t.tenant.id)).toBe(3);
    await expectRaw(false);
    const b = await getJson(f.managerB, `${URL}?${query(whole())}&groupBy=product`);
    expect(b.rows.find((r: Row) => r.cell === products.printer)).toMatchObject({
      amount: '4000.00',
      quantity: 5,
    });
  });
});
