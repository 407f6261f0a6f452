import { type SQL, sql } from 'drizzle-orm';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { visiblePoolIds } from '../pools/published.ts';

/** Customers shared with the caller or the caller's department (`write`: read-write shares only). */
function sharedWith(p: Principal, mode: 'read' | 'write'): SQL {
  return sql`c.id = ANY(ARRAY(SELECT s.customer_id FROM customer_shares s WHERE s.tenant_id = ${p.tenantId}
    AND (s.user_id = ${p.userId} OR s.department_id = ${p.departmentId})
    ${mode === 'write' ? sql`AND s.access = 'write'` : sql``}))`;
}

/**
 * The data-scope predicate of customers (alias `c`), for every read and write: active customers
 * by owner/department scope or a share; drafts only to their creator; pool customers to the
 * departments that see the pool (read only — they are changed by claiming them).
 */
export function customerScope(p: Principal, mode: 'read' | 'write' = 'read'): SQL {
  const owned = scopePredicate(p, 'customers', {
    owner: sql`c.owner_id`,
    department: sql`c.department_id`,
    alsoVisible: () => sharedWith(p, mode),
  });
  // pool customers are seen by the departments that see the pool (the pools module's rule)
  const pool = mode === 'read' ? sql`c.pool_id = ANY(${visiblePoolIds(p)})` : sql`FALSE`;
  return sql`((c.state = 'active' AND ${owned}) OR (c.state = 'draft' AND c.created_by = ${p.userId})
    OR (c.state = 'pool' AND ${pool}))`;
}

/** Customers of the tenant that are not deleted and inside the caller's scope. */
export const liveInScope = (p: Principal, mode: 'read' | 'write' = 'read') =>
  sql`c.tenant_id = ${p.tenantId} AND c.deleted_at IS NULL AND ${customerScope(p, mode)}`;
