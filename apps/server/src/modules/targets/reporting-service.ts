/**
 * Targets as the reports count them (目标达成): one row per amount target of the caller's targets
 * scope whose period starts in the report's period, with its actual as the targets page computes
 * it — the tenant's basis (orders, payments or won deals) summed over the target's own period, for
 * a person their own sales, for a department its whole subtree's. The facts come from the owning
 * modules' published subqueries; the reports module groups over this one.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Principal, scopeOf } from '../../platform/auth/principal.ts';
import { wonFactSource } from '../opportunities/reporting-service.ts';
import { orderFactSource } from '../orders/target-facts-service.ts';
import { paymentFactSource } from '../receivables/reporting-service.ts';
import { targetScope } from './repository.ts';

export const targetReportSource = (p: Principal, from: SQL | null, to: SQL | null): SQL => {
  const tz = p.profile.tenant.timezone;
  // the facts the targets may need: from the first target's first day to a year after the last
  // one's (a target starts in [from, to) and lasts at most a year); all of them without a period
  const lo = from
    ? sql`((${from} AT TIME ZONE ${tz})::date::timestamp AT TIME ZONE ${tz})`
    : sql`'-infinity'::timestamptz`;
  const hi = to
    ? sql`(((${to} AT TIME ZONE ${tz})::date + interval '1 year')::timestamp AT TIME ZONE ${tz})`
    : sql`'infinity'::timestamptz`;
  // only the tenant's basis is read: each branch is cut by a condition evaluated once
  const basis = sql`(SELECT coalesce((SELECT s.basis FROM target_settings s WHERE s.tenant_id = ${p.tenantId}), 'orders'))`;
  // a narrower scope than 全部 reads only the facts its targets count (found once, by the owner's and
  // the department's indexes), not the whole tenant's
  const relevant =
    scopeOf(p, 'targets') === 'all'
      ? sql``
      : sql`AND (x.user_id = ANY(ARRAY(SELECT user_id FROM targets WHERE user_id IS NOT NULL))
          OR x.department_id = ANY(ARRAY(SELECT id FROM subtrees)))`;
  const branch = (name: string, facts: SQL) =>
    sql`SELECT x.user_id, x.department_id, x.day, x.amount FROM (${facts}) x WHERE ${basis} = ${name} ${relevant}`;
  const period =
    from && to
      ? sql`AND t.start >= (${from} AT TIME ZONE ${tz})::date AND t.start < (${to} AT TIME ZONE ${tz})::date`
      : sql``;
  // Facts are summed once per (owner, department, month in the zone), then per period; each target
  // takes its period's sum by hash joins — a subquery per target re-read its facts ~28k times at 1M.
  // Sums of numeric are exact, so the totals are the targets page's.
  return sql`WITH targets AS MATERIALIZED (
        SELECT t.id, t.tenant_id, t.period, t.start, t.department_id, t.user_id, t.amount,
          tu.department_id AS user_department_id, tu.name AS user_name, td.name AS department_name
        FROM sales_targets t
          LEFT JOIN users tu ON tu.id = t.user_id
          LEFT JOIN departments td ON td.id = t.department_id
        WHERE t.tenant_id = ${p.tenantId} AND t.deleted_at IS NULL AND t.amount IS NOT NULL
          AND ${targetScope(p)} ${period}),
      -- the departments of each target department's subtree, found once per department, not per target
      subtrees AS (
        SELECT a.id AS root_id, dd.id FROM departments a
          JOIN departments dd ON dd.tenant_id = a.tenant_id AND dd.deleted_at IS NULL AND starts_with(dd.path, a.path)
        WHERE a.id IN (SELECT department_id FROM targets)),
      facts AS MATERIALIZED (
        SELECT f.user_id, f.department_id, date_trunc('month', f.day::timestamp)::date AS month,
          sum(f.amount) AS amount
        FROM (${branch('orders', orderFactSource(p.tenantId, lo, hi, tz))}
          UNION ALL ${branch('payments', paymentFactSource(p.tenantId, lo, hi, tz))}
          UNION ALL ${branch('opportunities', wonFactSource(p.tenantId, lo, hi, tz))}) f
        GROUP BY 1, 2, 3),
      -- each month's sums counted once for each period length, under the start of its month, quarter
      -- and year: a target (its start a period's first day) finds its actual by equality
      fact_periods AS MATERIALIZED (
        SELECT f.user_id, f.department_id, l.period, l.start, sum(f.amount) AS amount
        FROM facts f CROSS JOIN LATERAL (VALUES ('month', f.month),
          ('quarter', date_trunc('quarter', f.month::timestamp)::date),
          ('year', date_trunc('year', f.month::timestamp)::date)) l(period, start)
        GROUP BY 1, 2, 3, 4),
      department_periods AS (
        SELECT department_id, period, start, sum(amount) AS amount FROM fact_periods GROUP BY 1, 2, 3),
      person_actuals AS (
        SELECT t.id, sum(f.amount) AS amount FROM targets t
          JOIN fact_periods f ON f.user_id = t.user_id AND f.period = t.period AND f.start = t.start
        GROUP BY t.id),
      department_actuals AS (
        SELECT t.id, sum(f.amount) AS amount FROM targets t
          JOIN subtrees st ON st.root_id = t.department_id
          JOIN department_periods f ON f.department_id = st.id AND f.period = t.period AND f.start = t.start
        GROUP BY t.id)
    SELECT t.id, t.period AS target_period, t.start, to_char(t.start, 'YYYY-MM') AS month,
      CASE WHEN t.user_id IS NULL THEN 'department' ELSE 'person' END AS subject,
      coalesce(t.department_id, t.user_department_id) AS department_id, t.user_id,
      coalesce(t.user_name, t.department_name) AS subject_name, t.amount AS target,
      coalesce(pa.amount, da.amount, 0)::numeric(18, 2) AS actual,
      t.start AS at
    FROM targets t
      LEFT JOIN person_actuals pa ON pa.id = t.id
      LEFT JOIN department_actuals da ON da.id = t.id`;
};
