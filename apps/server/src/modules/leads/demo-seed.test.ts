import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemo as seedDemoCustomers } from '../customers/demo-seed.ts';
import { demoCompany, seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoPools } from '../pools/demo-seed.ts';
import { seedDemoLeads } from './demo-seed.ts';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
  await createDemoTenant(t, [seedDemoOrganization, seedDemoPools, seedDemoCustomers, seedDemoLeads]);
}, 120_000);
afterAll(() => t.close());

describe('demo leads', () => {
  it('has an open web form, leads in every state, and one converted into 刘洋’s customer', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/v1/public/forms/demo-website-form' });
    expect(page.json()).toMatchObject({ title: '预约产品演示' });
    const gaoyan = await t.login('gaoyan', TEST_PASSWORD, demoCompany.code);
    const forms = (await gaoyan.get('/api/v1/leads/forms')).json().data;
    expect(forms).toMatchObject([{ name: '官网预约表单', leads: 8 }]);
    const liuyang = await t.login('liuyang', TEST_PASSWORD, demoCompany.code);
    const all = (await liuyang.get('/api/v1/leads?pageSize=100')).json().data as {
      status: string;
      customerId: string | null;
      inPool: boolean;
    }[];
    expect(all.filter((l) => l.inPool)).toHaveLength(3);
    const converted = all.find((l) => l.status === 'converted');
    expect(converted?.customerId).toBeTruthy();
    expect((await liuyang.get(`/api/v1/customers/${converted!.customerId}`)).statusCode).toBe(200);
  });
});
