import type { CustomerState } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { visiblePoolIds } from '../pools/published.ts';

/** Customers shared with the caller or the caller's department (`write`: read-write shares only). */
export function sharedWith(p: Principal, mode: 'read' | 'write'): SQL {
  return sql`c.id = ANY(ARRAY(SELECT s.customer_id FROM customer_shares s WHERE s.tenant_id = ${p.tenantId}
    AND (s.user_id = ${p.userId} OR s.department_id = ${p.departmentId})
    ${mode === 'write' ? sql`AND s.access = 'write'` : sql``}))`;
}

/**
 * The data-scope predicate of customers (alias `c`), for every read and write: active customers
 * by owner/department scope or a share; drafts only to their creator; pool customers to the
 * departments that see the pool (read only — they are changed by claiming them).
 */
export function customerScope(p: Principal, mode: 'read' | 'write' = 'read', state?: CustomerState): SQL {
  const branches: Record<CustomerState, () => SQL> = {
    active: () =>
      sql`(c.state = 'active' AND ${scopePredicate(p, 'customers', {
        owner: sql`c.owner_id`,
        department: sql`c.department_id`,
        alsoVisible: () => sharedWith(p, mode),
      })})`,
    draft: () => sql`(c.state = 'draft' AND c.created_by = ${p.userId})`,
    // pool customers are seen by the departments that see the pool (the pools module's rule)
    pool: () =>
      mode === 'read' ? sql`(c.state = 'pool' AND c.pool_id = ANY(${visiblePoolIds(p)}))` : sql`FALSE`,
  };
  // one state (a list's filter): its branch alone. The others are false for its rows, but the
  // planner does not see it — it estimated an owner's 100 active customers at 633 through the
  // visible pool's 19,000, read the list order for them (27,734 rows, 20 ms) and counted the
  // pool's 3,179 rows to drop them
  if (state) return branches[state]();
  return sql`(${branches.active()} OR ${branches.draft()} OR ${branches.pool()})`;
}

/**
 * Customers of the tenant that are not deleted and inside the caller's scope (`state`: only
 * those in that state — the same rows as the full scope AND-ed with `c.state = state`).
 */
export const liveInScope = (p: Principal, mode: 'read' | 'write' = 'read', state?: CustomerState) =>
  sql`c.tenant_id = ${p.tenantId} AND c.deleted_at IS NULL AND ${customerScope(p, mode, state)}`;
