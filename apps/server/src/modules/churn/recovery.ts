import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { markChurned } from '../customers/churn-service.ts';
import * as repo from './repository.ts';
import { ENTITY } from './service.ts';

/**
 * A new order for the customer (in the order's transaction): its open warning — or its
 * confirmed churn — closes as recovered, naming the order, and the customer is no longer flagged
 * lost.
 */
export async function recoverOnOrder(tx: Db, actor: Actor, customerId: string, orderNumber: string) {
  for (const r of await repo.recover(tx, actor.tenantId, customerId, orderNumber)) {
    await repo.addHistory(tx, {
      tenantId: actor.tenantId,
      recordId: r.id,
      from: r.from_status,
      to: 'recovered',
      userId: actor.userId,
      note: orderNumber,
    });
    await writeAudit(tx, actor, {
      action: 'recover',
      entity: ENTITY,
      entityId: r.id,
      summary: orderNumber,
      changes: { status: [r.from_status, 'recovered'] },
    });
  }
  await markChurned(tx, actor, customerId, null, orderNumber);
}
