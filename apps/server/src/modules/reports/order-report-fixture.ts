import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import type { TestContext } from '../../test/test-app.ts';

/**
 * What the tests of the reports over orders share (客户贡献, 大客户, 产品销售构成): a region with two
 * branches, a manager per branch (department scope), their supervisor (department and children),
 * and two who may not run the report — one without `reports:<code>`, one without `orders:view`.
 */
export async function orderReportFixture(t: TestContext, code: string) {
  const admin = await t.admin();
  const region = (await makeDepartment(admin, t.tenant.rootDepartmentId)).id;
  const branchA = (await makeDepartment(admin, region)).id;
  const branchB = (await makeDepartment(admin, region)).id;
  const selling = ['orders:view', 'orders:create', 'customers:view', 'customers:create', 'inventory:view'];
  const report = `reports:${code}`;
  const role = (perms: string[], scope: string) =>
    makeRole(admin, perms, { orders: scope, customers: scope });
  const manager = await role([...selling, report], 'department');
  const overseer = await role([...selling, report], 'department_and_children');
  const plain = await role(selling, 'department');
  const blind = await role(['customers:view', report], 'department');
  const user = async (departmentId: string, roleId: string) =>
    t.login((await makeUser(admin, { departmentId, roleIds: [roleId] })).username);
  return {
    admin,
    region,
    branchA,
    branchB,
    managerA: await user(branchA, manager.id),
    managerB: await user(branchB, manager.id),
    supervisor: await user(region, overseer.id),
    noReport: await user(branchA, plain.id),
    noOrders: await user(branchA, blind.id),
  };
}

/** An order of one line through the API; its id and total. */
export async function placeOrder(
  agent: Agent,
  customerId: string,
  lines: { productId: string; quantity: string }[],
) {
  const res = await agent.post('/api/v1/orders', { customerId, lines });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; total: string; lines: { id: string }[] };
}

export const getJson = async (agent: Agent, url: string, status = 200) => {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

/** The 合计 row of a report's XLSX under the column named `column` (the header row starts with `first`). */
export async function exportedTotal(agent: Agent, url: string, first: string, column: string) {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const values = Array.from(book.worksheets[0].getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
  const header = values.find((r) => r[0] === first) as unknown[];
  expect(header, `header ${first}`).toBeDefined();
  const total = values.find((r) => r[0] === '合计') as unknown[];
  return total[header.indexOf(column)];
}
