import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemo as seedDemoCustomers } from '../customers/demo-seed.ts';
import { seedDemoKb } from '../kb/demo-seed.ts';
import { demoCompany, seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoPools } from '../pools/demo-seed.ts';
import { seedDemoTickets } from './demo-seed.ts';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
  await createDemoTenant(t, [
    seedDemoOrganization,
    seedDemoPools,
    seedDemoCustomers,
    seedDemoKb,
    seedDemoTickets,
  ]);
}, 120_000);
afterAll(() => t.close());

describe('demo tickets', () => {
  it('has tickets in every state, SLA met and breached, rated ones, and a public link that opens', async () => {
    const admin = await t.login('admin', TEST_PASSWORD, demoCompany.code);
    const res = await admin.get('/api/v1/tickets?pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    const all = res.json().data as {
      id: string;
      status: string;
      satisfaction: number | null;
      sla: { resolutionMet: boolean | null; resolutionBreached: boolean };
    }[];
    expect(new Set(all.map((x) => x.status))).toEqual(
      new Set(['new', 'assigned', 'in-progress', 'waiting', 'resolved', 'feedback', 'archived']),
    );
    expect(all.some((x) => x.sla.resolutionMet === true)).toBe(true);
    expect(all.some((x) => x.sla.resolutionBreached)).toBe(true);
    expect(all.filter((x) => x.satisfaction !== null).length).toBeGreaterThanOrEqual(3);
    // the resolved ones were solved with the knowledge base's demo articles
    const resolved = all.find((x) => x.status === 'feedback')!;
    const solved = (await admin.get(`/api/v1/tickets/${resolved.id}`)).json() as { solutions: unknown[] };
    expect(solved.solutions.length).toBe(1);
    const one = (await admin.get(`/api/v1/tickets/${all[0].id}`)).json() as { publicUrl: string };
    const token = one.publicUrl.split('/t/')[1];
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/tickets/${token}` })).statusCode).toBe(
      200,
    );
    // one came through the public form from somebody no contact matched: no customer yet
    const fromForm = all.find((x) => (x as { customerId?: string | null }).customerId === null) as
      | { submitter: { name: string } | null; status: string }
      | undefined;
    expect(fromForm).toMatchObject({ status: 'new', submitter: { name: '周女士' } });
    // the 客服 person sees their own department's tickets
    const liangxiao = await t.login('liangxiao', TEST_PASSWORD, demoCompany.code);
    const mine = await liangxiao.get('/api/v1/tickets?view=mine');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().data.length).toBeGreaterThan(0);
  });
});
