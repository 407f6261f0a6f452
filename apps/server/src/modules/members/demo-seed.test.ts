import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemo as seedDemoCustomers } from '../customers/demo-seed.ts';
import { seedDemoInventory } from '../inventory/demo-seed.ts';
import { seedDemoOrders } from '../orders/demo-seed.ts';
import { seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoPools } from '../pools/demo-seed.ts';
import { seedDemoProducts } from '../products/demo-seed.ts';
import { seedDemoQuotes } from '../quotes/demo-seed.ts';
import { seedDemoMembers } from './demo-seed.ts';

let t: TestContext;
let admin: Agent;
let tenantId: string;

beforeAll(async () => {
  t = await createTestContext();
  const demo = await createDemoTenant(t, [
    seedDemoOrganization,
    seedDemoPools,
    seedDemoCustomers,
    seedDemoProducts,
    seedDemoInventory,
    seedDemoQuotes,
    seedDemoOrders,
    seedDemoMembers,
  ]);
  tenantId = demo.tenantId;
  admin = await demo.login('admin');
}, 300_000);
afterAll(() => t.close());

describe('demo members', () => {
  it('~30 members with earned, redeemed and expired points across levels, each balance its ledger', async () => {
    const page = (await admin.get('/api/v1/members?pageSize=100')).json();
    expect(page.total).toBeGreaterThanOrEqual(20);
    expect(new Set(page.data.map((m: { levelName: string }) => m.levelName)).size).toBeGreaterThan(1);
    const kinds = await t.database.db.execute(
      sql`SELECT DISTINCT kind FROM member_point_entries WHERE tenant_id = ${tenantId} ORDER BY kind`,
    );
    expect(kinds.rows.map((r) => (r as { kind: string }).kind)).toEqual(['earn', 'expire', 'redeem']);
    const wrong = await t.database.db.execute(
      sql`SELECT m.id FROM members m LEFT JOIN (SELECT member_id, sum(points) AS s FROM member_point_entries GROUP BY member_id) l
        ON l.member_id = m.id WHERE m.tenant_id = ${tenantId} AND m.points <> coalesce(l.s, 0)`,
    );
    expect(wrong.rows).toEqual([]);
  });
});
