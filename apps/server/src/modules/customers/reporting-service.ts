/**
 * Customers as the reports count them (统计分析): the active customers of the caller's scope, one
 * row each, with the columns reports group by. The reports module composes its GROUP BY over this
 * subquery — it never reads the customers table itself.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.ts';
import { liveInScope } from './scope.ts';

/** `at` is the customer's creation: a period counts the customers created in it. */
export const customerReportSource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT c.id, c.name, c.number, c.owner_id, c.department_id, c.level_id, c.industry_id, c.source_id,
      c.region_id, c.credit, c.satisfaction, c.created_at AS at
    FROM customers c
    WHERE ${liveInScope(p, 'read', 'active')}
      ${from && to ? sql`AND c.created_at >= ${from} AND c.created_at < ${to}` : sql``}`;
