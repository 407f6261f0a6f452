import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCustomer } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { makeProduct } from '../quotes/test-helpers.ts';
import { exportedTotal, getJson, orderReportFixture, placeOrder } from './order-report-fixture.ts';

// 大客户: the customers whose counted orders in the period reach the threshold (100,000 unless
// `min` says otherwise) equal the raw GROUP BY … HAVING of the same scope; siblings add up to their
// supervisor; a drill-down lists exactly the customers counted; the XLSX agrees.

const URL = '/api/v1/reports/top-customers';
let t: TestContext;
let f: Awaited<ReturnType<typeof orderReportFixture>>;
let bigA: string;
let smallA: string;
let bigB: string;
let hugeB: string;

type Row = Record<string, string | number | null>;

beforeAll(async () => {
  t = await createTestContext();
  f = await orderReportFixture(t, 'top-customers');
  const product = await makeProduct(f.admin, { listPrice: '10000.00' });
  const order = (agent: typeof f.admin, customerId: string, quantity: string) =>
    placeOrder(agent, customerId, [{ productId: product.id, quantity }]);
  bigA = (await makeCustomer(f.managerA)).id;
  smallA = (await makeCustomer(f.managerA)).id;
  bigB = (await makeCustomer(f.managerB)).id;
  hugeB = (await makeCustomer(f.managerB)).id;
  // bigA reaches the threshold over two orders; smallA stays below it
  await order(f.managerA, bigA, '6');
  await order(f.managerA, bigA, '5');
  await order(f.managerA, smallA, '9');
  await order(f.managerB, bigB, '12');
  await order(f.managerB, hugeB, '40');
  // an order of last year does not lift smallA into this year's list
  const old = await order(f.managerA, smallA, '20');
  await t.database.db.execute(
    sql`UPDATE orders SET ordered_at = ordered_at - interval '1 year' WHERE id = ${old.id}`,
  );
});
afterAll(() => t.close());

/** The raw GROUP BY … HAVING: this year's counted order totals per customer of the departments. */
async function raw(departments: string[], min = 100_000) {
  const rows = await t.database.db.execute(sql`SELECT customer_id::text AS c, sum(total)::text AS amount
    FROM orders WHERE tenant_id = ${t.tenant.id} AND deleted_at IS NULL AND status <> 'cancelled'
      AND department_id = ANY(${`{${departments.join(',')}}`}::uuid[])
      AND ordered_at >= date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
    GROUP BY 1 HAVING sum(total) >= ${min}`);
  return Object.fromEntries((rows.rows as { c: string; amount: string }[]).map((r) => [r.c, r.amount]));
}

const amounts = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.cell, r.amount]));

describe('top customers', () => {
  it('lists the customers at or above 100,000 like the raw GROUP BY; siblings add up to their supervisor', async () => {
    const a = await getJson(f.managerA, URL);
    const b = await getJson(f.managerB, URL);
    const s = await getJson(f.supervisor, URL);
    expect(amounts(a.rows)).toEqual(await raw([f.branchA]));
    expect(amounts(b.rows)).toEqual(await raw([f.branchB]));
    expect(amounts(s.rows)).toEqual(await raw([f.branchA, f.branchB]));
    expect(a.rows.map((r: Row) => r.cell)).toEqual([bigA]);
    expect(s.rows.map((r: Row) => r.cell)).toEqual([hugeB, bigB, bigA]);
    expect(s.totals).toMatchObject({ customers: 3, orders: 4 });
    expect(Number(a.totals.amount) + Number(b.totals.amount)).toBe(Number(s.totals.amount));
    expect(s.rows[0].customer).not.toBe(hugeB);
  });

  it('min moves the threshold either way; not an amount is 400 on min', async () => {
    const s = await getJson(f.supervisor, `${URL}?min=130000`);
    expect(amounts(s.rows)).toEqual(await raw([f.branchA, f.branchB], 130_000));
    expect(s.rows.map((r: Row) => r.cell)).toEqual([hugeB]);
    const lower = await getJson(f.supervisor, `${URL}?min=1&top=500`);
    expect(amounts(lower.rows)).toEqual(await raw([f.branchA, f.branchB], 1));
    expect(lower.rows.length).toBeGreaterThan(s.rows.length);
    for (const bad of ['lots', '-1', '1e9'])
      expect(JSON.stringify(await getJson(f.supervisor, `${URL}?min=${bad}`, 400))).toContain('min');
  });

  it('by the customer’s department, each the raw figure', async () => {
    const s = await getJson(f.supervisor, `${URL}?groupBy=department`);
    const byDept = Object.fromEntries(s.rows.map((r: Row) => [r.cell, r.customers]));
    expect(byDept).toEqual({ [f.branchA]: 1, [f.branchB]: 2 });
  });

  it('a drill-down lists exactly the customers of the cell', async () => {
    const page = await getJson(f.supervisor, `${URL}/drill?groupBy=department&cell=${f.branchB}`);
    expect(page.total).toBe(2);
    expect(page.data.map((r: { id: string }) => r.id)).toEqual([hugeB, bigB]);
    expect(page.data[0].link).toBe(`/customers/${hugeB}`);
    expect((await getJson(f.managerA, `${URL}/drill?cell=${hugeB}`)).total).toBe(0);
  });

  it('refuses a bad dimension; 404 without the report or orders:view', async () => {
    expect(JSON.stringify(await getJson(f.supervisor, `${URL}?groupBy=colour`, 400))).toContain('groupBy');
    await getJson(f.noReport, URL, 404);
    await getJson(f.noOrders, URL, 404);
  });

  it('the XLSX holds the same total', async () => {
    const s = await getJson(f.supervisor, URL);
    expect(await exportedTotal(f.supervisor, `${URL}/export?format=xlsx`, '客户', '订单金额')).toBe(
      Number(s.totals.amount),
    );
  });
});
