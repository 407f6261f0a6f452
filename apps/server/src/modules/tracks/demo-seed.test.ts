import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemo as seedDemoCustomers } from '../customers/demo-seed.ts';
import { seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoPools } from '../pools/demo-seed.ts';
import { seedDemoTracks } from './demo-seed.ts';

let t: TestContext;
let login: (username: string) => ReturnType<TestContext['login']>;

beforeAll(async () => {
  t = await createTestContext();
  ({ login } = await createDemoTenant(t, [
    seedDemoOrganization,
    seedDemoPools,
    seedDemoCustomers,
    seedDemoTracks,
  ]));
}, 240_000);
afterAll(() => t.close());

describe('demo tracks', () => {
  it('give the supervisor a route with mileage for her people today, whatever the hour or weekday the demo starts', async () => {
    const zhaomin = await login('zhaomin');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const summary = await zhaomin.get(`/api/v1/tracks/summary?date=${today}`);
    expect(summary.statusCode, summary.body).toBe(200);
    const people = summary.json().data as { name: string; userId: string; distanceMeters: number }[];
    const liuyang = people.find((p) => p.name === '刘洋');
    expect(liuyang?.distanceMeters).toBeGreaterThan(1000);
    const route = (await zhaomin.get(`/api/v1/tracks?userId=${liuyang!.userId}&date=${today}`)).json();
    expect(route.points.length).toBeGreaterThan(30);
    expect(Date.parse(route.points.at(-1).at)).toBeLessThanOrEqual(Date.now());
  });
});
