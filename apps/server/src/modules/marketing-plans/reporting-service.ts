/**
 * Marketing plans as the reports count them (统计分析): one row per plan of the caller's scope whose
 * dates overlap the period — the plans list's and 营销计划汇总's own selection — with what the
 * module keeps: budget (its expense lines), the actual expenses and attainment of its submitted
 * feedback (figures.ts: the average of actual ÷ target over the goals), and its 活动签到.
 */
import { type SQL, sql } from 'drizzle-orm';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { checkInsOfPlan } from '../check-ins/reporting-service.ts';
import { planScope } from './repository.ts';

/** The period's instants as the calendar days plans are dated by (in the tenant's zone). */
const overlapping = (p: Principal, from: SQL | null, to: SQL | null) => {
  const tz = p.profile.tenant.timezone;
  return from && to
    ? sql`AND mp.end_date >= (${from} AT TIME ZONE ${tz})::date AND mp.start_date < (${to} AT TIME ZONE ${tz})::date`
    : sql``;
};

/** Where an approved plan stands, as figures.ts executionOf says it, in SQL (NULL before approval). */
const execution = (tz: string) => sql`CASE WHEN mp.review_status <> 'approved' THEN NULL
    WHEN mp.feedback_status = 'submitted' THEN 'completed'
    WHEN (now() AT TIME ZONE ${tz})::date < mp.start_date THEN 'upcoming'
    WHEN (now() AT TIME ZONE ${tz})::date > mp.end_date THEN 'ended' ELSE 'running' END`;

/**
 * 营销计划达成: `completed` 1 when the feedback is submitted; `rated` 1 and `attainment` (percent)
 * when that feedback rated a goal; `goals` how many goals were planned.
 */
export const planReportSource = (p: Principal, from: SQL | null, to: SQL | null): SQL => {
  const tz = p.profile.tenant.timezone;
  const submitted = sql`mp.feedback_status = 'submitted'`;
  return sql`SELECT mp.id, mp.number, mp.title, mp.type, mp.sub_type_id, mp.owner_id, mp.department_id,
      mp.review_status, ${execution(tz)} AS execution,
      mp.start_date::timestamp AS at, to_char(mp.start_date, 'YYYY-MM') AS month,
      jsonb_array_length(mp.goals) AS goals, (${submitted})::int AS completed,
      (${submitted} AND mp.attainment IS NOT NULL)::int AS rated,
      CASE WHEN ${submitted} THEN coalesce(mp.attainment, 0) ELSE 0 END AS attainment,
      mp.budget, CASE WHEN ${submitted} THEN coalesce(mp.actual_expenses, 0) ELSE 0 END::numeric(18, 2) AS actual,
      ci.check_ins
    FROM marketing_plans mp
    CROSS JOIN LATERAL (${checkInsOfPlan(p.tenantId, sql`mp.id`)}) ci
    WHERE mp.tenant_id = ${p.tenantId} AND mp.deleted_at IS NULL AND ${planScope(p)} ${overlapping(p, from, to)}`;
};

/**
 * 费用分析's part of marketing plans: `(kind 'plan', id, number, title, type_id (the plan's sub-type),
 * owner_id, department_id, at, month, budget, actual)` — budget the expense lines planned, actual
 * the expenses of the submitted feedback. None without marketing-plans:view.
 */
export const planExpenseSource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT 'plan'::text AS kind, mp.id, mp.number, mp.title, mp.sub_type_id AS type_id, mp.owner_id,
      mp.department_id, mp.start_date::timestamp AS at, to_char(mp.start_date, 'YYYY-MM') AS month,
      mp.budget::numeric(18, 2) AS budget,
      CASE WHEN mp.feedback_status = 'submitted' THEN coalesce(mp.actual_expenses, 0) ELSE 0 END::numeric(18, 2) AS actual
    FROM marketing_plans mp
    WHERE mp.tenant_id = ${p.tenantId} AND mp.deleted_at IS NULL
      AND ${can(p, 'marketing-plans:view') ? planScope(p) : sql`FALSE`} ${overlapping(p, from, to)}`;
