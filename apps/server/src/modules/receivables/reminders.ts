import type { Db } from '../../db/client.ts';
import { todayIn } from '../../platform/dates.ts';
import { notify } from '../notifications/service.ts';
import { moneyOf } from './documents.ts';
import * as repo from './repository.ts';

/**
 * 逾期提醒 (daily): each owner of plans past due and not fully paid hears how many and how much is
 * left, once a day (dedupe key), their "today" being the tenant's.
 */
export async function sendOverdueReminders(db: Db, now = new Date()) {
  let sent = 0;
  for (const t of await repo.tenantsWithOpenPlans(db)) {
    const today = todayIn(t.timezone, now);
    for (const o of await repo.overdueByOwner(db, t.tenant_id, today)) {
      const amount = moneyOf(o.amount);
      const delivered = await notify(db, {
        tenantId: t.tenant_id,
        userId: o.owner_id,
        kind: 'receivables.overdue',
        data: { count: o.count, amount, date: today },
        title: `${o.count} 笔回款计划已逾期，未收 ${amount}`,
        link: '/receivables?tab=overdue',
        dedupeKey: `receivables.overdue:${today}`,
      });
      if (delivered) sent += 1;
    }
  }
  return sent;
}
