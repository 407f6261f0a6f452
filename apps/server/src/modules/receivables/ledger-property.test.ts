import { fromCents, toCents } from '@guanxi/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { propertyRuns, propertySeed } from '../../test/authz-property.ts';
import { inDays, makeContract, paymentMethod } from '../../test/contract-factories.ts';
import { makeCustomer } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

/**
 * The receivable ledger against a plain model: random sequences of plans, payments (some too
 * large, some prepayments, some naming a plan) and invoice requests (some too large, some
 * rejected) on one contract. Every answer is what the model says (201 or its 409 code), no
 * outstanding amount ever goes below zero, invoices never exceed the amount, and the sums add up
 * to the cent: plans' paid + unplanned = received, applied + prepaid = paid in.
 */
let t: TestContext;
let admin: Agent;
let method: string;
let customerId: string;

// each run is a long sequence of requests: at most 15 of them
const runs = Math.min(propertyRuns(), 15);
const seed = propertySeed();

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  method = await paymentMethod(admin);
  customerId = (await makeCustomer(admin)).id;
});
afterAll(() => t.close());

type Op =
  | { kind: 'plan'; cents: number; days: number }
  | { kind: 'pay'; cents: number; prepayment: boolean; plan: number | null }
  | { kind: 'invoice'; cents: number; reject: boolean };

const cents = fc.oneof(fc.integer({ min: 1, max: 400_000 }), fc.integer({ min: 1, max: 999 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('plan' as const), cents, days: fc.integer({ min: -30, max: 90 }) }),
  fc.record({
    kind: fc.constant('pay' as const),
    cents,
    prepayment: fc.boolean(),
    plan: fc.option(fc.nat({ max: 5 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant('invoice' as const), cents, reject: fc.boolean() }),
);

type Doc = {
  figures: Record<string, string>;
  plans: { id: string; amount: string; paid: string; outstanding: string }[];
  payments: {
    amount: string;
    applied: string;
    prepaid: string;
    allocations: { planId: string; amount: string }[];
  }[];
  invoices: { amount: string; status: string }[];
};

const c = (s: string) => toCents(s);
const sum = (xs: string[]) => xs.reduce((a, x) => a + c(x), 0n);

describe('the receivable ledger (fast-check)', () => {
  it('random plans, payments and invoices keep every balance ≥ 0 and every sum exact', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 100, max: 1_000_000 }),
        fc.array(op, { minLength: 1, maxLength: 12 }),
        async (amountCents, ops) => {
          const amount = BigInt(amountCents);
          const k = await makeContract(admin, { amount: fromCents(amount) }, { active: true, customerId });
          const model = { planned: 0n, received: 0n, prepaid: 0n, invoiced: 0n, plans: [] as string[] };
          for (const o of ops) {
            const value = BigInt(o.cents);
            if (o.kind === 'plan') {
              const res = await admin.post('/api/v1/payment-plans', {
                contractId: k.id,
                amount: fromCents(value),
                dueDate: inDays(o.days),
              });
              if (model.planned + value <= amount) {
                expect(res.statusCode, res.body).toBe(201);
                model.planned += value;
                model.plans.push(res.json().id);
              } else expect(res.json().code).toBe('PLAN_EXCEEDS_AMOUNT');
            } else if (o.kind === 'pay') {
              const planId =
                o.plan !== null && model.plans.length ? model.plans[o.plan % model.plans.length] : null;
              const res = await admin.post('/api/v1/payments', {
                contractId: k.id,
                amount: fromCents(value),
                paidAt: inDays(0),
                method,
                prepayment: o.prepayment,
                planId,
              });
              const left = amount - model.received;
              if (value <= left) {
                expect(res.statusCode, res.body).toBe(201);
                model.received += value;
              } else if (o.prepayment) {
                expect(res.statusCode, res.body).toBe(201);
                expect(res.json()).toMatchObject({
                  applied: fromCents(left),
                  prepaid: fromCents(value - left),
                });
                model.received = amount;
                model.prepaid += value - left;
              } else expect(res.json().code).toBe('OVERPAYMENT');
            } else {
              const res = await admin.post('/api/v1/invoices', {
                contractId: k.id,
                amount: fromCents(value),
                title: '某某有限公司',
                type: 'normal',
              });
              if (model.invoiced + value <= amount) {
                expect(res.statusCode, res.body).toBe(201);
                if (o.reject) {
                  const r = await admin.post(`/api/v1/invoices/${res.json().id}/decide`, {
                    version: res.json().version,
                    decision: 'reject',
                    reason: '随机驳回',
                  });
                  expect(r.statusCode, r.body).toBe(200);
                } else model.invoiced += value;
              } else expect(res.json().code).toBe('INVOICE_EXCEEDS_AMOUNT');
            }
          }
          const d = (await admin.get(`/api/v1/receivables/document?contractId=${k.id}`)).json() as Doc;
          // the model's figures, to the cent
          expect(d.figures).toMatchObject({
            planned: fromCents(model.planned),
            received: fromCents(model.received),
            outstanding: fromCents(amount - model.received),
            prepaid: fromCents(model.prepaid),
            invoiced: fromCents(model.invoiced),
            invoiceable: fromCents(amount - model.invoiced),
          });
          // nothing below zero, nothing above its amount
          for (const p of d.plans) {
            expect(c(p.outstanding)).toBeGreaterThanOrEqual(0n);
            expect(c(p.paid)).toBeLessThanOrEqual(c(p.amount));
            expect(c(p.outstanding)).toBe(c(p.amount) - c(p.paid));
          }
          expect(
            sum(d.invoices.filter((i) => i.status !== 'rejected').map((i) => i.amount)),
          ).toBeLessThanOrEqual(amount);
          // the sums add up: every cent paid in is applied or prepaid; plans hold what was allocated
          expect(sum(d.payments.map((p) => p.amount))).toBe(model.received + model.prepaid);
          expect(sum(d.payments.map((p) => p.applied))).toBe(model.received);
          const allocated = sum(d.payments.flatMap((p) => p.allocations.map((a) => a.amount)));
          expect(sum(d.plans.map((p) => p.paid))).toBe(allocated);
          for (const p of d.payments)
            expect(sum(p.allocations.map((a) => a.amount))).toBeLessThanOrEqual(c(p.applied));
          // plans are paid as far as the money goes: unplanned money only when every plan is paid
          const unplanned = model.received - allocated;
          if (unplanned > 0n) expect(d.plans.every((p) => p.outstanding === '0.00')).toBe(true);
        },
      ),
      { numRuns: runs, seed },
    );
  });
});
