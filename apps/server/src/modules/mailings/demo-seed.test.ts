import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoMailings } from './demo-seed.ts';

let t: TestContext;
let demo: Awaited<ReturnType<typeof createDemoTenant>>;

beforeAll(async () => {
  t = await createTestContext();
  demo = await createDemoTenant(t, [seedDemoOrganization, seedDemoMailings]);
}, 120_000);
afterAll(() => t.close());

describe('demo mailings', () => {
  it('gives 高燕 a finished e-mail (one bounce, one unsubscribe) and an SMS draft', async () => {
    const gaoyan = await demo.login('gaoyan');
    const res = await gaoyan.get('/api/v1/mailings');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json().data as {
      id: string;
      channel: string;
      status: string;
      counts: Record<string, number>;
    }[];
    const email = list.find((m) => m.channel === 'email')!;
    expect(email).toMatchObject({ status: 'sent', counts: { total: 8, sent: 6, bounced: 1, suppressed: 1 } });
    expect(list.find((m) => m.channel === 'sms')).toMatchObject({
      status: 'draft',
      counts: { total: 5, pending: 5 },
    });
    const bounced = await gaoyan.get(`/api/v1/mailings/${email.id}/recipients?status=bounced`);
    expect(bounced.json().data[0].error).toContain('550');
  });
});
