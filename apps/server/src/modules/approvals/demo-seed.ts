import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { storeNewFlow } from './flows-service.ts';

/**
 * The demo's flow for marketing plans: the submitter's supervisor, then a 高管 (executive, in the
 * submitter's department line — the head office's), any amount.
 */
export async function seedDemoApprovals(db: Db, demo: DemoTenant) {
  const [admin] = (
    await db.execute(sql`SELECT u.id, u.name FROM users u JOIN user_roles ur ON ur.user_id = u.id
      WHERE u.tenant_id = ${demo.tenantId} AND ur.role_id = ${demo.roleIds.admin} ORDER BY u.created_at LIMIT 1`)
  ).rows as { id: string; name: string }[];
  await db.transaction((tx) =>
    storeNewFlow(
      tx,
      { tenantId: demo.tenantId, userId: admin?.id ?? null, userName: admin?.name ?? null },
      {
        name: '营销计划费用审批',
        documentType: 'marketing-plan',
        minAmount: '0.00',
        steps: [
          { kind: 'supervisor', levels: 1 },
          { kind: 'role', roleId: demo.roleIds.executive, mode: 'any' },
        ],
      },
    ),
  );
}
