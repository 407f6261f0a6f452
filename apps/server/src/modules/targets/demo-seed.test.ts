import { targetPeriodStartOf } from '@guanxi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoTargets } from './demo-seed.ts';

let t: TestContext;
let demo: Awaited<ReturnType<typeof createDemoTenant>>;

beforeAll(async () => {
  t = await createTestContext();
  demo = await createDemoTenant(t, [seedDemoOrganization, seedDemoTargets]);
}, 120_000);
afterAll(() => t.close());

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

describe('demo targets', () => {
  it('sets this year, quarter and month for every department down to the sellers, each within its parent', async () => {
    const admin = await demo.login('admin');
    for (const period of ['year', 'quarter', 'month'] as const) {
      const start = targetPeriodStartOf(period, today());
      const res = await admin.get(`/api/v1/targets/attainment?period=${period}&start=${start}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.departments.length).toBeGreaterThan(10);
      for (const d of body.departments) {
        expect(d.target, d.name).not.toBeNull();
        if (d.allocated !== null) expect(Number(d.allocated)).toBeLessThanOrEqual(Number(d.target));
        if (d.allocatedCount !== null) expect(d.allocatedCount).toBeLessThanOrEqual(d.targetCount);
      }
      const liuyang = body.users.find((u: { name: string }) => u.name === '刘洋');
      expect(liuyang.target).not.toBeNull();
    }
  });

  it('shows 周强 (上海分公司) his branch and its stores with what is left unallocated', async () => {
    const zhouqiang = await demo.login('zhouqiang');
    const body = (
      await zhouqiang.get(
        `/api/v1/targets/attainment?period=month&start=${targetPeriodStartOf('month', today())}`,
      )
    ).json();
    const names = body.departments.map((d: { name: string }) => d.name);
    expect(names).toEqual(expect.arrayContaining(['上海分公司', '浦东中心门店', '徐汇小微门店']));
    expect(names).not.toContain('杭州分公司');
    const branch = body.departments.find((d: { name: string }) => d.name === '上海分公司');
    expect(Number(branch.allocated)).toBeLessThan(Number(branch.target));
  });
});
