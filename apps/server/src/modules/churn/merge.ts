import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { ENTITY } from './service.ts';

/**
 * A customer merge (before the records move to the kept customer): a customer has one open
 * warning at most, so where both had one, the duplicate's is dropped with its history — the kept
 * customer's warning stands for both. Closed records move as they are.
 */
export async function settleChurnMerge(tx: Db, actor: Actor, sourceId: string, targetId: string) {
  const dropped = await tx.execute(sql`DELETE FROM churn_records s
    WHERE s.tenant_id = ${actor.tenantId} AND s.customer_id = ${sourceId} AND s.status IN ('warning', 'delayed')
      AND EXISTS (SELECT 1 FROM churn_records k WHERE k.tenant_id = s.tenant_id AND k.customer_id = ${targetId}
        AND k.status IN ('warning', 'delayed'))
    RETURNING s.id, s.status`);
  for (const r of dropped.rows as { id: string; status: string }[]) {
    await tx.execute(
      sql`DELETE FROM churn_history WHERE tenant_id = ${actor.tenantId} AND record_id = ${r.id}`,
    );
    await writeAudit(tx, actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: r.id,
      summary: 'merged: the kept customer has an open warning',
      changes: { status: [r.status, null] },
    });
  }
}
