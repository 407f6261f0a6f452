import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import { todayIn } from '../../platform/dates.ts';
import * as repo from './repository.ts';

/**
 * 过期 (daily): cards past their date (the tenant's today) that are not final yet end as
 * `expired`, each with an `expire` entry taking off what it held; one statement per tenant.
 */
export async function expireCards(db: Db, now = new Date()): Promise<number> {
  let ended = 0;
  for (const t of await repo.tenantsWithCards(db)) {
    const today = todayIn(t.timezone, now);
    ended += await db.transaction(async (tx) => {
      const n = await repo.endCards(
        tx,
        sql`c.tenant_id = ${t.tenant_id} AND c.expires_at < ${today}::date`,
        'expired',
        'expire',
        null,
      );
      if (n)
        await writeAudit(
          tx,
          { tenantId: t.tenant_id, userId: null, userName: null },
          { action: 'expire', entity: 'cards', summary: `${today}: ${n}` },
        );
      return n;
    });
  }
  return ended;
}
