/**
 * Check-ins as the reports count them (统计分析 · 活动量): the check-ins of the caller's scope, one
 * row each, credited to who checked in and their department then (the check-ins scope's columns);
 * `visit` marks 拜访签到 (visit-in), what this module counts as a visit everywhere.
 */
import { type SQL, sql } from 'drizzle-orm';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { checkInScope } from './repository.ts';

/** Rows `(kind 'check-in', id, title, user_id, department_id, at, month, visit)`; none without check-ins:view. */
export const checkInActivitySource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT 'check-in'::text AS kind, ci.id,
      concat_ws(' ', ci.type, nullif(concat_ws(' ', ci.city, ci.district, ci.street), '')) AS title,
      ci.user_id, ci.department_id, ci.captured_at AS at,
      to_char(ci.captured_at AT TIME ZONE ${p.profile.tenant.timezone}, 'YYYY-MM') AS month,
      ci.type = 'visit-in' AS visit
    FROM check_ins ci
    WHERE ci.tenant_id = ${p.tenantId}
      AND ${can(p, 'check-ins:view') ? checkInScope(p) : sql`FALSE`}
      ${from && to ? sql`AND ci.captured_at >= ${from} AND ci.captured_at < ${to}` : sql``}`;

/** One row `(check_ins)`: the 活动签到 made for the marketing plan whose id is `planId` (LATERAL). */
export const checkInsOfPlan = (tenantId: string, planId: SQL): SQL =>
  sql`SELECT count(*)::int AS check_ins FROM check_ins ci WHERE ci.tenant_id = ${tenantId} AND ci.plan_id = ${planId}::text`;
