import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { demoCompany, seedDemoOrganization } from '../organization/tenants-service.ts';
import { DEMO_CAMPAIGN, seedDemoCampaigns } from './demo-seed.ts';

let t: TestContext;
let gaoyan: Agent;

beforeAll(async () => {
  t = await createTestContext();
  await createDemoTenant(t, [seedDemoOrganization, seedDemoCampaigns]);
  gaoyan = await t.login('gaoyan', TEST_PASSWORD, demoCompany.code);
}, 120_000);
afterAll(() => t.close());

describe('demo campaigns', () => {
  it('gives 高燕 the spring launch with its expense lines, action log and team, and a trade show running now', async () => {
    const list = (await gaoyan.get('/api/v1/campaigns?pageSize=100')).json().data as {
      id: string;
      name: string;
      status: string;
    }[];
    const spring = list.find((c) => c.name === DEMO_CAMPAIGN);
    expect(spring).toBeDefined();
    const detail = (await gaoyan.get(`/api/v1/campaigns/${spring!.id}`)).json();
    expect(detail).toMatchObject({ status: 'finished', totalExpense: '12210.50', budget: '15000.00' });
    expect(detail.expenses).toHaveLength(3);
    expect(detail.participants.length).toBeGreaterThan(0);
    const actions = (await gaoyan.get(`/api/v1/campaigns/${spring!.id}/actions`)).json().data;
    expect(actions.length).toBeGreaterThanOrEqual(4);
    expect(list.some((c) => c.status === 'running')).toBe(true);
  });
});
