import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemo as seedDemoCustomers } from '../customers/demo-seed.ts';
import { demoCompany, seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoPools } from '../pools/demo-seed.ts';
import { seedDemoFollowUps } from './demo-seed.ts';

let t: TestContext;
let liuyang: Agent;

beforeAll(async () => {
  t = await createTestContext();
  await createDemoTenant(t, [seedDemoOrganization, seedDemoPools, seedDemoCustomers, seedDemoFollowUps]);
  liuyang = await t.login('liuyang', TEST_PASSWORD, demoCompany.code);
}, 120_000);
afterAll(() => t.close());

describe('demo follow-ups', () => {
  it("gives 刘洋's customers weeks of follow-ups, their dates and to-dos consistent, some 点评", async () => {
    const list = await liuyang.get('/api/v1/follow-ups?mine=true&pageSize=100');
    expect(list.statusCode, list.body).toBe(200);
    const rows = list.json().data as {
      customerId: string;
      occurredAt: string;
      nextFollowUpAt: string | null;
      todoEventId: string | null;
      commentCount: number;
    }[];
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.some((r) => r.commentCount > 0)).toBe(true);
    for (const customerId of new Set(rows.map((r) => r.customerId))) {
      const mine = rows.filter((r) => r.customerId === customerId);
      const latest = mine.reduce((a, b) => (a.occurredAt > b.occurredAt ? a : b));
      const customer = (await liuyang.get(`/api/v1/customers/${customerId}`)).json();
      expect(customer.lastFollowUpAt).toBe(latest.occurredAt);
      expect(customer.nextFollowUpAt).toBe(latest.nextFollowUpAt);
      if (latest.nextFollowUpAt && latest.nextFollowUpAt > new Date().toISOString()) {
        const todo = await liuyang.get(`/api/v1/events/${latest.todoEventId}`);
        expect(todo.json()).toMatchObject({ kind: 'todo', customerId });
      }
    }
    const [{ n }] = (await t.database.db.execute(sql`SELECT count(*)::int AS n FROM follow_up_comments`))
      .rows as { n: number }[];
    expect(n).toBeGreaterThan(0);
  });
});
