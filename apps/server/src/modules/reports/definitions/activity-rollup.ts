import { type SQL, sql } from 'drizzle-orm';
import { scopeByDepartment } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { checkInActivitySource } from '../../check-ins/reporting-service.ts';
import { newCustomerActivitySource } from '../../customers/activity-reporting-service.ts';
import { customerRollupRefreshedAt, newCustomerRollupSource } from '../../customers/rollup-service.ts';
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
 * The new customers per person and month: from the customers' monthly rollup for a department
 * scope (a year of the whole tenant is hundreds of thousands of customers), live for a scope of
 * persons (their few customers; the rollup keeps no person's apart).
 */
const newCustomers = (p: Principal, fromMonth: SQL, toMonth: SQL, from: SQL, to: SQL) =>
  scopeByDepartment(p, 'customers')
    ? newCustomerRollupSource(p, fromMonth, toMonth)
    : newCustomersPerPerson(p, from, to);

/** The older of two refreshes (null: either rollup is not usable). */
const bothRefreshed = async (a: Promise<Date | null>, b: Promise<Date | null>) => {
  const [x, y] = await Promise.all([a, b]);
  return x && y ? (x < y ? x : y) : null;
};

/**
 * 活动量 for whole months: the follow-ups from their monthly rollup (follow-ups module; the
 * bulk of the rows), the new customers from the customers' (newCustomers), the check-ins from
 * their module's source as live (few beside them), each in its own scope — in the columns the
 * report groups by and partial sums. As of the older of the two rollups' refreshes.
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
        FROM (${newCustomers(p, fromMonth, toMonth, from, to)}) n`;
  },
  refreshedAt: (db, tenantId, zone) =>
    bothRefreshed(
      followUpRollupRefreshedAt(db, tenantId, zone),
      customerRollupRefreshedAt(db, tenantId, zone),
    ),
};
