import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCustomer } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { makeProduct } from '../quotes/test-helpers.ts';
import { exportedTotal, getJson, orderReportFixture, placeOrder } from './order-report-fixture.ts';

// 客户贡献: order amounts per customer equal the raw GROUP BY of the same scope and period,
// sibling managers' figures are disjoint and add up to their supervisor's, growth compares with
// last year, a drill-down lists exactly the orders counted, and the XLSX holds the same total.

const URL = '/api/v1/reports/customer-contribution';
let t: TestContext;
let f: Awaited<ReturnType<typeof orderReportFixture>>;
let customerA: string;
let customerB: string;
let ordersOfA: string[];
let lastYearOrder: string;
let cancelled: string;

type Row = Record<string, string | number | null>;

beforeAll(async () => {
  t = await createTestContext();
  f = await orderReportFixture(t, 'customer-contribution');
  const product = await makeProduct(f.admin, { listPrice: '1000.00' });
  const line = (quantity: string) => [{ productId: product.id, quantity }];
  customerA = (await makeCustomer(f.managerA)).id;
  customerB = (await makeCustomer(f.managerB)).id;
  ordersOfA = [
    (await placeOrder(f.managerA, customerA, line('2'))).id,
    (await placeOrder(f.managerA, customerA, line('3'))).id,
  ];
  lastYearOrder = (await placeOrder(f.managerA, customerA, line('4'))).id;
  await t.database.db.execute(
    sql`UPDATE orders SET ordered_at = ordered_at - interval '1 year' WHERE id = ${lastYearOrder}`,
  );
  await placeOrder(f.managerB, customerB, line('1'));
  // a cancelled order never counts
  cancelled = (await placeOrder(f.managerB, customerB, line('7'))).id;
  await t.database.db.execute(sql`UPDATE orders SET status = 'cancelled' WHERE id = ${cancelled}`);
});
afterAll(() => t.close());

/** The raw GROUP BY: this year's counted order totals per customer of the given departments. */
async function raw(departments: string[]) {
  const rows = await t.database.db.execute(sql`SELECT customer_id::text AS c, sum(total)::text AS amount
    FROM orders WHERE tenant_id = ${t.tenant.id} AND deleted_at IS NULL AND status <> 'cancelled'
      AND department_id = ANY(${`{${departments.join(',')}}`}::uuid[])
      AND ordered_at >= date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
    GROUP BY 1`);
  return new Map((rows.rows as { c: string; amount: string }[]).map((r) => [r.c, r.amount]));
}

const amounts = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.cell, r.amount]));

describe('customer contribution', () => {
  it('ranks customers by order amount like the raw GROUP BY; siblings add up to their supervisor', async () => {
    const a = await getJson(f.managerA, URL);
    const b = await getJson(f.managerB, URL);
    const s = await getJson(f.supervisor, URL);
    expect(amounts(a.rows)).toEqual(Object.fromEntries(await raw([f.branchA])));
    expect(amounts(b.rows)).toEqual(Object.fromEntries(await raw([f.branchB])));
    expect(amounts(s.rows)).toEqual(Object.fromEntries(await raw([f.branchA, f.branchB])));
    expect(a.rows.map((r: Row) => r.cell)).toEqual([customerA]);
    expect(b.rows.map((r: Row) => r.cell)).toEqual([customerB]);
    expect(Number(a.totals.amount) + Number(b.totals.amount)).toBe(Number(s.totals.amount));
    expect(s.totals.orders).toBe(3);
    // ranked, named, with shares
    expect(s.rows.map((r: Row) => r.cell)).toEqual([customerA, customerB]);
    expect(s.rows[0].customer).not.toBe(customerA);
    expect(Number(s.rows[0].amountShare) + Number(s.rows[1].amountShare)).toBeCloseTo(100, 1);
  });

  it('growth: compares with the same period last year', async () => {
    const a = await getJson(f.managerA, `${URL}?compare=lastYear`);
    const lastYear = await t.database.db.execute(
      sql`SELECT total::text AS total FROM orders WHERE id = ${lastYearOrder}`,
    );
    expect(a.rows[0].amountCompare).toBe((lastYear.rows[0] as { total: string }).total);
    expect(a.rows[0].ordersCompare).toBe(1);
  });

  it('groups by year in key order over all time', async () => {
    const a = await getJson(f.managerA, `${URL}?groupBy=year&range=all`);
    const year = new Date().getFullYear();
    expect(a.rows.map((r: Row) => r.cell)).toEqual([String(year - 1), String(year)]);
    expect(a.totals.orders).toBe(3);
  });

  it('a drill-down lists exactly the orders of the cell', async () => {
    const page = await getJson(f.supervisor, `${URL}/drill?cell=${customerA}`);
    expect(page.total).toBe(2);
    expect(page.data.map((r: { id: string }) => r.id).sort()).toEqual([...ordersOfA].sort());
    const report = await getJson(f.supervisor, URL);
    const sum = page.data.reduce(
      (n: number, r: { values: { amount: string } }) => n + Number(r.values.amount),
      0,
    );
    expect(sum).toBe(Number(report.rows[0].amount));
    expect((await getJson(f.managerB, `${URL}/drill?cell=${customerA}`)).total).toBe(0);
  });

  it('refuses a bad dimension or filter on its field; 404 without the report or orders:view', async () => {
    expect(JSON.stringify(await getJson(f.supervisor, `${URL}?groupBy=colour`, 400))).toContain('groupBy');
    expect(JSON.stringify(await getJson(f.supervisor, `${URL}?customerId=x`, 400))).toContain('customerId');
    await getJson(f.noReport, URL, 404);
    await getJson(f.noOrders, URL, 404);
    await getJson(f.noOrders, `${URL}/drill?cell=${customerA}`, 404);
  });

  it('the XLSX holds the same total', async () => {
    const s = await getJson(f.supervisor, URL);
    expect(await exportedTotal(f.supervisor, `${URL}/export?format=xlsx`, '客户', '订单金额')).toBe(
      Number(s.totals.amount),
    );
  });
});
