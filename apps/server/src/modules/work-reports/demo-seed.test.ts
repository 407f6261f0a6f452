import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemo as seedDemoCustomers } from '../customers/demo-seed.ts';
import { demoCompany, seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoPools } from '../pools/demo-seed.ts';
import { seedDemoTracks } from '../tracks/demo-seed.ts';
import { seedDemoWorkReports } from './demo-seed.ts';

let t: TestContext;
let liuyang: Agent;
let zhouqiang: Agent;

beforeAll(async () => {
  t = await createTestContext();
  await createDemoTenant(t, [
    seedDemoOrganization,
    seedDemoPools,
    seedDemoCustomers,
    seedDemoTracks,
    seedDemoWorkReports,
  ]);
  liuyang = await t.login('liuyang', TEST_PASSWORD, demoCompany.code);
  zhouqiang = await t.login('zhouqiang', TEST_PASSWORD, demoCompany.code);
}, 120_000);
afterAll(() => t.close());

describe('demo work reports and tracks', () => {
  it("gives 刘洋 weeks of daily and weekly reports, some with 周强's 点评, which 周强 reads", async () => {
    const mine = (await liuyang.get('/api/v1/work-reports?view=mine&pageSize=100')).json();
    const periods = mine.data.map((r: { period: string }) => r.period);
    expect(periods.filter((p: string) => p === 'day').length).toBeGreaterThanOrEqual(8);
    expect(periods).toContain('week');
    expect(
      mine.data.every((r: { status: string; figures: unknown }) => r.status === 'submitted' && r.figures),
    ).toBe(true);
    const commented = mine.data.find((r: { commentCount: number }) => r.commentCount > 0);
    expect(commented).toBeTruthy();
    const read = (await zhouqiang.get(`/api/v1/work-reports/${commented.id}`)).json();
    expect(read.comments[0].userName).toBe('周强');
  });

  it("draws 刘洋's route of the last working day with its mileage, for 周强", async () => {
    const me = (await liuyang.get('/api/v1/auth/me')).json();
    // the last working day before today (the demo's people are out on weekdays)
    const days = Array.from(
      { length: 7 },
      (_, i) => new Date(Date.now() + 8 * 3_600_000 - (i + 1) * 86_400_000),
    )
      .filter((d) => ![0, 6].includes(d.getUTCDay()))
      .map((d) => d.toISOString().slice(0, 10));
    const route = (
      await zhouqiang.get(`/api/v1/tracks?userId=${me.user?.id ?? me.id}&date=${days[0]}`)
    ).json();
    expect(route.points.length).toBeGreaterThan(100);
    expect(route.kept.length).toBeLessThan(route.points.length);
    expect(route.distanceMeters).toBeGreaterThan(2000);
  });
});
