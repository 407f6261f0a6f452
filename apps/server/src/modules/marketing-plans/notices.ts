import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { toPrincipal } from '../../platform/auth/hook.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { findUserPrincipal } from '../../platform/auth/principal-repository.ts';
import { todayIn } from '../../platform/dates.ts';
import { notify } from '../notifications/service.ts';
import { userIdsHolding } from '../organization/permission-holders-service.ts';
import * as repo from './repository.ts';

type Notice = 'unreviewed' | 'approved' | 'rejected' | 'returned' | 'in-approval' | 'feedback';

const link = (id: string) => `/marketing-plans?id=${id}`;

/** Reviewers (marketing-plans:review) whose scope holds the plan, but not its executor or author. */
async function reviewersOf(tx: Db, plan: repo.PlanRow): Promise<string[]> {
  const ids = await userIdsHolding(tx, plan.tenantId, 'marketing-plans:review');
  const out: string[] = [];
  for (const id of ids) {
    if (id === plan.ownerId || id === plan.createdBy) continue;
    const p = await reviewerPrincipal(tx, plan.tenantId, id);
    if (p && (await repo.findVisible(tx, p, plan.id))) out.push(id);
  }
  return out;
}

async function reviewerPrincipal(db: Db, tenantId: string, userId: string): Promise<Principal | null> {
  const row = await findUserPrincipal(db, tenantId, userId);
  return row ? toPrincipal(row, 'job') : null;
}

/** The executor's supervisor (上级), who follows the plan's outcome. */
async function supervisorOf(tx: Db, plan: repo.PlanRow): Promise<string | null> {
  const result = await tx.execute(
    sql`SELECT supervisor_id FROM users WHERE tenant_id = ${plan.tenantId} AND id = ${plan.ownerId}`,
  );
  return (
    ((result.rows[0] as { supervisor_id: string | null } | undefined)?.supervisor_id as string | null) ?? null
  );
}

/**
 * Whoever must act next hears of it: reviewers of a plan waiting in 未审核, the executor of a
 * decision, the executor's supervisor of a submitted feedback (the engine notifies its approvers).
 */
export async function notifyPlanPeople(tx: Db, plan: repo.PlanRow, notice: Notice, by = '') {
  const data = { planId: plan.id, number: plan.number, title: plan.title, by, status: notice };
  const base = { tenantId: plan.tenantId, link: link(plan.id), entity: 'marketing-plans', entityId: plan.id };
  const text = `${plan.number}「${plan.title}」`;
  if (notice === 'unreviewed') {
    for (const userId of await reviewersOf(tx, plan))
      await notify(tx, {
        ...base,
        userId,
        kind: 'marketing-plan.review',
        data,
        title: `待审核营销计划：${text}`,
      });
    return;
  }
  if (notice === 'feedback') {
    const supervisor = await supervisorOf(tx, plan);
    if (supervisor)
      await notify(tx, {
        ...base,
        userId: supervisor,
        kind: 'marketing-plan.feedback',
        data,
        title: `${by} 提交了营销计划执行反馈：${text}`,
      });
    return;
  }
  if (notice === 'in-approval') return;
  await notify(tx, {
    ...base,
    userId: plan.ownerId,
    kind: 'marketing-plan.decided',
    data,
    title: `营销计划${text}审核结果：${notice}`,
  });
}

/**
 * 未审核 digest (daily): each reviewer with plans waiting in their scope gets one notice with the
 * count, once per day (dedupe key).
 */
export async function sendReviewDigests(db: Db, now = new Date()) {
  let sent = 0;
  for (const tenantId of await repo.tenantsWithUnreviewed(db)) {
    for (const userId of await userIdsHolding(db, tenantId, 'marketing-plans:review')) {
      const p = await reviewerPrincipal(db, tenantId, userId);
      if (!p) continue;
      const count = await repo.countUnreviewed(db, p);
      if (!count) continue;
      const day = todayIn(p.profile.tenant.timezone, now);
      const delivered = await notify(db, {
        tenantId,
        userId,
        kind: 'marketing-plan.digest',
        data: { count, date: day },
        title: `${count} 个营销计划待审核`,
        link: '/marketing-plans?queue=unreviewed',
        dedupeKey: `marketing-plan.digest:${day}`,
      });
      if (delivered) sent += 1;
    }
  }
  return sent;
}
