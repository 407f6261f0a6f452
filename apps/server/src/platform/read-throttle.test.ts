import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../test/agent.ts';
import { makeUser } from '../test/factories.ts';
import { TEST_PASSWORD } from '../test/fixtures.ts';
import { createTestContext, type TestContext } from '../test/test-app.ts';

let t: TestContext;
let admin: Agent;
let other: Agent;
beforeAll(async () => {
  // in-flight at the default (4); a small minute budget so that the second rule shows too
  t = await createTestContext({ heavyReads: { inFlight: 4, perMinute: 30 } });
  admin = await t.admin();
  const user = await makeUser(admin, {
    departmentId: t.tenant.rootDepartmentId,
    roleIds: [t.tenant.roleIds.admin],
  });
  other = await t.login(user.username as string, TEST_PASSWORD);
});
afterAll(() => t.close());

describe('heavy reads (quick search, exact totals) are limited per user', () => {
  it('a burst of exact-total searches by one user: at most 4 at once run, the rest are 429 RATE_LIMITED at once; others are not held up', async () => {
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => admin.get(`/api/v1/customers?q=客户${i}&exactTotal=true`)),
    );
    const codes = burst.map((r) => r.statusCode);
    expect(codes.every((c) => c === 200 || c === 429)).toBe(true);
    expect(codes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(4);
    const refused = burst.filter((r) => r.statusCode === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0].json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(refused[0].headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // another user, and plain pages of the same user, are not affected
    expect((await other.get('/api/v1/customers?q=客户&exactTotal=true')).statusCode).toBe(200);
    expect((await admin.get('/api/v1/customers?page=2')).statusCode).toBe(200);
    // places are given back when the reads end
    expect((await admin.get('/api/v1/customers?q=客户')).statusCode).toBe(200);
  });

  it('more than the minute budget of heavy reads is refused with the seconds to wait; plain reads go on', async () => {
    let refused: Awaited<ReturnType<Agent['get']>> | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const res = await other.get(`/api/v1/users?q=u${i}`);
      if (res.statusCode === 429) refused = res;
      else expect(res.statusCode).toBe(200);
    }
    expect(refused?.json()).toMatchObject({ code: 'RATE_LIMITED' });
    const wait = Number(refused?.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect((await other.get('/api/v1/users')).statusCode).toBe(200);
  });
});
