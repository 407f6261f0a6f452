import type { Db } from '../../db/client.ts';
import { lastFollowUpAt } from '../follow-ups/activity-service.ts';
import { notify } from '../notifications/service.ts';
import { DAY, lastActivity } from './answers.ts';
import * as repo from './repository.ts';
import { ENTITY } from './service.ts';

// 停滞提醒: the daily job that tells owners of their deals that have not moved.

/**
 * The daily job: owners hear of their open deals with no stage change, no follow-up of the
 * customer and no plan item done for the stage's stalled days — again only after as many days
 * more if nothing moves.
 */
export async function notifyStalled(db: Db): Promise<number> {
  const candidates = await repo.stalledCandidates(db);
  if (!candidates.length) return 0;
  let sent = 0;
  const byTenant = new Map<string, typeof candidates>();
  for (const r of candidates) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r]);
  for (const [tenantId, rows] of byTenant) {
    const followUps = await lastFollowUpAt(
      db,
      tenantId,
      rows.map((r) => r.customer_id).filter((v): v is string => Boolean(v)),
    );
    const planDone = await repo.lastPlanDone(
      db,
      tenantId,
      rows.map((r) => r.id),
    );
    const now = Date.now();
    const stalled = rows.filter((r) => {
      const last = lastActivity(
        {
          stage_changed_at: r.stage_changed_at,
          customer_id: r.customer_id,
          plan_done_at: planDone.get(r.id),
        },
        followUps,
      );
      return now - last.getTime() > r.stalled_days * DAY;
    });
    await db.transaction(async (tx) => {
      for (const r of stalled) {
        const delivered = await notify(tx, {
          tenantId,
          userId: r.owner_id,
          kind: 'opportunity.stalled',
          data: { opportunityId: r.id, title: r.title, stage: r.stage_name, days: r.stalled_days },
          title: `销售机会停滞：${r.title}（${r.stage_name}，超过 ${r.stalled_days} 天无进展）`,
          link: `/opportunities?id=${r.id}`,
          entity: ENTITY,
          entityId: r.id,
          dedupeKey: `opportunity.stalled:${r.id}:${new Date().toISOString().slice(0, 10)}`,
        });
        if (delivered) sent++;
      }
      await repo.markStalledNotified(
        tx,
        stalled.map((r) => r.id),
      );
    });
  }
  return sent;
}
