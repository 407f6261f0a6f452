import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import { daysBetween, todayIn } from '../../platform/dates.ts';
import { notifyContractOwner } from './notices.ts';
import * as repo from './repository.ts';

/**
 * The nightly run per tenant (its own "today"): active contracts past their end date become
 * `expired` (audited, their owner told), and owners of those ending within the tenant's reminder
 * days (到期提醒, default 30) are reminded once per end date.
 */
export async function runContractReminders(db: Db, now = new Date()) {
  let reminded = 0;
  let expired = 0;
  for (const t of await repo.tenantsWithActive(db)) {
    const today = todayIn(t.timezone, now);
    await db.transaction(async (tx) => {
      const actor = { tenantId: t.tenant_id, userId: null, userName: null };
      for (const k of await repo.expirePast(tx, t.tenant_id, today)) {
        expired += 1;
        await writeAudit(tx, actor, {
          action: 'expire',
          entity: 'contracts',
          entityId: k.id,
          summary: `${k.number} ${k.title}`,
          changes: { status: ['active', 'expired'] },
        });
        await notifyContractOwner(
          tx,
          { ...k, tenantId: t.tenant_id },
          { kind: 'contract.expired', endDate: k.end_date },
        );
      }
      for (const k of await repo.claimExpiring(tx, t.tenant_id, today, t.days)) {
        reminded += 1;
        await notifyContractOwner(
          tx,
          { ...k, tenantId: t.tenant_id, ownerId: k.owner_id },
          { kind: 'contract.expiring', endDate: k.end_date, days: daysBetween(today, k.end_date) },
        );
      }
    });
  }
  return { reminded, expired };
}
