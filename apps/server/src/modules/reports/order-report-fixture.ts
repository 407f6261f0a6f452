import { expect } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import type { TestContext } from '../../test/test-app.ts';
import { exportedRows, getJson, exportedTotal as totalOf, twoBranchOrg } from './report-test-helpers.ts';

/**
 * What the tests of the reports over orders share (客户贡献, 大客户, 产品销售构成): a region with two
 * branches, a manager per branch (department scope), their supervisor (department and children),
 * and two who may not run the report — one without `reports:<code>`, one without `orders:view`.
 */
export async function orderReportFixture(t: TestContext, code: string) {
  const report = `reports:${code}`;
  const { noView, ...org } = await twoBranchOrg(t, {
    work: ['orders:view', 'orders:create', 'customers:view', 'customers:create', 'inventory:view'],
    report,
    scopes: (scope) => ({ orders: scope, customers: scope }),
    blind: {
      permissions: ['customers:view', report],
      scopes: { orders: 'department', customers: 'department' },
    },
  });
  return { ...org, noOrders: noView };
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

export { getJson };

/** The 合计 row of a report's XLSX under the column named `column` (the header row starts with `first`). */
export const exportedTotal = async (agent: Agent, url: string, first: string, column: string) =>
  totalOf(await exportedRows(agent, url), first, column);
