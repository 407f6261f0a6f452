/**
 * Targets as the reports count them (目标达成): one row per amount target of the caller's targets
 * scope whose period starts in the report's period, with its actual as the targets page computes
 * it — the tenant's basis (orders, payments or won deals) summed over the target's own period, for
 * a person their own sales, for a department its whole subtree's. The facts come from the owning
 * modules' published subqueries; the reports module groups over this one.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.ts';
import { wonFactSource } from '../opportunities/reporting-service.ts';
import { orderFactSource } from '../orders/target-facts-service.ts';
import { paymentFactSource } from '../receivables/reporting-service.ts';
import { targetScope } from './repository.ts';

export const targetReportSource = (p: Principal, from: SQL | null, to: SQL | null): SQL => {
  const tz = p.profile.tenant.timezone;
  // the target's own period as instants: its first day's midnight to the next period's, in the zone
  const start = sql`(t.start::timestamp AT TIME ZONE ${tz})`;
  const end = sql`((t.start + CASE t.period WHEN 'month' THEN interval '1 month'
    WHEN 'quarter' THEN interval '3 months' ELSE interval '1 year' END)::timestamp AT TIME ZONE ${tz})`;
  // whose facts count: the person's own, or any department of the target department's subtree — two
  // subqueries, not one with a CASE inside: each finds its facts by index (owner, department), where a
  // CASE made every target read all of its period's facts
  const subtree = sql`SELECT dd.id FROM departments dd WHERE dd.tenant_id = t.tenant_id
      AND dd.deleted_at IS NULL AND left(dd.path, length(td.path)) = td.path`;
  const sum = (facts: SQL) => sql`CASE WHEN t.user_id IS NOT NULL
    THEN (SELECT sum(x.amount) FROM (${facts}) x WHERE x.user_id = t.user_id)
    ELSE (SELECT sum(x.amount) FROM (${facts}) x WHERE x.department_id IN (${subtree})) END`;
  const period =
    from && to
      ? sql`AND t.start >= (${from} AT TIME ZONE ${tz})::date AND t.start < (${to} AT TIME ZONE ${tz})::date`
      : sql``;
  return sql`SELECT t.id, t.period AS target_period, t.start, to_char(t.start, 'YYYY-MM') AS month,
      CASE WHEN t.user_id IS NULL THEN 'department' ELSE 'person' END AS subject,
      coalesce(t.department_id, tu.department_id) AS department_id, t.user_id,
      coalesce(tu.name, td.name) AS subject_name, t.amount AS target,
      coalesce(CASE coalesce(s.basis, 'orders')
        WHEN 'payments' THEN ${sum(paymentFactSource(p.tenantId, start, end, tz))}
        WHEN 'opportunities' THEN ${sum(wonFactSource(p.tenantId, start, end))}
        ELSE ${sum(orderFactSource(p.tenantId, start, end))} END, 0)::numeric(18, 2) AS actual,
      t.start AS at
    FROM sales_targets t
      LEFT JOIN users tu ON tu.id = t.user_id
      LEFT JOIN departments td ON td.id = t.department_id
      LEFT JOIN target_settings s ON s.tenant_id = t.tenant_id
    WHERE t.tenant_id = ${p.tenantId} AND t.deleted_at IS NULL AND t.amount IS NOT NULL
      AND ${targetScope(p)} ${period}`;
};
