import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { markChurned } from '../customers/churn-service.ts';
import { demoCustomersOf } from '../customers/follow-up-service.ts';
import { getTenant } from '../organization/tenants-service.ts';
import { churnRecords } from './schema.ts';
import { runChurn, scoreRisks } from './service.ts';

const DAY = 86_400_000;

/** The demo's churn states, by the order of each owner's demo customers. */
const states = ['warning', 'warning', 'delayed', 'confirmed', 'recovered'] as const;

/**
 * 流失预警 in every state (manifest `seedDemo`, after the orders): risk scores computed, the
 * daily run made, then a few of 刘洋's and 黄伟's customers with a warning, a delay (measures
 * and date), a confirmed churn (the customer flagged lost) and a recovery by an order.
 */
export async function seedDemoChurn(db: Db, demo: DemoTenant) {
  const { timezone } = await getTenant(db, demo.tenantId);
  await scoreRisks(db, demo.tenantId);
  await runChurn(db, demo.tenantId, timezone);
  const owners = (
    await db.execute(sql`SELECT id FROM users WHERE tenant_id = ${demo.tenantId}
      AND username IN ('liuyang', 'huangwei') AND deleted_at IS NULL ORDER BY username`)
  ).rows as { id: string }[];
  const reason = (
    await db.execute(sql`SELECT id FROM dictionary_items WHERE tenant_id = ${demo.tenantId}
      AND type = 'churn-reason' AND valid ORDER BY sort_order, id LIMIT 1`)
  ).rows[0] as { id: string } | undefined;
  // each owner's last customers, one of each state apiece (a warning the run raised for one is replaced)
  const all = await demoCustomersOf(
    db,
    demo.tenantId,
    owners.map((o) => o.id),
    20,
  );
  const customers = owners.flatMap((o) =>
    all
      .filter((c) => c.owner_id === o.id)
      .slice(-states.length)
      .map((c, n) => ({ ...c, status: states[n] })),
  );
  const now = Date.now();
  await db.transaction(async (tx) => {
    const actor = { tenantId: demo.tenantId, userId: null, userName: null };
    for (const [i, c] of customers.entries()) {
      const status = c.status;
      await tx.execute(sql`DELETE FROM churn_history WHERE tenant_id = ${demo.tenantId} AND record_id IN
        (SELECT id FROM churn_records WHERE tenant_id = ${demo.tenantId} AND customer_id = ${c.id})`);
      await tx.execute(
        sql`DELETE FROM churn_records WHERE tenant_id = ${demo.tenantId} AND customer_id = ${c.id}`,
      );
      const risk = (
        await tx.execute(
          sql`SELECT department_id, coalesce(risk_score, 0) AS risk FROM customers WHERE id = ${c.id}`,
        )
      ).rows[0] as { department_id: string | null; risk: number };
      const raised = new Date(now - (20 + i) * DAY);
      const id = uuidv7();
      await tx.insert(churnRecords).values({
        id,
        tenantId: demo.tenantId,
        customerId: c.id,
        status,
        ownerId: c.owner_id,
        departmentId: risk.department_id,
        risk: Math.max(35, Number(risk.risk) - i * 3),
        lastOrderAt: new Date(now - (200 + i * 9) * DAY),
        delays: status === 'delayed' ? 1 : 0,
        measures: status === 'delayed' ? '安排客户经理上门拜访，赠送一次免费培训' : null,
        until: status === 'delayed' ? new Date(now + 20 * DAY).toISOString().slice(0, 10) : null,
        reasonId: status === 'confirmed' ? (reason?.id ?? null) : null,
        recoveredBy: status === 'recovered' ? 'DD-DEMO' : null,
        closedAt: status === 'confirmed' || status === 'recovered' ? new Date(now - 3 * DAY) : null,
        createdAt: raised,
        updatedAt: raised,
      });
      await tx.execute(sql`INSERT INTO churn_history (id, tenant_id, record_id, from_status, to_status, at)
        VALUES (${uuidv7()}, ${demo.tenantId}, ${id}, NULL, 'warning', ${raised.toISOString()}::timestamptz)`);
      if (status !== 'warning')
        await tx.execute(sql`INSERT INTO churn_history (id, tenant_id, record_id, from_status, to_status, user_id, at)
          VALUES (${uuidv7()}, ${demo.tenantId}, ${id}, 'warning', ${status}, ${c.owner_id},
            ${new Date(now - 3 * DAY).toISOString()}::timestamptz)`);
      if (status === 'confirmed') await markChurned(tx, actor, c.id, new Date(now - 3 * DAY), '确认流失');
    }
  });
}
