/**
 * Receivables as the reports count them (回款分析): one row per payment plan (what was planned,
 * dated by its due date) and one per counted payment (what came in, dated by its paid date),
 * within the caller's receivables scope. The reports module groups over this subquery — it never
 * reads these tables itself.
 */
import { type SQL, sql } from 'drizzle-orm';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';

/** The period's instants as the calendar days the rows carry (due and paid dates are days in the tenant's zone). */
const within = (column: SQL, tz: string, from: SQL | null, to: SQL | null) =>
  from && to
    ? sql`AND ${column} >= (${from} AT TIME ZONE ${tz})::date AND ${column} < (${to} AT TIME ZONE ${tz})::date`
    : sql``;

/**
 * `kind` plan | payment; `planned`, `received`, `overdue` (a plan's unpaid remainder once past its
 * due date, as of today in the tenant's zone) and `ageing` ('1' 0–30, '2' 31–60, '3' 61–90, '4' > 90
 * days overdue; '0' a plan not overdue; NULL a payment). Ids are `plan:<id>` / `payment:<id>`.
 */
export const receivableReportSource = (p: Principal, from: SQL | null, to: SQL | null): SQL => {
  const tz = p.profile.tenant.timezone;
  const scope = scopePredicate(p, 'receivables', {
    owner: sql`x.owner_id`,
    department: sql`x.department_id`,
  });
  const today = sql`(now() AT TIME ZONE ${tz})::date`;
  const late = sql`(x.paid < x.amount AND x.due_date < ${today})`;
  return sql`SELECT 'plan:' || x.id AS id, 'plan' AS kind, x.customer_id, x.owner_id, x.department_id,
      x.due_date AS at, to_char(x.due_date, 'YYYY-MM') AS month,
      x.amount AS planned, 0::numeric(18, 2) AS received,
      CASE WHEN ${late} THEN x.amount - x.paid ELSE 0 END::numeric(18, 2) AS overdue,
      CASE WHEN NOT ${late} THEN '0' WHEN ${today} - x.due_date <= 30 THEN '1'
        WHEN ${today} - x.due_date <= 60 THEN '2' WHEN ${today} - x.due_date <= 90 THEN '3' ELSE '4' END AS ageing
    FROM payment_plans x
    WHERE x.tenant_id = ${p.tenantId} AND x.deleted_at IS NULL AND ${scope} ${within(sql`x.due_date`, tz, from, to)}
    UNION ALL
    SELECT 'payment:' || x.id, 'payment', x.customer_id, x.owner_id, x.department_id,
      x.paid_at, to_char(x.paid_at, 'YYYY-MM'), 0::numeric(18, 2), x.amount, 0::numeric(18, 2), NULL
    FROM payments x
    WHERE x.tenant_id = ${p.tenantId} AND x.status = 'counted' AND ${scope} ${within(sql`x.paid_at`, tz, from, to)}`;
};

/**
 * Counted payments as a sales fact (targets' attainment on the payments basis, 目标达成): `user_id`
 * (the owner), `department_id`, `amount`, `day` (the date paid), paid in [from, to) — the instants'
 * days in the zone `tz`, a payment's date being a calendar day. Every payment of the tenant: the
 * reader applies its scope.
 */
export const paymentFactSource = (tenantId: string, from: SQL, to: SQL, tz: string): SQL =>
  sql`SELECT x.owner_id AS user_id, x.department_id, x.amount, x.paid_at AS day FROM payments x
    WHERE x.tenant_id = ${tenantId} AND x.status = 'counted'
      AND x.paid_at >= (${from} AT TIME ZONE ${tz})::date AND x.paid_at < (${to} AT TIME ZONE ${tz})::date`;
