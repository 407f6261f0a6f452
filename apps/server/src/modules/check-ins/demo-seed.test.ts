import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemo as seedDemoCustomers } from '../customers/demo-seed.ts';
import { demoCompany, seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoPools } from '../pools/demo-seed.ts';
import { seedDemoCheckIns } from './demo-seed.ts';

let t: TestContext;
let tenantId: string;

beforeAll(async () => {
  t = await createTestContext();
  const demo = await createDemoTenant(t, [
    seedDemoOrganization,
    seedDemoPools,
    seedDemoCustomers,
    seedDemoCheckIns,
  ]);
  tenantId = demo.tenantId;
}, 240_000);
afterAll(() => t.close());

const login = (username: string): Promise<Agent> => t.login(username, TEST_PASSWORD, demoCompany.code);

describe('demo check-ins', () => {
  it('gives the Shanghai account managers weeks of attendance and visits, with photos, and 刘洋 one today', async () => {
    const counts = (
      await t.database.db.execute(sql`SELECT u.username, count(*)::int AS n,
          count(*) FILTER (WHERE ci.type = 'visit-in')::int AS visits,
          count(DISTINCT ci.photo_sha256)::int AS photos,
          count(*) FILTER (WHERE 'photo_reused' = ANY(ci.flags))::int AS reused
        FROM check_ins ci JOIN users u ON u.id = ci.user_id
        WHERE ci.tenant_id = ${tenantId} GROUP BY u.username ORDER BY u.username`)
    ).rows as { username: string; n: number; visits: number; photos: number; reused: number }[];
    expect(counts.map((c) => c.username)).toEqual(['huangwei', 'liuyang']);
    for (const c of counts) {
      expect(c.n).toBeGreaterThan(40);
      expect(c.visits).toBeGreaterThan(15);
      // distinct photos: a reused one is the exception
      expect(c.reused).toBeLessThan(c.n / 10);
    }
    const liuyang = await login('liuyang');
    const today = (await liuyang.get('/api/v1/attendance')).json();
    const mine = today.data.find((r: { name: string }) => r.name === '刘洋');
    expect(mine.checkInAt).not.toBeNull();
    // 赵敏 (sales supervisor over 华东) sees 刘洋's check-ins and their stamped photo
    const zhaomin = await login('zhaomin');
    const list = (await zhaomin.get(`/api/v1/check-ins?userId=${mine.userId}&type=visit-in`)).json();
    expect(list.total).toBeGreaterThan(15);
    const visit = list.data[0];
    expect(visit).toMatchObject({ area: { province: '上海市' }, customerName: expect.any(String) });
    expect(visit.distanceMeters).toEqual(expect.any(Number));
    const photo = await zhaomin.get(`/api/v1/files/${visit.photo.fileId}/content`);
    expect(photo.statusCode).toBe(200);
  });
});
