import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../../platform/auth/principal.ts';
import { checkInActivitySource } from '../../check-ins/reporting-service.ts';
import { newCustomerActivitySource } from '../../customers/activity-reporting-service.ts';
import { followUpRollupRefreshedAt, followUpRollupSource } from '../../follow-ups/rollup-service.ts';
import type { ReportRollup } from '../kit/definition.ts';

/** The instants of the whole months from `fromMonth` to `toMonth` (first days) in the tenant's zone. */
const instants = (p: Principal, fromMonth: SQL, toMonth: SQL) => {
  const zone = p.profile.tenant.timezone;
  return {
    from: sql`(${fromMonth}::timestamp AT TIME ZONE ${zone})`,
    to: sql`((${toMonth} + interval '1 month')::timestamp AT TIME ZONE ${zone})`,
  };
};

/**
 * The new customers counted per person and month before the person's department is looked up
 * (once per person, not once per customer: a year at 1M customers enters hundreds of thousands).
 */
const newCustomersPerPerson = (p: Principal, from: SQL, to: SQL) =>
  sql`SELECT x.user_id, x.month, count(*) AS customers FROM (${newCustomerActivitySource(p, from, to)}) x
    GROUP BY x.user_id, x.month`;

/**
 * 活动量 for whole months: the follow-ups from their monthly rollup (follow-ups module; the
 * bulk of the rows), the check-ins and new customers from their modules' sources as live (few
 * beside them), each in its own scope — in the columns the report groups by and partial sums.
 */
export const activityRollup: ReportRollup = {
  dimensions: ['user', 'department', 'month'],
  filters: ['userId', 'departmentId'],
  measures: {
    followUps: sql`coalesce(sum(f.follow_ups), 0)`,
    visits: sql`coalesce(sum(f.visits), 0)`,
    checkIns: sql`coalesce(sum(f.check_ins), 0)`,
    customers: sql`coalesce(sum(f.customers), 0)`,
  },
  source: (p, fromMonth, toMonth) => {
    const { from, to } = instants(p, fromMonth, toMonth);
    return sql`SELECT user_id, department_id, month, follow_ups, 0 AS visits, 0 AS check_ins, 0 AS customers
        FROM (${followUpRollupSource(p, fromMonth, toMonth)}) r
      UNION ALL SELECT user_id, department_id, month, 0, visit::int, 1, 0 FROM (${checkInActivitySource(p, from, to)}) c
      UNION ALL SELECT user_id, (SELECT u.department_id FROM users u WHERE u.id = n.user_id), month, 0, 0, 0, customers
        FROM (${newCustomersPerPerson(p, from, to)}) n`;
  },
  refreshedAt: followUpRollupRefreshedAt,
};
