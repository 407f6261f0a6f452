import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCustomer } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { makeProduct } from '../quotes/test-helpers.ts';
import { exportedTotal, getJson, orderReportFixture, placeOrder } from './order-report-fixture.ts';

// 产品销售构成: order lines of counted orders by category (a sub-category counts under its
// parent when filtered) and product — amount and quantity equal the raw GROUP BY; sibling
// managers add up to their supervisor; a drill-down lists exactly the lines; the XLSX agrees.

const URL = '/api/v1/reports/product-sales';
let t: TestContext;
let f: Awaited<ReturnType<typeof orderReportFixture>>;
let hardware: string;
let laptops: string;
let services: string;
let laptop: string;
let printer: string;
let support: string;
let linesOfLaptop: string[] = [];

type Row = Record<string, string | number | null>;

async function category(name: string, parentId?: string) {
  const res = await f.admin.post('/api/v1/dictionaries/product-category/items', { name, parentId });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

beforeAll(async () => {
  t = await createTestContext();
  f = await orderReportFixture(t, 'product-sales');
  hardware = await category(`硬件${Date.now()}`);
  laptops = await category('笔记本', hardware);
  services = await category(`服务${Date.now()}`);
  laptop = (await makeProduct(f.admin, { listPrice: '5000.00', categoryId: laptops })).id;
  printer = (await makeProduct(f.admin, { listPrice: '800.00', categoryId: hardware })).id;
  support = (await makeProduct(f.admin, { listPrice: '120.00', categoryId: services })).id;
  const customerA = (await makeCustomer(f.managerA)).id;
  const customerB = (await makeCustomer(f.managerB)).id;
  const a = await placeOrder(f.managerA, customerA, [
    { productId: laptop, quantity: '2' },
    { productId: support, quantity: '1.5' },
  ]);
  const b = await placeOrder(f.managerB, customerB, [
    { productId: laptop, quantity: '1' },
    { productId: printer, quantity: '3' },
  ]);
  linesOfLaptop = [a, b].map((o) => {
    const line = (o.lines as unknown as { id: string; productId: string }[]).find(
      (l) => l.productId === laptop,
    );
    return `${o.id}:${line?.id}`;
  });
  // a cancelled order's lines never count
  const gone = await placeOrder(f.managerB, customerB, [{ productId: laptop, quantity: '9' }]);
  await t.database.db.execute(sql`UPDATE orders SET status = 'cancelled' WHERE id = ${gone.id}`);
});
afterAll(() => t.close());

/** The raw GROUP BY over order lines of this year's counted orders of the departments. */
async function raw(by: 'product' | 'category', departments: string[]) {
  const key = by === 'product' ? sql`l.product_id` : sql`p.category_id`;
  const rows = await t.database.db.execute(sql`SELECT ${key}::text AS k, sum(l.amount)::text AS amount,
      sum(l.quantity)::float AS quantity
    FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
    WHERE o.tenant_id = ${t.tenant.id} AND o.deleted_at IS NULL AND o.status <> 'cancelled'
      AND o.department_id = ANY(${`{${departments.join(',')}}`}::uuid[])
      AND o.ordered_at >= date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
    GROUP BY 1`);
  return Object.fromEntries(
    (rows.rows as { k: string; amount: string; quantity: number }[]).map((r) => [
      r.k,
      { amount: r.amount, quantity: r.quantity },
    ]),
  );
}

const figures = (rows: Row[]) =>
  Object.fromEntries(rows.map((r) => [r.cell, { amount: r.amount, quantity: r.quantity }]));

describe('product sales', () => {
  it('by product and by category like the raw GROUP BY; siblings add up to their supervisor', async () => {
    for (const by of ['product', 'category'] as const) {
      const a = await getJson(f.managerA, `${URL}?groupBy=${by}`);
      const b = await getJson(f.managerB, `${URL}?groupBy=${by}`);
      const s = await getJson(f.supervisor, `${URL}?groupBy=${by}`);
      expect(figures(a.rows)).toEqual(await raw(by, [f.branchA]));
      expect(figures(b.rows)).toEqual(await raw(by, [f.branchB]));
      expect(figures(s.rows)).toEqual(await raw(by, [f.branchA, f.branchB]));
      expect(Number(a.totals.amount) + Number(b.totals.amount)).toBe(Number(s.totals.amount));
      expect(s.totals.quantity).toBe(7.5);
    }
    const s = await getJson(f.supervisor, `${URL}?groupBy=product`);
    expect(s.rows[0]).toMatchObject({ cell: laptop, amount: '15000.00', quantity: 3 });
    expect(s.rows[0].product).toMatch(/^产品/);
    const c = await getJson(f.supervisor, `${URL}?groupBy=category`);
    expect(c.rows.find((r: Row) => r.cell === laptops)?.category).toBe('笔记本');
  });

  it('category → product: a category filter takes its sub-categories', async () => {
    const s = await getJson(f.supervisor, `${URL}?groupBy=product&categoryId=${hardware}`);
    expect(s.rows.map((r: Row) => r.cell).sort()).toEqual([laptop, printer].sort());
    expect(s.totals.amount).toBe('17400.00');
    const only = await getJson(f.supervisor, `${URL}?groupBy=product&categoryId=${laptops}`);
    expect(only.rows.map((r: Row) => r.cell)).toEqual([laptop]);
  });

  it('a drill-down lists exactly the lines of the cell, each opening its order', async () => {
    const page = await getJson(f.supervisor, `${URL}/drill?groupBy=product&cell=${laptop}`);
    expect(page.total).toBe(2);
    expect(page.data.map((r: { id: string }) => r.id).sort()).toEqual([...linesOfLaptop].sort());
    expect(
      page.data
        .map((r: { values: { amount: string } }) => Number(r.values.amount))
        .sort((x: number, y: number) => x - y),
    ).toEqual([5000, 10000]);
    expect(page.data[0].link).toBe(`/orders?id=${page.data[0].id.split(':')[0]}`);
    const mine = await getJson(f.managerA, `${URL}/drill?groupBy=product&cell=${laptop}`);
    expect(mine.data.map((r: { id: string }) => r.id)).toEqual([linesOfLaptop[0]]);
  });

  it('refuses a bad dimension or filter on its field; 404 without the report or orders:view', async () => {
    expect(JSON.stringify(await getJson(f.supervisor, `${URL}?groupBy=colour`, 400))).toContain('groupBy');
    expect(JSON.stringify(await getJson(f.supervisor, `${URL}?categoryId=x`, 400))).toContain('categoryId');
    await getJson(f.noReport, URL, 404);
    await getJson(f.noOrders, URL, 404);
  });

  it('the XLSX holds the same total', async () => {
    const s = await getJson(f.supervisor, URL);
    expect(await exportedTotal(f.supervisor, `${URL}/export?format=xlsx`, '产品分类', '销售额')).toBe(
      Number(s.totals.amount),
    );
  });
});
