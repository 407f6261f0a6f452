import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemoContracts } from '../contracts/demo-seed.ts';
import { seedDemo as seedDemoCustomers } from '../customers/demo-seed.ts';
import { seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoPools } from '../pools/demo-seed.ts';
import { seedDemoReceivables } from './demo-seed.ts';

let t: TestContext;
let zhaomin: Agent;
let liuyang: Agent;

beforeAll(async () => {
  t = await createTestContext();
  const demo = await createDemoTenant(t, [
    seedDemoOrganization,
    seedDemoPools,
    seedDemoCustomers,
    seedDemoContracts,
    seedDemoReceivables,
  ]);
  zhaomin = await demo.login('zhaomin');
  liuyang = await demo.login('liuyang');
}, 300_000);
afterAll(() => t.close());

describe('demo contracts and receivables', () => {
  it('has contracts over the last 18 months in every state, overdue plans, and invoices in every state', async () => {
    const contracts = (await zhaomin.get('/api/v1/contracts?pageSize=100')).json().data as {
      status: string;
      startDate: string;
      figures: { received: string };
    }[];
    const states = new Set(contracts.map((k) => k.status));
    for (const s of ['draft', 'active', 'expired', 'terminated']) expect(states).toContain(s);
    const oldest = contracts.map((k) => k.startDate).sort()[0];
    expect(Date.now() - Date.parse(oldest)).toBeGreaterThan(500 * 86_400_000);
    expect(contracts.some((k) => k.figures.received !== '0.00')).toBe(true);
    const overdue = (await zhaomin.get('/api/v1/receivables/overdue?pageSize=100')).json().data as unknown[];
    expect(overdue.length).toBeGreaterThan(0);
    const invoices = (await zhaomin.get('/api/v1/invoices?pageSize=100')).json().data as { status: string }[];
    expect(new Set(invoices.map((i) => i.status))).toEqual(
      new Set(['requested', 'approved', 'issued', 'rejected']),
    );
    const mine = (await liuyang.get('/api/v1/payments?pageSize=100')).json().data as unknown[];
    expect(mine.length).toBeGreaterThan(0);
  });
});
