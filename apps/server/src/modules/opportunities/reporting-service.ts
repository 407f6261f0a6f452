/**
 * Open opportunities as the reports count them (销售漏斗, 销售预测): one row per open deal
 * (未分配 or 跟进中) in the caller's opportunities scope, with its stage in board order, its
 * amount and its weighted amount. The reports module groups over this subquery — it never reads
 * the opportunities tables itself.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.ts';
import { opportunityScope } from './repository.ts';

/**
 * `dated`: which day the period applies to — `created` (the funnel: deals opened in it) or
 * `close` (the forecast: deals expected to close in it; `month` is that month). `stage_key` is
 * `<position>:<stage id>` so keys sort in board order; `weighted` is amount × probability / 100,
 * rounded half up to the cent per deal (as the pipeline board sums it).
 */
export const opportunityReportSource = (
  p: Principal,
  from: SQL | null,
  to: SQL | null,
  dated: 'created' | 'close',
): SQL => {
  const tz = p.profile.tenant.timezone;
  const period =
    from && to
      ? dated === 'created'
        ? sql`AND o.created_at >= ${from} AND o.created_at < ${to}`
        : sql`AND o.expected_close_date >= (${from} AT TIME ZONE ${tz})::date
            AND o.expected_close_date < (${to} AT TIME ZONE ${tz})::date`
      : sql``;
  return sql`SELECT o.id, o.title, o.customer_id, o.owner_id, o.department_id, o.stage_id,
      lpad(s.position::text, 4, '0') || ':' || o.stage_id AS stage_key,
      o.expected_amount AS amount, round(o.expected_amount * o.probability / 100, 2) AS weighted,
      o.expected_close_date, to_char(o.expected_close_date, 'YYYY-MM') AS month,
      ${dated === 'created' ? sql`o.created_at` : sql`o.expected_close_date`} AS at
    FROM opportunities o JOIN opportunity_stages s ON s.id = o.stage_id AND s.tenant_id = o.tenant_id
    WHERE o.tenant_id = ${p.tenantId} AND o.deleted_at IS NULL AND o.status IN ('unassigned', 'developing')
      AND ${opportunityScope(p)} ${period}`;
};

/**
 * The stage's name for a report's stage key `key` (`<position>:<stage id>`, text) as a scalar
 * subquery, in the report's own statement; stage names are the tenant's own words.
 */
export const stageNameByKey = {
  sql: (tenantId: string, key: SQL) => {
    const id = sql`substr(${key}, strpos(${key}, ':') + 1)`;
    return sql`(SELECT s.name FROM opportunity_stages s WHERE s.tenant_id = ${tenantId}
      AND s.id = CASE WHEN ${id} ~* '^[0-9a-f-]{36}$' THEN ${id}::uuid END)`;
  },
};

/**
 * Won deals as a sales fact (targets' attainment on the opportunities basis, 目标达成): `user_id`
 * (the owner), `department_id`, `amount` (the expected amount at winning), `day` (won, in the
 * zone `tz`), won in [from, to). Every deal of the tenant: the reader applies its scope.
 */
export const wonFactSource = (tenantId: string, from: SQL, to: SQL, tz: string): SQL =>
  sql`SELECT x.owner_id AS user_id, x.department_id, x.expected_amount AS amount,
      (x.closed_at AT TIME ZONE ${tz})::date AS day FROM opportunities x
    WHERE x.tenant_id = ${tenantId} AND x.deleted_at IS NULL AND x.status = 'won'
      AND x.closed_at >= ${from} AND x.closed_at < ${to}`;
