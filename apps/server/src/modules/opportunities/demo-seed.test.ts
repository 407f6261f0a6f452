import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemo as seedDemoCustomers } from '../customers/demo-seed.ts';
import { seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoPools } from '../pools/demo-seed.ts';
import { seedDemoOpportunities } from './demo-seed.ts';

let t: TestContext;
let login: Awaited<ReturnType<typeof createDemoTenant>>['login'];

beforeAll(async () => {
  t = await createTestContext();
  ({ login } = await createDemoTenant(t, [
    seedDemoOrganization,
    seedDemoPools,
    seedDemoCustomers,
    seedDemoOpportunities,
  ]));
}, 120_000);
afterAll(() => t.close());

describe('demo opportunities', () => {
  it('give 刘洋 a deal in every stage, a stalled one, and won and lost deals over the last 18 months', async () => {
    const liuyang = await login('liuyang');
    const board = (await liuyang.get('/api/v1/opportunities/pipeline')).json().data as { count: number }[];
    expect(board).toHaveLength(5);
    expect(board.every((c) => c.count > 0)).toBe(true);
    const open = (await liuyang.get('/api/v1/opportunities?status=open&pageSize=100')).json().data as {
      stalled: boolean;
      customerId: string | null;
    }[];
    expect(open.some((o) => o.stalled)).toBe(true);
    expect(open.some((o) => o.customerId)).toBe(true);
    expect(open.some((o) => !o.customerId)).toBe(true);
    const won = (await liuyang.get('/api/v1/opportunities?status=won&pageSize=100')).json().data as {
      closedAt: string;
    }[];
    const lost = (await liuyang.get('/api/v1/opportunities?status=lost&pageSize=100')).json().data;
    expect(won.length).toBeGreaterThan(3);
    expect(lost.length).toBeGreaterThan(0);
    const oldest = Math.min(...won.map((o) => Date.parse(o.closedAt)));
    expect(Date.now() - oldest).toBeGreaterThan(300 * 86_400_000);
    // the supervisor sees the team's board and an unassigned deal to 指派
    const zhouqiang = await login('zhouqiang');
    const theirs = (await zhouqiang.get('/api/v1/opportunities?status=unassigned')).json().data;
    expect(theirs.length).toBeGreaterThan(0);
    const forecast = (await zhouqiang.get('/api/v1/opportunities/forecast')).json().data as {
      bestCase: string;
    }[];
    expect(forecast.some((m) => m.bestCase !== '0.00')).toBe(true);
  });
});
