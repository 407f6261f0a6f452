import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import type { TestContext } from '../../test/test-app.ts';

/** Shared by the cards tests: a batch with its exported secrets, and the ledger-vs-balance check. */

let batchNo = 0;

export async function makeBatch(
  admin: Agent,
  values: Record<string, unknown> = {},
): Promise<{ id: string; cards: { number: string; secret: string }[] }> {
  const res = await admin.post('/api/v1/card-batches', {
    name: `批次 ${++batchNo}`,
    faceValue: '500',
    count: 3,
    producedAt: '2026-01-01',
    expiresAt: '2099-12-31',
    ...values,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const secrets = await admin.get(`/api/v1/card-batches/${id}/secrets`);
  expect(secrets.statusCode, secrets.body).toBe(200);
  return { id, cards: secrets.json().data };
}

/** An active card holding `faceValue` (default 500.00). */
export async function activeCard(admin: Agent, values: Record<string, unknown> = {}) {
  const { cards } = await makeBatch(admin, { count: 1, ...values });
  const res = await admin.post(`/api/v1/cards/${cards[0].number}/activate`);
  expect(res.statusCode, res.body).toBe(200);
  return cards[0];
}

let keyNo = 0;
export const consume = (agent: Agent, card: { number: string; secret: string }, amount: string, extra = {}) =>
  agent.post(`/api/v1/cards/${card.number}/consume`, {
    amount,
    secret: card.secret,
    idempotencyKey: `k-${++keyNo}-${Math.random()}`,
    ...extra,
  });

/** Cards of the tenant whose cached balance is not the sum of their ledger, or below 0 (none, always). */
export async function ledgerMismatches(t: TestContext): Promise<string[]> {
  const r = await t.database.db.execute(
    sql`SELECT c.number FROM cards c
      LEFT JOIN (SELECT card_id, sum(amount) AS s FROM card_entries GROUP BY card_id) l ON l.card_id = c.id
      WHERE c.tenant_id = ${t.tenant.id} AND (c.balance <> coalesce(l.s, 0) OR c.balance < 0)`,
  );
  return (r.rows as { number: string }[]).map((x) => x.number);
}
