import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeCustomer } from '../../test/factories.ts';
import type { TestContext } from '../../test/test-app.ts';

/** Shared by the members tests: a member of a new customer, and the ledger-vs-balance check. */

export type MemberJson = {
  id: string;
  version: number;
  number: string;
  points: number;
  [k: string]: unknown;
};

export async function makeMember(agent: Agent, values: Record<string, unknown> = {}): Promise<MemberJson> {
  const customerId = values.customerId ?? (await makeCustomer(agent)).id;
  const res = await agent.post('/api/v1/members', { customerId, ...values });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export const changePoints = (agent: Agent, id: string, delta: number, reason = '测试') =>
  agent.post(`/api/v1/members/${id}/points`, { delta, reason });

/**
 * Members of the tenant whose cached balance is not the sum of their ledger, nor the sum of what
 * is left of their credits, or is below 0 (none, always).
 */
export async function ledgerMismatches(t: TestContext): Promise<string[]> {
  const r = await t.database.db.execute(
    sql`SELECT m.number FROM members m
      LEFT JOIN (SELECT member_id, sum(points) AS s, sum(coalesce(remaining, 0)) AS left_over
        FROM member_point_entries GROUP BY member_id) l ON l.member_id = m.id
      WHERE m.tenant_id = ${t.tenant.id}
        AND (m.points <> coalesce(l.s, 0) OR m.points <> coalesce(l.left_over, 0) OR m.points < 0)`,
  );
  return (r.rows as { number: string }[]).map((x) => x.number);
}
