/**
 * Tickets as the reports count them (服务分析): the caller's tickets in scope created in the period,
 * one row each, with the SLA flags and the times the report averages. The reports module groups
 * over this subquery — it never reads the tickets table itself.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.ts';
import { ticketScope } from './repository.ts';

/**
 * `at` is the creation. A duplicate merged into another ticket is not counted: the kept one is the
 * request. Times are wall-clock minutes from creation (waiting for the customer included): the
 * figure a customer lives through, unlike the business-hour SLA clocks, whose verdict the breach
 * flags keep. Priority keys sort low → urgent ('1-low' … '4-urgent').
 */
export const ticketReportSource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT t.id, t.number, t.title, t.type_id, t.handler_id, t.department_id, t.satisfaction,
      CASE t.priority WHEN 'low' THEN '1-low' WHEN 'normal' THEN '2-normal' WHEN 'high' THEN '3-high'
        ELSE '4-urgent' END AS priority,
      t.created_at AS at, to_char(t.created_at AT TIME ZONE ${p.profile.tenant.timezone}, 'YYYY-MM') AS month,
      t.responded_at IS NOT NULL AS responded,
      t.responded_at IS NOT NULL AND NOT t.response_breached AS response_met,
      t.response_breached,
      t.resolved_at IS NOT NULL AS resolved,
      t.resolved_at IS NOT NULL AND NOT t.resolution_breached AS resolution_met,
      t.resolution_breached,
      extract(epoch FROM t.responded_at - t.created_at) / 60 AS response_minutes,
      extract(epoch FROM t.resolved_at - t.created_at) / 60 AS resolution_minutes
    FROM tickets t
    WHERE t.tenant_id = ${p.tenantId} AND t.deleted_at IS NULL AND t.status <> 'merged' AND ${ticketScope(p)}
      ${from && to ? sql`AND t.created_at >= ${from} AND t.created_at < ${to}` : sql``}`;
