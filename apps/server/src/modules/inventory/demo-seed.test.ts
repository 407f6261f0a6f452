import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoProducts } from '../products/demo-seed.ts';
import { seedDemoInventory } from './demo-seed.ts';

let t: TestContext;
let zhaomin: Agent;

beforeAll(async () => {
  t = await createTestContext();
  const demo = await createDemoTenant(t, [seedDemoOrganization, seedDemoProducts, seedDemoInventory]);
  zhaomin = await demo.login('zhaomin');
}, 180_000);
afterAll(() => t.close());

describe('demo products and stock', () => {
  it('has ~20 products in several categories, a key-account price list, and stock in two warehouses from the ledger', async () => {
    const products = (await zhaomin.get('/api/v1/products?pageSize=100')).json();
    expect(products.total).toBe(20);
    expect(
      new Set(products.data.map((p: { categoryName: string }) => p.categoryName)).size,
    ).toBeGreaterThanOrEqual(5);
    const lists = (await zhaomin.get('/api/v1/price-lists')).json();
    expect(lists.data).toMatchObject([{ customerLevels: [{ name: '重点客户' }], current: true }]);
    const warehouses = (await zhaomin.get('/api/v1/warehouses')).json().data as {
      id: string;
      name: string;
    }[];
    expect(warehouses.map((w) => w.name)).toEqual(['杭州分仓', '上海总仓']);
    const toner = products.data.find((p: { code: string }) => p.code === 'CS-TN12');
    const stock = (await zhaomin.get(`/api/v1/stock?productId=${toner.id}`)).json().data;
    expect(
      stock.map((s: { warehouseName: string; quantity: string }) => [s.warehouseName, s.quantity]),
    ).toEqual([
      ['杭州分仓', '110'],
      ['上海总仓', '150'],
    ]);
    const ledger = (await zhaomin.get(`/api/v1/stock-moves?productId=${toner.id}`)).json();
    expect(ledger.total).toBe(5);
  });
});
