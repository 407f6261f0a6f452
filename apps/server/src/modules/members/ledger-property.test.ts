import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { propertyRuns, propertySeed } from '../../test/authz-property.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { expireMemberPoints } from './expiry.ts';
import { changePoints, ledgerMismatches, makeMember } from './members-test-helpers.ts';

/**
 * The points ledger against a plain model: random credits, redemptions (some past the balance)
 * and expiries of one credit on one member. Every answer is what the model says (redemptions
 * consume the oldest credits first), the balance never goes below zero, and it always equals
 * the sum of the ledger and the sum of what is left of the credits.
 */
let t: TestContext;
let admin: Agent;

// each run is a sequence of requests: at most 15 of them
const runs = Math.min(propertyRuns(), 15);
const seed = propertySeed();

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

type Op =
  | { kind: 'earn'; points: number }
  | { kind: 'redeem'; points: number }
  | { kind: 'expire'; which: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('earn' as const), points: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constant('redeem' as const), points: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ kind: fc.constant('expire' as const), which: fc.nat({ max: 8 }) }),
);

describe('the points ledger (fast-check)', () => {
  it('random earn / redeem / expire keep the balance ≥ 0 and equal to the ledger', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const m = await makeMember(admin);
        const credits: { id: string; left: number }[] = [];
        let balance = 0;
        for (const o of ops) {
          if (o.kind === 'earn') {
            const res = await changePoints(admin, m.id, o.points);
            expect(res.statusCode, res.body).toBe(200);
            credits.push({ id: res.json().entry.id, left: o.points });
            balance += o.points;
          } else if (o.kind === 'redeem') {
            const res = await changePoints(admin, m.id, -o.points);
            if (o.points > balance) {
              expect(res.json().code).toBe('INSUFFICIENT_POINTS');
              continue;
            }
            expect(res.statusCode, res.body).toBe(200);
            let rest = o.points;
            for (const c of credits) {
              const take = Math.min(c.left, rest);
              c.left -= take;
              rest -= take;
            }
            balance -= o.points;
          } else if (credits.length) {
            const c = credits[o.which % credits.length];
            await t.database.db.execute(
              sql`UPDATE member_point_entries SET expires_at = now() - interval '1 day' WHERE id = ${c.id}`,
            );
            await expireMemberPoints(t.database.db);
            balance -= c.left;
            c.left = 0;
          }
          expect((await admin.get(`/api/v1/members/${m.id}`)).json().points).toBe(balance);
        }
        const ledger = (await admin.get(`/api/v1/members/${m.id}/points?pageSize=100`)).json().data as {
          id: string;
          remaining: number | null;
        }[];
        for (const c of credits) expect(ledger.find((e) => e.id === c.id)?.remaining).toBe(c.left);
        expect(await ledgerMismatches(t)).toEqual([]);
      }),
      { numRuns: runs, seed },
    );
  });
});
