import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { dateText } from '../../platform/dates.ts';
import { cardScope } from './scope.ts';

/** A member's cards (会员 360), within the caller's cards permission and scope; none without it. */
export async function cardsOfMember(db: Db, p: Principal, memberId: string) {
  if (!can(p, 'cards:read')) return [];
  const r = await db.execute(
    sql`SELECT c.number, c.status, c.balance::text AS balance, c.expires_at::text AS expires_at FROM cards c
      WHERE c.tenant_id = ${p.tenantId} AND c.member_id = ${memberId} AND ${cardScope(p)}
      ORDER BY c.number LIMIT 100`,
  );
  return (r.rows as { number: string; status: string; balance: string; expires_at: unknown }[]).map((x) => ({
    number: x.number,
    status: x.status,
    balance: x.balance,
    expiresAt: dateText(x.expires_at),
  }));
}
