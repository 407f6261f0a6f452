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
          OR x.department_id = ANY(ARRAY(SELECT dd.id FROM targets t JOIN departments dd
            ON dd.tenant_id = t.tenant_id AND dd.deleted_at IS NULL AND left(dd.path, length(t.path)) = t.path)))`;
  const branch = (name: string, facts: SQL) =>
    sql`SELECT x.user_id, x.department_id, x.day, x.amount FROM (${facts}) x WHERE ${basis} = ${name} ${relevant}`;
  const period =
    from && to
      ? sql`AND t.start >= (${from} AT TIME ZONE ${tz})::date AND t.start < (${to} AT TIME ZONE ${tz})::date`
      : sql``;
  // Facts are summed once per (owner, department, month in the zone), then each target adds up the
  // months of its period (a period starts on a month's first day) by equality joins — a subquery per
  // target re-read its facts ~28k times at 1M. Sums of numeric are exact, so the totals are the same.
  return sql`WITH targets AS MATERIALIZED (
        SELECT t.id, t.tenant_id, t.period, t.start, t.department_id, t.user_id, t.amount,
          tu.department_id AS user_department_id, tu.name AS user_name, td.name AS department_name, td.path
        FROM sales_targets t
          LEFT JOIN users tu ON tu.id = t.user_id
          LEFT JOIN departments td ON td.id = t.department_id
        WHERE t.tenant_id = ${p.tenantId} AND t.deleted_at IS NULL AND t.amount IS NOT NULL
          AND ${targetScope(p)} ${period}),
      facts AS MATERIALIZED (
        SELECT f.user_id, f.department_id, date_trunc('month', f.day::timestamp)::date AS month,
          sum(f.amount) AS amount
        FROM (${branch('orders', orderFactSource(p.tenantId, lo, hi, tz))}
          UNION ALL ${branch('payments', paymentFactSource(p.tenantId, lo, hi, tz))}
          UNION ALL ${branch('opportunities', wonFactSource(p.tenantId, lo, hi, tz))}) f
        GROUP BY 1, 2, 3),
      department_facts AS (SELECT department_id, month, sum(amount) AS amount FROM facts GROUP BY 1, 2),
      target_months AS (
        SELECT t.id, (t.start + i * interval '1 month')::date AS month FROM targets t,
          generate_series(0, CASE t.period WHEN 'month' THEN 0 WHEN 'quarter' THEN 2 ELSE 11 END) i),
      person_actuals AS (
        SELECT m.id, sum(f.amount) AS amount FROM targets t
          JOIN target_months m ON m.id = t.id
          JOIN facts f ON f.user_id = t.user_id AND f.month = m.month
        GROUP BY m.id),
      department_actuals AS (
        SELECT m.id, sum(f.amount) AS amount FROM targets t
          JOIN departments dd ON dd.tenant_id = t.tenant_id AND dd.deleted_at IS NULL
            AND left(dd.path, length(t.path)) = t.path
          JOIN target_months m ON m.id = t.id
          JOIN department_facts f ON f.department_id = dd.id AND f.month = m.month
        WHERE t.user_id IS NULL
        GROUP BY m.id)
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
