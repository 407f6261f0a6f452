import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemoApprovals } from '../approvals/demo-seed.ts';
import { seedDemo as seedDemoCustomers } from '../customers/demo-seed.ts';
import { seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoPools } from '../pools/demo-seed.ts';
import { seedDemoPlans } from './demo-seed.ts';

let t: TestContext;
let zhouqiang: Agent;
let zhaomin: Agent;

beforeAll(async () => {
  t = await createTestContext();
  const demo = await createDemoTenant(t, [
    seedDemoOrganization,
    seedDemoPools,
    seedDemoCustomers,
    seedDemoApprovals,
    seedDemoPlans,
  ]);
  zhouqiang = await demo.login('zhouqiang');
  zhaomin = await demo.login('zhaomin');
}, 180_000);
afterAll(() => t.close());

type Plan = {
  title: string;
  reviewStatus: string;
  feedbackStatus: string;
  checkInCount: number;
  budget: string;
};

describe('demo marketing plans', () => {
  it('has plans in every state, executed ones with 活动签到 and feedback, and 高燕 ¥3,000 promotion in the flow', async () => {
    const plans = (await zhaomin.get('/api/v1/marketing-plans?pageSize=100')).json().data as Plan[];
    const states = new Set(plans.map((p) => p.reviewStatus));
    for (const s of ['unreviewed', 'in-approval', 'approved', 'rejected']) expect(states).toContain(s);
    expect(plans.some((p) => p.feedbackStatus === 'submitted' && p.checkInCount >= 5)).toBe(true);
    expect(plans.some((p) => p.feedbackStatus === 'draft' && p.checkInCount >= 1)).toBe(true);
    expect(plans.find((p) => p.reviewStatus === 'in-approval')?.budget).toBe('3000.00');
    // the flow's first step is 高燕's supervisor, 赵敏
    const pending = (await zhaomin.get('/api/v1/approvals?box=pending')).json().data as {
      documentType: string;
    }[];
    expect(pending.some((a) => a.documentType === 'marketing-plan')).toBe(true);
    const queue = (await zhouqiang.get('/api/v1/marketing-plans?queue=unreviewed')).json().data as Plan[];
    expect(queue.length).toBeGreaterThan(0);
  });
});
