import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import { debit } from './ledger.ts';
import { MEMBER_ENTITY } from './levels.ts';
import * as repo from './repository.ts';

/**
 * 积分过期 (daily): for each member holding credits past their expiry with something left, one
 * transaction under the member's lock zeroes what is left of them and writes one `expire` entry
 * taking it off the balance (what redemptions consumed first is gone already: earliest expiry
 * first). Answers how many members lost points.
 */
export async function expireMemberPoints(db: Db, now = new Date()): Promise<number> {
  let expired = 0;
  for (const x of await repo.membersWithExpiredCredits(db, now)) {
    expired += await db.transaction(async (tx) => {
      const m = await repo.findMember(tx, x.tenant_id, x.member_id, sql`TRUE`, true);
      if (!m) return 0;
      const points = await repo.takeExpiredCredits(tx, x.tenant_id, m.id, now);
      if (points <= 0) return 0;
      await debit(tx, x.tenant_id, m, {
        kind: 'expire',
        points,
        reason: '积分过期',
        sourceKind: 'expiry',
        createdBy: null,
      });
      await writeAudit(
        tx,
        { tenantId: x.tenant_id, userId: null, userName: null },
        { action: 'expire', entity: MEMBER_ENTITY, entityId: m.id, summary: `${m.number} -${points}` },
      );
      return 1;
    });
  }
  return expired;
}
