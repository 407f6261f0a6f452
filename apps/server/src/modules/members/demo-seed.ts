import { orderListQuery } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { toPrincipal } from '../../platform/auth/hook.ts';
import { findUserPrincipal } from '../../platform/auth/principal-repository.ts';
import { callerForJob } from '../../platform/caller.ts';
import { listOrders } from '../orders/service.ts';
import { expireMemberPoints } from './expiry.ts';
import { earnOnOrder } from './order-points.ts';
import { changePoints } from './points-service.ts';
import { createMember } from './service.ts';

const DEMO_MEMBERS = 30;

/**
 * Demo 会员: up to 30 customers of the demo's completed orders become members on their first
 * order's day and earn each order's points (so their levels follow their spend); every third
 * redeems a third of its points, and every fifth loses its oldest earning to the expiry job.
 */
export async function seedDemoMembers(db: Db, demo: DemoTenant) {
  const admin = (
    await db.execute(
      sql`SELECT id FROM users WHERE tenant_id = ${demo.tenantId} AND username = 'admin' AND deleted_at IS NULL`,
    )
  ).rows[0] as { id: string } | undefined;
  const row = admin && (await findUserPrincipal(db, demo.tenantId, admin.id));
  if (!row) return;
  const c = callerForJob(toPrincipal(row, 'job'));
  const byCustomer = new Map<string, { id: string; number: string; total: string; orderDate: string }[]>();
  for (let page = 1; page <= 5 && byCustomer.size < DEMO_MEMBERS; page++) {
    const q = orderListQuery.parse({ status: 'completed', pageSize: 100, page, sort: 'orderedAt' });
    const { data } = await listOrders(db, c, q);
    for (const o of data) {
      const list = byCustomer.get(o.customerId) ?? [];
      if (!list.length && byCustomer.size >= DEMO_MEMBERS) continue;
      list.push({ id: o.id, number: o.number, total: o.total, orderDate: o.orderDate });
      byCustomer.set(o.customerId, list);
    }
    if (data.length < 100) break;
  }
  let i = 0;
  for (const [customerId, orders] of byCustomer) {
    i++;
    const m = await createMember(db, c, { customerId, joinedAt: orders[0].orderDate });
    for (const o of orders) await db.transaction((tx) => earnOnOrder(tx, c.actor, { ...o, customerId }));
    if (i % 5 === 0)
      // the oldest earning reached its date: the daily job takes what is left of it
      await db.execute(
        sql`UPDATE member_point_entries SET expires_at = now() - interval '1 day'
          WHERE id = (SELECT id FROM member_point_entries WHERE member_id = ${m.id} AND kind = 'earn'
            ORDER BY created_at, id LIMIT 1)`,
      );
    if (i % 3 === 0) {
      const points = (await db.execute(sql`SELECT points FROM members WHERE id = ${m.id}`)).rows[0] as {
        points: number;
      };
      const redeem = Math.floor(Number(points.points) / 3);
      if (redeem > 0) await changePoints(db, c, m.id, { delta: -redeem, reason: '兑换礼品' });
    }
  }
  await expireMemberPoints(db);
}
