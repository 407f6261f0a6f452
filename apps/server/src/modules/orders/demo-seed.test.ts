import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemo as seedDemoCustomers } from '../customers/demo-seed.ts';
import { seedDemoInventory } from '../inventory/demo-seed.ts';
import { seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoPools } from '../pools/demo-seed.ts';
import { seedDemoProducts } from '../products/demo-seed.ts';
import { seedDemoQuotes } from '../quotes/demo-seed.ts';
import { seedDemoOrders } from './demo-seed.ts';

let t: TestContext;
let admin: Agent;

beforeAll(async () => {
  t = await createTestContext();
  const demo = await createDemoTenant(t, [
    seedDemoOrganization,
    seedDemoPools,
    seedDemoCustomers,
    seedDemoProducts,
    seedDemoInventory,
    seedDemoQuotes,
    seedDemoOrders,
  ]);
  admin = await demo.login('admin');
}, 300_000);
afterAll(() => t.close());

type Row = { status: string; orderDate: string; number: string; total: string; quoteId: string | null };

describe('demo quotes and orders', () => {
  it('has quotes in every state and orders over the last 18 months, delivered ones from stock that never went below zero', async () => {
    const quotes = (await admin.get('/api/v1/quotes?pageSize=100')).json().data as { status: string }[];
    expect(new Set(quotes.map((q) => q.status))).toEqual(
      new Set(['draft', 'in-approval', 'approved', 'sent', 'accepted', 'rejected', 'expired']),
    );
    const page = (await admin.get('/api/v1/orders?pageSize=100&sort=orderedAt')).json();
    expect(page.total).toBeGreaterThan(60);
    const rows = page.data as Row[];
    const oldest = rows[0].orderDate;
    expect(Date.parse(oldest)).toBeLessThan(Date.now() - 480 * 86_400_000);
    const statuses = new Set(rows.map((r) => r.status));
    expect(statuses.has('completed')).toBe(true);
    const fromQuote = (await admin.get('/api/v1/orders?pageSize=100')).json().data as Row[];
    expect(fromQuote.some((r) => r.quoteId)).toBe(true);
    // a completed order was delivered from a demo warehouse (its stock-out entries are in the ledger)
    const done = rows.find((r) => r.status === 'completed') as Row & { id: string };
    const detail = (await admin.get(`/api/v1/orders/${done.id}`)).json();
    expect(detail.warehouseName).toBeTruthy();
    expect(detail.history.map((h: { to: string }) => h.to)).toEqual([
      'new',
      'confirmed',
      'paid',
      'delivered',
      'completed',
    ]);
  });
});
