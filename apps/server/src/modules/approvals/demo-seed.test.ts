import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoApprovals } from './demo-seed.ts';

let t: TestContext;
let admin: Agent;
let executiveRoleId: string;

beforeAll(async () => {
  t = await createTestContext();
  const demo = await createDemoTenant(t, [seedDemoOrganization, seedDemoApprovals]);
  executiveRoleId = demo.demo.roleIds.executive;
  admin = await demo.login('admin');
}, 180_000);
afterAll(() => t.close());

describe('demo approval flow', () => {
  it('marketing plans of any amount go to the submitter’s supervisor, then a 高管', async () => {
    const flows = (await admin.get('/api/v1/approval-flows?documentType=marketing-plan')).json().data;
    expect(flows).toHaveLength(1);
    expect(flows[0]).toMatchObject({
      name: '营销计划费用审批',
      active: true,
      version: 1,
      conditions: { minAmount: '0.00', maxAmount: null, departmentIds: [] },
      steps: [
        { kind: 'supervisor', levels: 1 },
        { kind: 'role', roleId: executiveRoleId, mode: 'any' },
      ],
    });
    expect(flows[0].names[executiveRoleId]).toBeTruthy();
  });
});
