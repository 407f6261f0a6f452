import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { demoCompany, seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoAnnouncements } from './demo-seed.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await createDemoTenant(t, [seedDemoOrganization, seedDemoAnnouncements]);
}, 120_000);
afterAll(() => t.close());

describe('demo announcements', () => {
  it('has 上海分公司’s instruction to its stores with partial receipts, and a pinned notice to everyone', async () => {
    const zhouqiang = await t.login('zhouqiang', TEST_PASSWORD, demoCompany.code);
    const sent = (await zhouqiang.get('/api/v1/announcements?box=sent')).json().data;
    const instruction = sent.find((a: { kind: string }) => a.kind === 'instruction');
    expect(instruction).toMatchObject({ readCount: 2, doneCount: 1 });
    expect(instruction.recipientCount).toBeGreaterThan(2);
    const receipts = (await zhouqiang.get(`/api/v1/announcements/${instruction.id}/receipts`)).json();
    expect(receipts.departments.map((d: { name: string }) => d.name)).toEqual(
      expect.arrayContaining(['浦东中心门店', '徐汇小微门店']),
    );
    const liuyang = await t.login('liuyang', TEST_PASSWORD, demoCompany.code);
    const inbox = (await liuyang.get('/api/v1/announcements')).json().data;
    expect(inbox[0]).toMatchObject({ pinned: true, kind: 'notice' });
  });
});
