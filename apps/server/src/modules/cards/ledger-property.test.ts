import { fromCents, toCents } from '@guanxi/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { propertyRuns, propertySeed } from '../../test/authz-property.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { consume, ledgerMismatches, makeBatch } from './cards-test-helpers.ts';

/**
 * The card ledger against a plain model: random sequences of activations, recharges,
 * consumptions (some too large, some with a wrong secret, some repeating a key), refunds, freezes
 * and scraps on one card. Every answer is what the model says, the balance never goes below zero
 * and always equals the sum of the card's ledger.
 */
let t: TestContext;
let admin: Agent;

// each run is a long sequence of requests: at most 15 of them
const runs = Math.min(propertyRuns(), 15);
const seed = propertySeed();

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

type Op =
  | { kind: 'activate' }
  | { kind: 'freeze' }
  | { kind: 'unfreeze' }
  | { kind: 'scrap' }
  | { kind: 'recharge'; cents: number }
  | { kind: 'consume'; cents: number; wrongSecret: boolean; repeatKey: boolean }
  | { kind: 'refund'; which: number };

const cents = fc.oneof(fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 1, max: 999 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc
    .constantFrom('activate' as const, 'freeze' as const, 'unfreeze' as const, 'scrap' as const)
    .map((kind): Op => ({ kind })),
  fc.record({ kind: fc.constant('recharge' as const), cents }),
  fc.record({
    kind: fc.constant('consume' as const),
    cents,
    wrongSecret: fc.boolean(),
    repeatKey: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('refund' as const), which: fc.nat({ max: 5 }) }),
);

describe('the card ledger (fast-check)', () => {
  it('random operations keep the balance ≥ 0 and equal to the ledger sum', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(op, { minLength: 1, maxLength: 12 }),
        async (face, ops) => {
          const { cards } = await makeBatch(admin, { count: 1, faceValue: fromCents(BigInt(face)) });
          const card = cards[0];
          const model = {
            status: 'issued',
            balance: BigInt(face),
            wrong: 0,
            consumed: [] as { id: string; cents: bigint; refunded: boolean }[],
            keys: [] as { key: string; cents: bigint }[],
          };
          for (const o of ops) {
            const url = `/api/v1/cards/${card.number}`;
            let res: Awaited<ReturnType<Agent['post']>>;
            let expected: number | string;
            if (o.kind === 'activate') {
              res = await admin.post(`${url}/activate`);
              expected = model.status === 'issued' ? 200 : 'CARD_STATUS_INVALID';
              if (expected === 200) model.status = 'active';
            } else if (o.kind === 'freeze') {
              res = await admin.post(`${url}/freeze`);
              expected = model.status === 'active' ? 200 : 'CARD_STATUS_INVALID';
              if (expected === 200) model.status = 'frozen';
            } else if (o.kind === 'unfreeze') {
              res = await admin.post(`${url}/unfreeze`);
              const ok = model.status === 'frozen' || (model.status === 'active' && model.wrong > 0);
              expected = ok ? 200 : 'CARD_STATUS_INVALID';
              if (ok) [model.status, model.wrong] = ['active', 0];
            } else if (o.kind === 'scrap') {
              res = await admin.post(`${url}/scrap`);
              expected = model.status === 'scrapped' ? 'CARD_STATUS_INVALID' : 200;
              if (expected === 200) [model.status, model.balance] = ['scrapped', 0n];
            } else if (o.kind === 'recharge') {
              res = await admin.post(`${url}/recharge`, { amount: fromCents(BigInt(o.cents)) });
              expected = model.status === 'active' ? 200 : 'CARD_NOT_USABLE';
              if (expected === 200) model.balance += BigInt(o.cents);
            } else if (o.kind === 'consume') {
              const previous = o.repeatKey ? model.keys.at(-1) : undefined;
              const value = previous?.cents ?? BigInt(o.cents);
              const key = previous?.key ?? `p-${Math.random()}`;
              const secret = o.wrongSecret
                ? card.secret === '1'.repeat(16)
                  ? '2'.repeat(16)
                  : '1'.repeat(16)
                : card.secret;
              res = await consume(admin, { number: card.number, secret }, fromCents(value), {
                idempotencyKey: key,
              });
              if (model.wrong >= 5) expected = 'CARD_LOCKED';
              else if (o.wrongSecret) {
                model.wrong += 1;
                expected = model.wrong >= 5 ? 'CARD_LOCKED' : 'CARD_SECRET_INVALID';
              } else {
                model.wrong = 0;
                if (previous) expected = 200;
                else if (model.status !== 'active') expected = 'CARD_NOT_USABLE';
                else if (value > model.balance) expected = 'INSUFFICIENT_BALANCE';
                else {
                  expected = 200;
                  model.balance -= value;
                  model.consumed.push({ id: res.json().entry?.id, cents: value, refunded: false });
                  model.keys.push({ key, cents: value });
                }
              }
            } else {
              const target = model.consumed[o.which];
              if (!target) continue;
              res = await admin.post(`${url}/refund`, { entryId: target.id });
              if (target.refunded) expected = 'CARD_ENTRY_NOT_REFUNDABLE';
              else if (model.status === 'scrapped') expected = 'CARD_NOT_USABLE';
              else {
                expected = 200;
                target.refunded = true;
                model.balance += target.cents;
              }
            }
            if (expected === 200) expect(res.statusCode, `${o.kind}: ${res.body}`).toBe(200);
            else expect(res.json().code, `${o.kind}`).toBe(expected);
            const now = (await admin.get(url)).json();
            expect(toCents(now.balance)).toBe(model.balance);
            expect(model.balance >= 0n).toBe(true);
          }
          expect(await ledgerMismatches(t)).toEqual([]);
        },
      ),
      { numRuns: runs, seed },
    );
  });
});
