/**
 * Orders as the reports count them (统计分析): the caller's orders in scope that count as sales
 * (not cancelled, not deleted), dated by their order date, with the month in the tenant's zone.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.ts';
import { orderScope } from './published.ts';

export const orderReportSource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT o.id, o.number, o.customer_id, o.owner_id, o.department_id, o.total, o.ordered_at AS at,
      to_char(o.ordered_at AT TIME ZONE ${p.profile.tenant.timezone}, 'YYYY-MM') AS month
    FROM orders o
    WHERE o.tenant_id = ${p.tenantId} AND o.deleted_at IS NULL AND o.status <> 'cancelled' AND ${orderScope(p)}
      ${from && to ? sql`AND o.ordered_at >= ${from} AND o.ordered_at < ${to}` : sql``}`;
