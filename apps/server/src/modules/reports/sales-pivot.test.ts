import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeCustomer } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { makeProduct } from '../quotes/test-helpers.ts';
import { getJson, orderReportFixture } from './order-report-fixture.ts';
import { exportedRows, refusesOn } from './report-test-helpers.ts';

// 销售分析 by region (the order's customer's province → city → district), customer, product
// category and product, alone or two at once: orders' totals at the orders' grain, the lines'
// amounts (before tax) as soon as a product or category is grouped or filtered on. Each figure
// equals an independent raw GROUP BY over the tables; sibling managers add up to their supervisor;
// a drill-down lists exactly the orders or lines counted.

const URL = '/api/v1/reports/sales-pivot';
const NONE = '__none__';
let t: TestContext;
let f: Awaited<ReturnType<typeof orderReportFixture>>;
const r: Record<string, string> = {};
const customers: Record<string, string> = {};
let hardware: string;
let laptops: string;
let laptop: string;
let printer: string;
let support: string;

type Row = Record<string, string | number | null>;
type Figures = Record<string, [string, number]>;

async function regionItem(name: string, parentId: string | null) {
  const rows = await t.database.db.execute(sql`SELECT id::text FROM dictionary_items
    WHERE tenant_id = ${t.tenant.id} AND type = 'region' AND name = ${name}
      AND parent_id IS NOT DISTINCT FROM ${parentId}::uuid`);
  return (rows.rows[0] as { id: string }).id;
}

async function category(name: string, parentId?: string) {
  const res = await f.admin.post('/api/v1/dictionaries/product-category/items', { name, parentId });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

async function order(agent: Agent, customerId: string, lines: [string, string][], taxRate = '0') {
  const res = await agent.post('/api/v1/orders', {
    customerId,
    taxRate,
    lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; total: string };
}

beforeAll(async () => {
  t = await createTestContext();
  f = await orderReportFixture(t, 'sales-pivot');
  r.guangdong = await regionItem('广东省', null);
  r.shenzhen = await regionItem('深圳市', r.guangdong);
  r.nanshan = await regionItem('南山区', r.shenzhen);
  r.guangzhou = await regionItem('广州市', r.guangdong);
  r.beijing = await regionItem('北京市', null);
  hardware = await category(`硬件${Date.now()}`);
  laptops = await category('笔记本', hardware);
  const services = await category(`服务${Date.now()}`);
  laptop = (await makeProduct(f.admin, { listPrice: '5000.00', categoryId: laptops })).id;
  printer = (await makeProduct(f.admin, { listPrice: '800.00', categoryId: hardware })).id;
  support = (await makeProduct(f.admin, { listPrice: '120.00', categoryId: services })).id;
  customers.nanshanA = (await makeCustomer(f.managerA, { regionId: r.nanshan })).id;
  customers.guangzhouA = (await makeCustomer(f.managerA, { regionId: r.guangzhou })).id;
  customers.beijingB = (await makeCustomer(f.managerB, { regionId: r.beijing })).id;
  customers.nowhereB = (await makeCustomer(f.managerB)).id;
  // 13 % tax on one order: its total is more than its lines
  await order(f.managerA, customers.nanshanA, [
    [laptop, '2'],
    [support, '1.5'],
  ]);
  await order(f.managerA, customers.nanshanA, [[printer, '1']], '13');
  await order(f.managerA, customers.guangzhouA, [[laptop, '1']]);
  const early = await order(f.managerB, customers.beijingB, [
    [laptop, '1'],
    [printer, '3'],
  ]);
  await order(f.managerB, customers.nowhereB, [[support, '3']]);
  // another month of this year (the same one in January), and a cancelled order that never counts
  await t.database.db.execute(sql`UPDATE orders SET ordered_at =
      (date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') + interval '20 days') AT TIME ZONE 'Asia/Shanghai'
    WHERE id = ${early.id}`);
  const gone = await order(f.managerB, customers.beijingB, [[laptop, '9']]);
  await t.database.db.execute(sql`UPDATE orders SET status = 'cancelled' WHERE id = ${gone.id}`);
});
afterAll(() => t.close());

/**
 * The raw GROUP BY: this year's counted orders (or their lines) of the departments — the first
 * measure and the count per key (and second key). Regions by walking the tree up from the
 * customer's region: its root is the province, the next the city, the third the district.
 */
async function raw(
  grain: 'orders' | 'lines',
  keys: SQL[],
  departments: readonly string[],
  where = sql`TRUE`,
) {
  const amount = grain === 'orders' ? sql`o.total` : sql`l.amount`;
  const rows = await t.database.db.execute(sql`
    WITH RECURSIVE up AS (
      SELECT id AS item, id, parent_id, 1 AS steps FROM dictionary_items WHERE tenant_id = ${t.tenant.id}
      UNION ALL SELECT up.item, d.id, d.parent_id, up.steps + 1 FROM up JOIN dictionary_items d ON d.id = up.parent_id),
    paths AS (SELECT item, array_agg(id ORDER BY steps DESC) AS path FROM up GROUP BY item),
    facts AS (
      SELECT o.id AS order_id, o.customer_id, o.department_id, o.owner_id, o.total,
        to_char(o.ordered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
        pa.path[1] AS province, pa.path[2] AS city, pa.path[3] AS district
      FROM orders o JOIN customers c ON c.id = o.customer_id LEFT JOIN paths pa ON pa.item = c.region_id
      WHERE o.tenant_id = ${t.tenant.id} AND o.deleted_at IS NULL AND o.status <> 'cancelled'
        AND o.department_id = ANY(${`{${departments.join(',')}}`}::uuid[])
        AND o.ordered_at >= date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')
    SELECT ${sql.join(
      keys.map((k, i) => sql`coalesce((${k})::text, ${NONE}) AS ${sql.identifier(`k${i}`)}`),
      sql`, `,
    )}, sum(${amount})::text AS amount, count(*)::int AS n
    FROM facts o ${grain === 'lines' ? sql`JOIN order_lines l ON l.order_id = o.order_id JOIN products p ON p.id = l.product_id` : sql``}
    WHERE ${where}
    GROUP BY ${sql.join(
      keys.map((_, i) => sql.raw(String(i + 1))),
      sql`, `,
    )}`);
  return Object.fromEntries(
    (rows.rows as { k0: string; k1?: string; amount: string; n: number }[]).map((x) => [
      x.k1 === undefined ? x.k0 : `${x.k0}||${x.k1}`,
      [x.amount, x.n],
    ]),
  ) as Figures;
}

const keyOf: Record<string, SQL> = {
  province: sql`o.province`,
  city: sql`o.city`,
  district: sql`o.district`,
  customer: sql`o.customer_id`,
  month: sql`o.month`,
  department: sql`o.department_id`,
  category: sql`p.category_id`,
  product: sql`l.product_id`,
};
const lineLevel = (...keys: string[]) => keys.some((k) => k === 'category' || k === 'product');

/** A one-dimension answer as `{cell: [first measure, count]}`. */
const figures = (result: { rows: Row[] }, amount: string, count: string) =>
  Object.fromEntries(result.rows.map((x) => [x.cell, [x[amount], x[count]]])) as Figures;

/** A pivot answer as `{row||column: value}`, the cells with sales only. */
const cells = (result: { rows: Row[] }) => {
  const out: Record<string, string> = {};
  for (const row of result.rows)
    for (const [k, v] of Object.entries(row))
      if (k.startsWith('c:') && v !== '0.00') out[`${row.cell}||${k.slice(2)}`] = String(v);
  return out;
};
const amounts = (fig: Figures) => Object.fromEntries(Object.entries(fig).map(([k, v]) => [k, v[0]]));

describe('sales analysis by region, customer, category and product', () => {
  it('each dimension equals the raw GROUP BY; the branches add up to their supervisor', async () => {
    for (const by of ['province', 'city', 'district', 'customer', 'category', 'product']) {
      const lines = lineLevel(by);
      const [amount, count] = lines ? ['lineAmount', 'lines'] : ['amount', 'orders'];
      const grain = lines ? 'lines' : 'orders';
      const a = await getJson(f.managerA, `${URL}?groupBy=${by}`);
      const b = await getJson(f.managerB, `${URL}?groupBy=${by}`);
      const s = await getJson(f.supervisor, `${URL}?groupBy=${by}`);
      expect(figures(a, amount, count), by).toEqual(await raw(grain, [keyOf[by]], [f.branchA]));
      expect(figures(b, amount, count), by).toEqual(await raw(grain, [keyOf[by]], [f.branchB]));
      expect(figures(s, amount, count), by).toEqual(await raw(grain, [keyOf[by]], [f.branchA, f.branchB]));
      expect(Number(a.totals[amount]) + Number(b.totals[amount])).toBeCloseTo(Number(s.totals[amount]), 2);
      expect(a.totals[count] + b.totals[count]).toBe(s.totals[count]);
    }
  });

  it('regions roll up: the province holds its cities, a city its districts; no region is 未设置', async () => {
    const s = await getJson(f.supervisor, `${URL}?groupBy=province`);
    // nanshan: 10180 + 904 (800 + 13 %), guangzhou: 5000
    expect(s.rows.find((x: Row) => x.cell === r.guangdong)).toMatchObject({
      province: '广东省',
      amount: '16084.00',
      orders: 3,
    });
    expect(s.rows.find((x: Row) => x.cell === NONE)?.province).toBe('未设置');
    const cities = await getJson(f.supervisor, `${URL}?groupBy=city&regionId=${r.guangdong}`);
    expect(figures(cities, 'amount', 'orders')).toEqual({
      [r.shenzhen]: ['11084.00', 2],
      [r.guangzhou]: ['5000.00', 1],
    });
    const districts = await getJson(f.supervisor, `${URL}?groupBy=district&regionId=${r.shenzhen}`);
    expect(figures(districts, 'amount', 'orders')).toEqual({ [r.nanshan]: ['11084.00', 2] });
  });

  it('"amount" says what it is: orders with tax, products before tax', async () => {
    const byCustomer = await getJson(f.supervisor, `${URL}?groupBy=customer`);
    expect(byCustomer.rows.find((x: Row) => x.cell === customers.nanshanA)).toMatchObject({
      amount: '11084.00',
      orders: 2,
    });
    expect(byCustomer.columns.map((c: { name: string }) => c.name)).toContain('销售额');
    const byProduct = await getJson(f.supervisor, `${URL}?groupBy=product&customerId=${customers.nanshanA}`);
    expect(byProduct.columns.map((c: { name: string }) => c.name)).toContain('产品销售额（未税）');
    expect(byProduct.totals).toMatchObject({ lineAmount: '10980.00', lines: 3 });
  });

  it('pivots: region × product and customer × month equal the raw GROUP BY of both keys', async () => {
    for (const [by, by2] of [
      ['province', 'product'],
      ['customer', 'month'],
      ['city', 'category'],
    ]) {
      const grain = lineLevel(by, by2) ? 'lines' : 'orders';
      for (const [agent, departments] of [
        [f.managerA, [f.branchA]],
        [f.managerB, [f.branchB]],
        [f.supervisor, [f.branchA, f.branchB]],
      ] as const) {
        const p = await getJson(agent, `${URL}?groupBy=${by}&groupBy2=${by2}`);
        expect(cells(p), `${by} × ${by2}`).toEqual(
          amounts(await raw(grain, [keyOf[by], keyOf[by2]], departments)),
        );
      }
    }
    // an order of two products counts in both columns with its lines, the row total is the lines'
    const p = await getJson(f.supervisor, `${URL}?groupBy=province&groupBy2=product`);
    expect(p.rows.find((x: Row) => x.cell === r.beijing)).toMatchObject({
      [`c:${laptop}`]: '5000.00',
      [`c:${printer}`]: '2400.00',
      total: '7400.00',
    });
  });

  it('a drill-down lists exactly the lines or orders a cell counted', async () => {
    const lines = await getJson(
      f.supervisor,
      `${URL}/drill?groupBy=province&groupBy2=product&cell=${r.guangdong}||${laptop}`,
    );
    const expected = await t.database.db.execute(sql`SELECT l.order_id::text || ':' || l.id::text AS id
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE o.customer_id = ANY(${`{${customers.nanshanA},${customers.guangzhouA}}`}::uuid[])
        AND l.product_id = ${laptop} AND o.status <> 'cancelled'`);
    expect(lines.data.map((x: { id: string }) => x.id).sort()).toEqual(
      (expected.rows as { id: string }[]).map((x) => x.id).sort(),
    );
    expect(lines.data.map((x: { values: Row }) => x.values.lineAmount).sort()).toEqual([
      '10000.00',
      '5000.00',
    ]);
    expect(lines.data[0].link).toBe(`/orders?id=${lines.data[0].id.split(':')[0]}`);
    const month = (await getJson(f.supervisor, `${URL}?groupBy=customer&groupBy2=month`)).columns
      .find((c: { key: string }) => c.key.startsWith('c:'))
      .key.slice(2);
    const orders = await getJson(
      f.supervisor,
      `${URL}/drill?groupBy=customer&groupBy2=month&cell=${customers.nanshanA}||${month}`,
    );
    const counted = await t.database.db.execute(sql`SELECT id::text FROM orders
      WHERE customer_id = ${customers.nanshanA} AND status <> 'cancelled'
        AND to_char(ordered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month}`);
    expect(orders.data.map((x: { id: string }) => x.id).sort()).toEqual(
      (counted.rows as { id: string }[]).map((x) => x.id).sort(),
    );
    // a manager's drill-down holds only their branch's records
    const mine = await getJson(f.managerB, `${URL}/drill?groupBy=province&cell=${r.guangdong}`);
    expect(mine.total).toBe(0);
  });

  it('filters: a region takes everything in it, a category its sub-categories, a customer and a product theirs', async () => {
    const both = [f.branchA, f.branchB];
    const byRegion = await getJson(f.supervisor, `${URL}?groupBy=customer&regionId=${r.guangdong}`);
    expect(figures(byRegion, 'amount', 'orders')).toEqual(
      await raw('orders', [keyOf.customer], both, sql`o.province = ${r.guangdong}::uuid`),
    );
    const byCategory = await getJson(f.supervisor, `${URL}?groupBy=product&categoryId=${hardware}`);
    expect(Object.keys(figures(byCategory, 'lineAmount', 'lines')).sort()).toEqual([laptop, printer].sort());
    const subCategory = await getJson(f.supervisor, `${URL}?groupBy=product&categoryId=${laptops}`);
    expect(subCategory.rows.map((x: Row) => x.cell)).toEqual([laptop]);
    // a product filter alone counts that product's lines, by any order-level dimension
    const byProduct = await getJson(f.supervisor, `${URL}?groupBy=department&productId=${laptop}`);
    expect(figures(byProduct, 'lineAmount', 'lines')).toEqual(
      await raw('lines', [keyOf.department], both, sql`l.product_id = ${laptop}::uuid`),
    );
    const byCustomer = await getJson(f.supervisor, `${URL}?groupBy=month&customerId=${customers.beijingB}`);
    expect(byCustomer.totals).toEqual({ amount: '7400.00', orders: 1 });
  });

  it('the catalogue offers the region tree, customers and products; the XLSX names the filters', async () => {
    const catalogue = await getJson(f.supervisor, '/api/v1/reports');
    const entry = catalogue.data.find((x: { code: string }) => x.code === 'sales-pivot');
    const next = Object.fromEntries(
      entry.dimensions.map((d: { key: string; next?: unknown }) => [d.key, d.next]),
    );
    expect(next.province).toEqual({ groupBy: 'city', filter: 'regionId' });
    expect(next.category).toEqual({ groupBy: 'product', filter: 'categoryId' });
    const types = Object.fromEntries(
      entry.filters.map((x: { key: string; type: string }) => [x.key, x.type]),
    );
    expect(types).toMatchObject({ regionId: 'dictionary', customerId: 'customer', productId: 'product' });
    const sheet = await exportedRows(
      f.supervisor,
      `${URL}/export?format=xlsx&customerId=${customers.beijingB}`,
    );
    const filters = sheet.find((x) => x[0] === '筛选');
    const name = (await getJson(f.supervisor, `/api/v1/customers/${customers.beijingB}`)).name;
    expect(filters?.[1]).toBe(`客户=${name}`);
  });

  it('refuses a bad dimension or filter on its field; 404 without the report or orders:view', async () => {
    await refusesOn(f.supervisor, `${URL}?groupBy=colour`, 'groupBy');
    await refusesOn(f.supervisor, `${URL}?groupBy=product&groupBy2=product`, 'groupBy2');
    await refusesOn(f.supervisor, `${URL}?regionId=x`, 'regionId');
    await refusesOn(f.supervisor, `${URL}?customerId=x`, 'customerId');
    await refusesOn(f.supervisor, `${URL}?productId=x`, 'productId');
    await refusesOn(f.supervisor, `${URL}?categoryId=x`, 'categoryId');
    await getJson(f.noReport, URL, 404);
    await getJson(f.noOrders, URL, 404);
  });
});
