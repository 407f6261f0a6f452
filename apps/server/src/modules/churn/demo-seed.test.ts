import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemo as seedDemoCustomers } from '../customers/demo-seed.ts';
import { demoCompany, seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoPools } from '../pools/demo-seed.ts';
import { seedDemoChurn } from './demo-seed.ts';

let t: TestContext;
let liuyang: Agent;

beforeAll(async () => {
  t = await createTestContext();
  await createDemoTenant(t, [seedDemoOrganization, seedDemoPools, seedDemoCustomers, seedDemoChurn]);
  liuyang = await t.login('liuyang', TEST_PASSWORD, demoCompany.code);
}, 120_000);
afterAll(() => t.close());

describe('demo churn', () => {
  it('gives 刘洋 churn records in every state, scored, the confirmed customer flagged lost', async () => {
    type Row = { status: string; customerId: string; risk: number; until: string | null };
    const byStatus = async (status: string) => {
      const res = await liuyang.get(`/api/v1/churn-records?status=${status}&pageSize=100`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().data as Row[];
    };
    expect((await byStatus('warning')).length).toBeGreaterThanOrEqual(2);
    expect((await byStatus('recovered')).length).toBeGreaterThanOrEqual(1);
    expect((await byStatus('delayed'))[0]?.until).toBeTruthy();
    const rows = await byStatus('confirmed');
    const lost = rows.find((r) => r.status === 'confirmed');
    const customer = (await liuyang.get(`/api/v1/customers/${lost?.customerId}`)).json();
    expect(customer.churnedAt).not.toBeNull();
    expect(customer.riskScore).toBeGreaterThanOrEqual(0);
  });
});
