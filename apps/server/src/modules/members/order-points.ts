import { toCents } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { credit, expiryOf } from './ledger.ts';
import { MEMBER_ENTITY, upgradeIfReached } from './levels.ts';
import * as repo from './repository.ts';
import { memberSettingsOf } from './settings.ts';

/** floor(total × points per ¥1), in integers: cents × hundredths of a point, over 10,000. */
export function pointsForTotal(total: string, pointsPerYuan: string): number {
  const p = (toCents(total) * toCents(pointsPerYuan)) / 10_000n;
  return p > 0n ? Number(p) : 0;
}

/**
 * 订单积分: called by the orders module in the transaction that completes an order. The
 * customer's active member earns floor(total × the tenant's rate), once per order (a second call
 * finds the earning; a unique index is the last guard), the total counts to its lifetime spend,
 * and the level is re-evaluated. No member, or a frozen or cancelled one: nothing.
 */
export async function earnOnOrder(
  tx: Db,
  actor: Actor,
  order: { id: string; number: string; customerId: string; total: string },
): Promise<void> {
  const m = await repo.memberOfCustomer(tx, actor.tenantId, order.customerId, true);
  if (m?.status !== 'active') return;
  if (await repo.earningOf(tx, actor.tenantId, m.id, 'order', order.id)) return;
  const settings = await memberSettingsOf(tx, actor.tenantId);
  const points = pointsForTotal(order.total, settings.pointsPerYuan);
  if (points <= 0) return;
  const now = new Date();
  await credit(tx, actor.tenantId, m, {
    kind: 'earn',
    points,
    reason: order.number,
    sourceKind: 'order',
    sourceId: order.id,
    expiresAt: expiryOf(now, settings.expiryMonths),
    spend: order.total,
    createdBy: actor.userId,
  });
  await writeAudit(tx, actor, {
    action: 'earn',
    entity: MEMBER_ENTITY,
    entityId: m.id,
    summary: `${m.number} ${order.number} +${points}`,
  });
  await upgradeIfReached(tx, actor, m);
}
