import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { writeAudit } from '../../platform/audit.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { PoolRules } from './published.ts';
import { pools } from './schema.ts';

/** Pool rules of the demo: a stricter regional pool (华东), a pool for everybody. */
export const poolRules: { regional: PoolRules; all: PoolRules } = {
  regional: {
    name: '华东公海',
    recycleNoFollowUpDays: 30,
    recycleNoDealDays: 365,
    remindDaysBefore: 3,
    holdLimit: 400,
    dailyClaimLimit: 10,
    cooldownDays: 7,
  },
  all: {
    name: '全国公海',
    recycleNoFollowUpDays: 60,
    recycleNoDealDays: null,
    remindDaysBefore: 5,
    holdLimit: 500,
    dailyClaimLimit: 20,
    cooldownDays: 15,
  },
};

/** The demo's two pools, dated 560 days back like the demo customers (manifest `seedDemo`). */
export async function seedDemoPools(db: Db, demo: DemoTenant) {
  const at = new Date(Date.now() - 560 * 86_400_000);
  // the region is found by name: the organisation's demo seed made it (read, not written, here)
  const east = (
    await db.execute(sql`SELECT id FROM departments WHERE tenant_id = ${demo.tenantId}
      AND name = '华东大区' AND deleted_at IS NULL`)
  ).rows[0] as { id: string } | undefined;
  const rows = [
    { rules: poolRules.all, departmentIds: [] as string[] },
    ...(east ? [{ rules: poolRules.regional, departmentIds: [east.id] }] : []),
  ];
  await db.transaction(async (tx) => {
    for (const r of rows) {
      const id = uuidv7();
      await tx.insert(pools).values({
        id,
        tenantId: demo.tenantId,
        createdAt: at,
        updatedAt: at,
        departmentIds: r.departmentIds,
        ...r.rules,
      });
      await writeAudit(
        tx,
        { tenantId: demo.tenantId, userId: null, userName: 'system' },
        { action: 'seed', entity: 'pools', entityId: id, summary: r.rules.name, changes: {} },
      );
    }
  });
}
