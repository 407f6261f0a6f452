/**
 * Follow-ups as the reports count them (统计分析 · 活动量): the follow-ups of the caller's scope,
 * one row each, credited to their author in the department the author is in now (the follow-ups
 * scope's own rule). The reports module composes its GROUP BY over this — it never reads the table.
 */
import { type SQL, sql } from 'drizzle-orm';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { followUpScope } from './repository.ts';

/** Rows `(kind 'follow-up', id, title, user_id, department_id, at, month)`; none without follow-ups:view. */
export const followUpActivitySource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT 'follow-up'::text AS kind, f.id, left(f.content, 80) AS title, f.user_id,
      (SELECT u.department_id FROM users u WHERE u.id = f.user_id) AS department_id, f.occurred_at AS at,
      to_char(f.occurred_at AT TIME ZONE ${p.profile.tenant.timezone}, 'YYYY-MM') AS month
    FROM follow_ups f
    WHERE f.tenant_id = ${p.tenantId} AND f.deleted_at IS NULL
      AND ${can(p, 'follow-ups:view') ? followUpScope(p) : sql`FALSE`}
      ${from && to ? sql`AND f.occurred_at >= ${from} AND f.occurred_at < ${to}` : sql``}`;
