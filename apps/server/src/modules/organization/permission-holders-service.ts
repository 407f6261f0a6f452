import type { Permission } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/**
 * Ids of the tenant's users one of whose roles grants `permission` (e.g. who is expected to
 * write work reports), for other modules' lists of people; says nothing about data scopes.
 */
export async function userIdsHolding(db: Db, tenantId: string, permission: Permission): Promise<string[]> {
  const r = await db.execute(sql`SELECT DISTINCT ur.user_id FROM user_roles ur
    JOIN roles r ON r.id = ur.role_id AND r.tenant_id = ur.tenant_id AND r.deleted_at IS NULL
    WHERE ur.tenant_id = ${tenantId} AND ${permission} = ANY(r.permissions)`);
  return (r.rows as { user_id: string }[]).map((x) => x.user_id);
}
