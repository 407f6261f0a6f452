import { normalizeMoney } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { notify } from '../notifications/service.ts';

/**
 * Receivables call it in their transaction when an order's payments reach its total: confirmed →
 * paid (audited, in the status history, version bumped); a no-op in any other state. The transition rule is
 * the same as `POST /orders/:id/transition`'s; the owner is told unless they recorded the payment.
 */
export async function markOrderPaid(tx: Db, actor: Actor, orderId: string): Promise<void> {
  const result = await tx.execute(
    sql`UPDATE orders SET status = 'paid', paid_at = now(), updated_at = now(), version = version + 1
      WHERE tenant_id = ${actor.tenantId} AND id = ${orderId} AND status = 'confirmed' AND deleted_at IS NULL
      RETURNING number, owner_id, total::text AS total`,
  );
  const row = result.rows[0] as { number: string; owner_id: string; total: string } | undefined;
  if (!row) return;
  await tx.execute(
    sql`INSERT INTO order_status_history (id, tenant_id, order_id, from_status, to_status, user_id, note)
      VALUES (${uuidv7()}, ${actor.tenantId}, ${orderId}, 'confirmed', 'paid', ${actor.userId}, NULL)`,
  );
  await writeAudit(tx, actor, {
    action: 'transition',
    entity: 'orders',
    entityId: orderId,
    summary: row.number,
    changes: { status: ['confirmed', 'paid'] },
  });
  // the owner hears that the money is in (unless they recorded the last payment themselves)
  if (row.owner_id !== actor.userId)
    await notify(tx, {
      tenantId: actor.tenantId,
      userId: row.owner_id,
      kind: 'order.paid',
      entity: 'orders',
      entityId: orderId,
      link: `/orders?id=${orderId}`,
      data: { number: row.number, total: normalizeMoney(row.total) },
      title: `订单 ${row.number} 已全额回款`,
    });
}
