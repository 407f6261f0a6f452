import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeCustomer, makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { makeProduct } from '../quotes/test-helpers.ts';

// The report framework over two reports: the figure equals the raw GROUP BY of the same scope,
// sibling managers' numbers are disjoint and add up to their supervisor's, a drill-down lists
// exactly the records counted, and the XLSX holds the same numbers.

let t: TestContext;
let admin: Agent;
let managerA: Agent;
let managerB: Agent;
let supervisor: Agent;
let noReports: Agent;
let branchA: string;
let branchB: string;
let region: string;
let ordersOfA: string[] = [];
/** managerA, managerB, supervisor, noReports — in that order. */
const userIds: string[] = [];

const reportPerms = ['reports:sales-ranking', 'reports:customer-composition', 'reports:sales-pivot'];
const selling = ['orders:view', 'orders:create', 'customers:view', 'customers:create', 'inventory:view'];

async function order(agent: Agent, customerId: string, productId: string, quantity: string) {
  const res = await agent.post('/api/v1/orders', { customerId, lines: [{ productId, quantity }] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; total: string };
}

const get = async (agent: Agent, url: string, status = 200) => {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

type Row = Record<string, string | number | null>;
const rowOf = (rows: Row[], key: string, value: string) => rows.find((r) => r[key] === value);

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  region = (await makeDepartment(admin, t.tenant.rootDepartmentId)).id;
  branchA = (await makeDepartment(admin, region)).id;
  branchB = (await makeDepartment(admin, region)).id;
  const manager = await makeRole(admin, [...selling, ...reportPerms], {
    orders: 'department',
    customers: 'department',
  });
  const overseer = await makeRole(admin, [...selling, ...reportPerms], {
    orders: 'department_and_children',
    customers: 'department_and_children',
  });
  const plain = await makeRole(admin, selling, { orders: 'department', customers: 'department' });
  const user = async (departmentId: string, roleId: string) => {
    const made = await makeUser(admin, { departmentId, roleIds: [roleId] });
    userIds.push(made.id);
    return t.login(made.username);
  };
  managerA = await user(branchA, manager.id);
  managerB = await user(branchB, manager.id);
  supervisor = await user(region, overseer.id);
  noReports = await user(branchA, plain.id);

  const product = await makeProduct(admin, { listPrice: '100.00' });
  const customerA = (await makeCustomer(managerA)).id;
  const customerB = (await makeCustomer(managerB)).id;
  ordersOfA = [
    (await order(managerA, customerA, product.id, '1')).id,
    (await order(managerA, customerA, product.id, '2.5')).id,
  ];
  await order(managerB, customerB, product.id, '3');
});
afterAll(() => t.close());

/** The raw GROUP BY: order totals per department of the tenant, this year, not cancelled. */
async function rawSalesByDepartment(departments: string[]) {
  const rows = await t.database.db.execute(sql`SELECT department_id::text AS d, sum(total)::text AS amount
    FROM orders WHERE tenant_id = ${t.tenant.id} AND deleted_at IS NULL AND status <> 'cancelled'
      AND department_id = ANY(${`{${departments.join(',')}}`}::uuid[])
      AND ordered_at >= date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
    GROUP BY 1`);
  return new Map((rows.rows as { d: string; amount: string }[]).map((r) => [r.d, r.amount]));
}

describe('the catalogue', () => {
  it('lists the reports the caller may run, with their dimensions and measures', async () => {
    const { data } = await get(supervisor, '/api/v1/reports');
    const ranking = data.find((r: { code: string }) => r.code === 'sales-ranking');
    expect(ranking).toMatchObject({ defaultGroupBy: 'owner', timed: true, chart: 'bar' });
    expect(ranking.measures.map((m: { key: string }) => m.key)).toEqual(['amount', 'orders']);
    expect((await get(noReports, '/api/v1/reports')).data).toEqual([]);
  });

  it('a report the caller may not run is 404, an unknown code 400', async () => {
    await get(noReports, '/api/v1/reports/sales-ranking', 404);
    await get(noReports, '/api/v1/reports/sales-ranking/drill?cell=x', 404);
    await get(supervisor, '/api/v1/reports/no-such-report', 400);
  });
});

describe('sales ranking', () => {
  it('sibling managers see disjoint numbers whose sum is their supervisor’s, each equal to the raw GROUP BY', async () => {
    const raw = await rawSalesByDepartment([branchA, branchB]);
    const a = await get(managerA, '/api/v1/reports/sales-ranking?groupBy=department');
    const b = await get(managerB, '/api/v1/reports/sales-ranking?groupBy=department');
    const s = await get(supervisor, '/api/v1/reports/sales-ranking?groupBy=department');
    expect(a.rows.map((r: Row) => r.cell)).toEqual([branchA]);
    expect(b.rows.map((r: Row) => r.cell)).toEqual([branchB]);
    expect(a.totals.amount).toBe('350.00');
    expect(a.rows[0].amount).toBe(raw.get(branchA));
    expect(b.totals.amount).toBe(raw.get(branchB));
    expect(rowOf(s.rows, 'cell', branchA)?.amount).toBe('350.00');
    expect(rowOf(s.rows, 'cell', branchB)?.amount).toBe('300.00');
    expect(s.totals).toMatchObject({ amount: '650.00', orders: 3 });
    expect(rowOf(s.rows, 'cell', branchA)?.amountShare).toBe(53.85);
    expect(s.period.from.endsWith('-01-01')).toBe(true);
    expect(s.freshness.live).toBe(true);
  });

  it('names the groups: people and departments, in the reader’s language for 其他', async () => {
    const s = await get(supervisor, '/api/v1/reports/sales-ranking?groupBy=owner&top=1');
    expect(s.rows).toHaveLength(2);
    expect(typeof s.rows[0].owner).toBe('string');
    expect(s.rows[0].owner).not.toBe(s.rows[0].cell);
    expect(s.rows[1]).toMatchObject({ cell: '__others__', owner: '其他', amount: '300.00', orders: 1 });
    expect(s.rows[0].amount).toBe('350.00');
    expect(s.totals.amount).toBe('650.00');
  });

  it('a drill-down lists exactly the records of the cell, adding up to it', async () => {
    const page = await get(
      supervisor,
      `/api/v1/reports/sales-ranking/drill?groupBy=department&cell=${branchA}`,
    );
    expect(page.total).toBe(2);
    expect(page.data.map((r: { id: string }) => r.id).sort()).toEqual([...ordersOfA].sort());
    const sum = page.data.reduce(
      (n: number, r: { values: { amount: string } }) => n + Number(r.values.amount),
      0,
    );
    expect(sum).toBe(350);
    expect(page.data[0].link).toMatch(/^\/orders\?id=/);
    // the manager of B cannot open A's cell: nothing of it is in their scope
    expect(
      (await get(managerB, `/api/v1/reports/sales-ranking/drill?groupBy=department&cell=${branchA}`)).total,
    ).toBe(0);
    await get(supervisor, '/api/v1/reports/sales-ranking/drill?groupBy=department&cell=__others__', 400);
    await get(supervisor, '/api/v1/reports/sales-ranking/drill?groupBy=department&cell=not-a-uuid', 400);
  });

  it('compares with the same period last year', async () => {
    await t.database.db.execute(
      sql`UPDATE orders SET ordered_at = ordered_at - interval '1 year' WHERE id = ${ordersOfA[0]}`,
    );
    try {
      const s = await get(managerA, '/api/v1/reports/sales-ranking?groupBy=department&compare=lastYear');
      expect(s.rows[0]).toMatchObject({ amount: '250.00', amountCompare: '100.00', ordersCompare: 1 });
      expect(s.totals).toMatchObject({ amount: '250.00', amountCompare: '100.00' });
      expect(s.comparePeriod.from).toBe(`${Number(s.period.from.slice(0, 4)) - 1}-01-01`);
      expect(s.columns.map((c: { key: string }) => c.key)).toContain('amountCompare');
    } finally {
      await t.database.db.execute(
        sql`UPDATE orders SET ordered_at = ordered_at + interval '1 year' WHERE id = ${ordersOfA[0]}`,
      );
    }
  });

  it('refuses a bad dimension, period or filter on its field', async () => {
    const bad = async (q: string, field: string) => {
      const body = await get(supervisor, `/api/v1/reports/sales-ranking?${q}`, 400);
      expect(JSON.stringify(body)).toContain(field);
    };
    await bad('groupBy=colour', 'groupBy');
    await bad('range=custom&to=2026-01-01', 'from');
    await bad('range=custom&from=2026-02-01&to=2026-01-01', 'to');
    await bad('departmentId=nope', 'departmentId');
  });

  it('the XLSX holds the same rows and totals, with the period written', async () => {
    const res = await supervisor.get('/api/v1/reports/sales-ranking/export?format=xlsx&groupBy=department');
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const values = Array.from(sheet.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(values.some((r) => r[0] === '期间' && String(r[1]).includes('~'))).toBe(true);
    const header = values.find((r) => r[0] === '部门') as unknown[];
    expect(header).toContain('销售额');
    const total = values.find((r) => r[0] === '合计') as unknown[];
    expect(total[header.indexOf('销售额')]).toBe(650);
  });
});

describe('the XLSX’s filter line', () => {
  it('names the filters it was run with: the department’s name, the dictionary item’s label, not their ids', async () => {
    const names = await t.database.db.execute(sql`SELECT name FROM departments WHERE id = ${branchA}`);
    const branchName = (names.rows[0] as { name: string }).name;
    const level = (
      await t.database.db.execute(sql`SELECT id::text, name FROM dictionary_items
        WHERE tenant_id = ${t.tenant.id} AND type = 'customer-level' ORDER BY sort_order LIMIT 1`)
    ).rows[0] as { id: string; name: string };
    const sheetOf = async (url: string) => {
      const res = await supervisor.get(url);
      expect(res.statusCode, res.body).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return Array.from(book.worksheets[0].getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
    };
    const ranking = await sheetOf(
      `/api/v1/reports/sales-ranking/export?format=xlsx&departmentId=${branchA}&colour=red`,
    );
    const line = ranking.find((r) => r[0] === '筛选') as unknown[];
    // only the definition's filters: an unknown parameter is not written
    expect(line[1]).toBe(`部门=${branchName}`);
    const composition = await sheetOf(
      `/api/v1/reports/customer-composition/export?format=xlsx&levelId=${level.id}&groupBy=industry`,
    );
    expect((composition.find((r) => r[0] === '筛选') as unknown[])[1]).toBe(`客户等级=${level.name}`);
  });
});

describe('sales analysis (a pivot of two dimensions)', () => {
  it('department × owner: cells, row and column totals, the grand total; a cell drills to its records', async () => {
    const [idA, idB] = userIds;
    const s = await get(supervisor, '/api/v1/reports/sales-pivot?groupBy=department&groupBy2=owner');
    expect(s.columns.map((c: { key: string }) => c.key).sort()).toEqual(
      ['department', `c:${idA}`, `c:${idB}`, 'total'].sort(),
    );
    expect(rowOf(s.rows, 'cell', branchA)).toMatchObject({
      [`c:${idA}`]: '350.00',
      [`c:${idB}`]: '0.00',
      total: '350.00',
    });
    expect(rowOf(s.rows, 'cell', branchB)).toMatchObject({ [`c:${idB}`]: '300.00', total: '300.00' });
    expect(s.totals).toMatchObject({ [`c:${idA}`]: '350.00', [`c:${idB}`]: '300.00', total: '650.00' });
    const cell = await get(
      supervisor,
      `/api/v1/reports/sales-pivot/drill?groupBy=department&groupBy2=owner&cell=${branchA}||${idA}`,
    );
    expect(cell.total).toBe(2);
    const empty = await get(
      supervisor,
      `/api/v1/reports/sales-pivot/drill?groupBy=department&groupBy2=owner&cell=${branchA}||${idB}`,
    );
    expect(empty.total).toBe(0);
    // the manager of A sees only A's row
    const a = await get(managerA, '/api/v1/reports/sales-pivot?groupBy=department&groupBy2=owner');
    expect(a.rows.map((r: Row) => r.cell)).toEqual([branchA]);
    expect(a.totals.total).toBe('350.00');
  });

  it('refuses a second dimension where the report has none, the same one twice, or with a comparison', async () => {
    await get(supervisor, '/api/v1/reports/sales-ranking?groupBy=department&groupBy2=owner', 400);
    await get(supervisor, '/api/v1/reports/sales-pivot?groupBy=owner&groupBy2=owner', 400);
    await get(supervisor, '/api/v1/reports/sales-pivot?groupBy=owner&groupBy2=month&compare=lastYear', 400);
  });
});

describe('customer composition', () => {
  it('counts the active customers of the scope per level like the raw GROUP BY, drill-down included', async () => {
    const report = await get(admin, '/api/v1/reports/customer-composition?groupBy=level&top=500');
    const raw =
      await t.database.db.execute(sql`SELECT coalesce(level_id::text, '__none__') AS k, count(*)::int AS n
      FROM customers WHERE tenant_id = ${t.tenant.id} AND deleted_at IS NULL AND state = 'active' GROUP BY 1`);
    const expected = Object.fromEntries(
      (raw.rows as { k: string; n: number }[]).map((r) => [r.k, Number(r.n)]),
    );
    expect(Object.fromEntries(report.rows.map((r: Row) => [r.cell, r.customers]))).toEqual(expected);
    const first = report.rows[0];
    const page = await get(
      admin,
      `/api/v1/reports/customer-composition/drill?groupBy=level&cell=${first.cell}&pageSize=100`,
    );
    expect(page.total).toBe(first.customers);
    // a manager counts only their department's customers
    const mine = await get(managerA, '/api/v1/reports/customer-composition?groupBy=department');
    expect(mine.rows.map((r: Row) => r.cell)).toEqual([branchA]);
    expect(mine.totals.customers).toBe(1);
  });
});

describe('customer composition by region (province → city → district)', () => {
  /** The seeded region item named `name` under `parentId` (a province when null). */
  async function regionItem(name: string, parentId: string | null) {
    const rows = await t.database.db.execute(sql`SELECT id::text FROM dictionary_items
      WHERE tenant_id = ${t.tenant.id} AND type = 'region' AND name = ${name}
        AND parent_id IS NOT DISTINCT FROM ${parentId}::uuid`);
    return (rows.rows[0] as { id: string }).id;
  }

  it('rolls customers up to their province, a province opens its cities and a city its districts', async () => {
    const guangdong = await regionItem('广东省', null);
    const shenzhen = await regionItem('深圳市', guangdong);
    const nanshan = await regionItem('南山区', shenzhen);
    const guangzhou = await regionItem('广州市', guangdong);
    const beijing = await regionItem('北京市', null);
    const inNanshan = (await makeCustomer(admin, { regionId: nanshan })).id;
    await makeCustomer(admin, { regionId: nanshan });
    await makeCustomer(admin, { regionId: guangzhou });
    await makeCustomer(admin, { regionId: beijing });

    const { data } = await get(admin, '/api/v1/reports');
    const entry = data.find((r: { code: string }) => r.code === 'customer-composition');
    expect(entry.dimensions.find((d: { key: string }) => d.key === 'province').next).toEqual({
      groupBy: 'city',
      filter: 'regionId',
    });
    expect(entry.filters.find((f: { key: string }) => f.key === 'regionId')).toMatchObject({
      type: 'dictionary',
      dictionary: 'region',
    });

    // a choice filter names its values
    const activity = data.find((r: { code: string }) => r.code === 'activity');
    expect(activity.filters.find((f: { key: string }) => f.key === 'kind').choices).toContainEqual({
      key: 'check-in',
      name: '签到',
    });

    const provinces = await get(admin, '/api/v1/reports/customer-composition?groupBy=province');
    expect(rowOf(provinces.rows, 'cell', guangdong)).toMatchObject({ province: '广东省', customers: 3 });
    expect(rowOf(provinces.rows, 'cell', beijing)?.customers).toBe(1);
    const cities = await get(
      admin,
      `/api/v1/reports/customer-composition?groupBy=city&regionId=${guangdong}`,
    );
    expect(Object.fromEntries(cities.rows.map((r: Row) => [r.city, r.customers]))).toEqual({
      深圳市: 2,
      广州市: 1,
    });
    expect(cities.totals.customers).toBe(3);
    const districts = await get(
      admin,
      `/api/v1/reports/customer-composition?groupBy=district&regionId=${shenzhen}`,
    );
    expect(districts.rows).toEqual([
      expect.objectContaining({ cell: nanshan, district: '南山区', customers: 2 }),
    ]);
    const drill = await get(
      admin,
      `/api/v1/reports/customer-composition/drill?groupBy=city&regionId=${guangdong}&cell=${shenzhen}`,
    );
    expect(drill.total).toBe(2);
    expect(drill.data.map((r: { id: string }) => r.id)).toContain(inNanshan);
    // a city-level customer (广州市) has no district: 未设置 under its city
    const none = await get(
      admin,
      `/api/v1/reports/customer-composition?groupBy=district&regionId=${guangzhou}`,
    );
    expect(none.rows).toEqual([expect.objectContaining({ cell: '__none__', customers: 1 })]);
    await get(admin, '/api/v1/reports/customer-composition?regionId=nope', 400);
  });

  it('a dictionary filter narrows to its item: customers of one industry', async () => {
    const industry = (
      await t.database.db.execute(sql`SELECT id::text FROM dictionary_items
        WHERE tenant_id = ${t.tenant.id} AND type = 'industry' ORDER BY sort_order LIMIT 1`)
    ).rows[0] as { id: string };
    await makeCustomer(admin, { industryId: industry.id });
    const s = await get(
      admin,
      `/api/v1/reports/customer-composition?groupBy=industry&industryId=${industry.id}`,
    );
    expect(s.rows.map((r: Row) => r.cell)).toEqual([industry.id]);
    expect(s.totals.customers).toBe(1);
  });
});
