import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../platform/dates.ts';
import { makeCustomer } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { refreshOrderRollups } from '../orders/rollup-service.ts';
import { makeProduct } from '../quotes/test-helpers.ts';
import { getJson, orderReportFixture, placeOrder } from './order-report-fixture.ts';

// 业务员销售额排名 and 销售分析 read whole months from the orders' monthly rollup once it has been
// refreshed (freshness not live, as of the refresh), the partial months at the period's edges
// live: after a refresh the figures equal the live ones and the raw GROUP BY, scope applies as it
// does live (sibling managers disjoint, adding up to their supervisor), and a write to an old
// month shows after the next refresh, which aggregates only the months written.

const RANKING = '/api/v1/reports/sales-ranking';
const PIVOT = '/api/v1/reports/sales-pivot';
const ZONE = 'Asia/Shanghai';
let t: TestContext;
let f: Awaited<ReturnType<typeof orderReportFixture>>;
let order: (month: number, day: string, agentOf: 'A' | 'B') => Promise<string>;

type Row = Record<string, string | number | null>;

// months before the current one in the tenant's zone: m(3) is three months ago ('YYYY-MM')
const m = (back: number) => {
  const today = todayIn(ZONE);
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - back, 1));
  return d.toISOString().slice(0, 7);
};
const lastDayOf = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** The period that reads m(2) from the rollup and its edges in m(3) and m(1) live. */
const edgy = () => `range=custom&from=${m(3)}-15&to=${m(1)}-10`;
/** Three whole months: all from the rollup. */
const whole = () => `range=custom&from=${m(3)}-01&to=${lastDayOf(m(1))}`;

beforeAll(async () => {
  t = await createTestContext();
  f = await orderReportFixture(t, 'sales-ranking');
  await t.database.db.execute(
    sql`UPDATE roles SET permissions = permissions || '{reports:sales-pivot}'::text[] WHERE tenant_id = ${t.tenant.id}`,
  );
  const product = (await makeProduct(f.admin, { listPrice: '1000.00' })).id;
  const customers = { A: (await makeCustomer(f.managerA)).id, B: (await makeCustomer(f.managerB)).id };
  const agents = { A: f.managerA, B: f.managerB };
  order = async (month, day, who) => {
    const o = await placeOrder(agents[who], customers[who], [
      { productId: product, quantity: String(month + 1) },
    ]);
    // dated in the past, as a month's orders are (the time in the tenant's zone)
    await t.database.db.execute(
      sql`UPDATE orders SET ordered_at = ${`${m(month)}-${day}+08`}::timestamptz WHERE id = ${o.id}`,
    );
    return o.id;
  };
  await order(3, '20 12:00', 'A'); // an edge: live
  await order(3, '01 00:10', 'B'); // before the period
  await order(2, '01 00:30', 'B'); // the first minutes of the whole month, in the zone
  await order(2, '10 12:00', 'A');
  await order(2, `${lastDayOf(m(2)).slice(8)} 23:50`, 'A'); // its last minutes
  await order(1, '05 12:00', 'B'); // an edge: live
  await order(1, '25 12:00', 'B'); // after the period
  const cancelled = await order(2, '12 12:00', 'B');
  await t.database.db.execute(sql`UPDATE orders SET status = 'cancelled' WHERE id = ${cancelled}`);
});
afterAll(() => t.close());

/** The raw GROUP BY: counted orders of the departments from `from` to `to` (days in the zone) per owner. */
async function raw(from: string, to: string, departments: string[]) {
  const rows =
    await t.database.db.execute(sql`SELECT owner_id::text AS k, sum(total)::text AS amount, count(*)::int AS orders
    FROM orders WHERE tenant_id = ${t.tenant.id} AND deleted_at IS NULL AND status <> 'cancelled'
      AND department_id = ANY(${`{${departments.join(',')}}`}::uuid[])
      AND ordered_at >= (${from}::date::timestamp AT TIME ZONE ${ZONE})
      AND ordered_at < ((${to}::date + 1)::timestamp AT TIME ZONE ${ZONE})
    GROUP BY 1`);
  return Object.fromEntries(
    (rows.rows as { k: string; amount: string; orders: number }[]).map((r) => [
      r.k,
      { amount: r.amount, orders: r.orders },
    ]),
  );
}

const figures = (rows: Row[]) =>
  Object.fromEntries(rows.map((r) => [r.cell, { amount: r.amount, orders: r.orders }]));

describe('reports over the orders’ monthly rollup', () => {
  it('reads live until refreshed, then the same figures from the rollup (not live, as of the refresh)', async () => {
    for (const period of [edgy(), whole()]) {
      for (const agent of [f.managerA, f.managerB, f.supervisor, f.admin]) {
        const live = await getJson(agent, `${RANKING}?${period}`);
        expect(live.freshness.live).toBe(true);
        for (const by of ['department', 'month']) {
          const x = await getJson(agent, `${RANKING}?${period}&groupBy=${by}`);
          expect(x.freshness.live).toBe(true);
        }
      }
    }
    const before = new Date();
    expect(await refreshOrderRollups(t.database.db, t.tenant.id)).toBeGreaterThanOrEqual(3);
    for (const period of [edgy(), whole()]) {
      const [from, to] = [/from=([\d-]+)/.exec(period)![1], /to=([\d-]+)/.exec(period)![1]];
      const a = await getJson(f.managerA, `${RANKING}?${period}`);
      const b = await getJson(f.managerB, `${RANKING}?${period}`);
      const s = await getJson(f.supervisor, `${RANKING}?${period}`);
      for (const x of [a, b, s]) {
        expect(x.freshness.live).toBe(false);
        expect(new Date(x.freshness.asOf).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      }
      expect(figures(a.rows)).toEqual(await raw(from, to, [f.branchA]));
      expect(figures(b.rows)).toEqual(await raw(from, to, [f.branchB]));
      expect(figures(s.rows)).toEqual(await raw(from, to, [f.branchA, f.branchB]));
      // siblings are disjoint and add up to their supervisor
      expect(Object.keys(figures(a.rows)).some((k) => k in figures(b.rows))).toBe(false);
      expect(Number(a.totals.amount) + Number(b.totals.amount)).toBe(Number(s.totals.amount));
      expect(a.totals.orders + b.totals.orders).toBe(s.totals.orders);
    }
    // the figures of the edgy period: 20th of m(3) (A, 4 × 1000), m(2) (A twice, B once, 3 × 1000 each), 5th of m(1) (B, 2 × 1000)
    const s = await getJson(f.supervisor, `${RANKING}?${edgy()}`);
    expect(s.totals).toMatchObject({ orders: 5, amount: '15000.00' });
    const months = await getJson(f.supervisor, `${RANKING}?${edgy()}&groupBy=month`);
    expect(months.freshness.live).toBe(false);
    expect(months.rows.map((r: Row) => [r.cell, r.orders])).toEqual([
      [m(3), 1],
      [m(2), 3],
      [m(1), 1],
    ]);
    // 销售分析 by department reads it too; as a pivot (two dimensions) it stays live
    const d = await getJson(f.supervisor, `${PIVOT}?${edgy()}`);
    expect(d.freshness.live).toBe(false);
    expect(d.totals).toMatchObject({ orders: 5, amount: '15000.00' });
    const pivot = await getJson(f.supervisor, `${PIVOT}?${edgy()}&groupBy2=month`);
    expect(pivot.freshness.live).toBe(true);
  });

  it('this month and "today" stay live; a comparison reads the rollup for its own months', async () => {
    for (const range of ['today', 'thisMonth', 'last7Days']) {
      const x = await getJson(f.supervisor, `${RANKING}?range=${range}`);
      expect(x.freshness.live).toBe(true);
    }
    const y = await getJson(f.supervisor, `${RANKING}?${whole()}&compare=previous`);
    expect(y.freshness.live).toBe(false);
    expect(y.totals.orders).toBe(7);
  });

  it('a write to an old month shows after the next refresh, which aggregates only the months written', async () => {
    // what was written an hour ago is in the rollup; then one order is written to m(2)
    await t.database.db.execute(
      sql`UPDATE orders SET updated_at = updated_at - interval '1 hour' WHERE tenant_id = ${t.tenant.id}`,
    );
    await refreshOrderRollups(t.database.db, t.tenant.id);
    const late = await order(2, '15 12:00', 'A');
    const stale = await getJson(f.supervisor, `${RANKING}?${whole()}`);
    expect(stale.totals.orders).toBe(7);
    expect(await refreshOrderRollups(t.database.db, t.tenant.id)).toBe(1);
    const fresh = await getJson(f.supervisor, `${RANKING}?${whole()}`);
    expect(fresh.totals.orders).toBe(8);
    expect(figures(fresh.rows)).toEqual(await raw(`${m(3)}-01`, lastDayOf(m(1)), [f.branchA, f.branchB]));
    // cancelled: counted no more after the refresh
    await t.database.db.execute(
      sql`UPDATE orders SET status = 'cancelled', updated_at = now() WHERE id = ${late}`,
    );
    await refreshOrderRollups(t.database.db, t.tenant.id);
    const after = await getJson(f.supervisor, `${RANKING}?${whole()}`);
    expect(after.totals.orders).toBe(7);
    expect(figures(after.rows)).toEqual(await raw(`${m(3)}-01`, lastDayOf(m(1)), [f.branchA, f.branchB]));
  });
});
