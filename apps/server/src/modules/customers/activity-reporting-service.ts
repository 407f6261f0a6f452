/**
 * New customers as 活动量 counts them: the active customers of the caller's scope created in the
 * period, credited to their CREATOR (who entered them — owners change, and there is no record of
 * the owner at creation) in the department the creator is in now.
 */
import { type SQL, sql } from 'drizzle-orm';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { liveInScope } from './scope.ts';

/** Rows `(kind 'customer', id, title, user_id, department_id, at, month)`; none without customers:view. */
export const newCustomerActivitySource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT 'customer'::text AS kind, c.id, c.name AS title, c.created_by AS user_id,
      (SELECT u.department_id FROM users u WHERE u.id = c.created_by) AS department_id, c.created_at AS at,
      to_char(c.created_at AT TIME ZONE ${p.profile.tenant.timezone}, 'YYYY-MM') AS month
    FROM customers c
    WHERE ${can(p, 'customers:view') ? liveInScope(p, 'read', 'active') : sql`FALSE`}
      ${from && to ? sql`AND c.created_at >= ${from} AND c.created_at < ${to}` : sql``}`;
