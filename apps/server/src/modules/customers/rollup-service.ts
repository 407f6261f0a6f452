/**
 * 客户月度构成: the active customers per tenant and month of creation (in the tenant's zone), by
 * each dimension 客户构成 groups by and by creator (活动量's new customers), kept in
 * customer_month_rollups so a report over all time reads thousands of rows instead of a million
 * customers. A job refreshes it incrementally (platform/month-rollup.ts): every change that moves a
 * customer between groups (an edit, a transfer, to or from a pool, a delete, a merge, an import, an
 * owner's move to another department) is written through its updated_at, so the months of the
 * customers written since the watermark are aggregated again. Shares are not kept: a department
 * scope's shared customers are added live when read.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopeByDepartment, scopePredicate } from '../../platform/access.ts';
import { can, type Principal, scopeOf } from '../../platform/auth/principal.ts';
import {
  type MonthRollup,
  monthInstants,
  monthRollupRefreshedAt,
  refreshMonthRollup,
} from '../../platform/month-rollup.ts';
import { regionLevels } from '../dictionaries/reporting-service.ts';
import { sharedWith } from './scope.ts';

/** The kept dimensions (`dim`) and the customer column of each (`key` is its value as text). */
const columns = {
  level: 'level_id',
  industry: 'industry_id',
  source: 'source_id',
  region: 'region_id',
  credit: 'credit',
  satisfaction: 'satisfaction',
  owner: 'owner_id',
  creator: 'created_by',
} as const;

/** A kept dimension, or `total`: the customers per department (grouping by department). */
export type CustomerRollupDim = keyof typeof columns | 'total';

const dims = Object.keys(columns) as (keyof typeof columns)[];
const column = (d: keyof typeof columns) => sql`c.${sql.identifier(columns[d])}`;
/** Which dimension a grouping set is of: the one column it groups by (GROUPING() = 0). */
const caseOfSet = (then: (d: keyof typeof columns) => SQL, otherwise: SQL) =>
  sql`CASE ${sql.join(
    dims.map((d) => sql`WHEN GROUPING(${column(d)}) = 0 THEN ${then(d)}`),
    sql` `,
  )} ELSE ${otherwise} END`;

const rollup: MonthRollup = {
  stateTable: 'customer_rollup_state',
  rollupTable: 'customer_month_rollups',
  sourceTable: 'customers',
  instant: 'created_at',
  // every dimension at both grains in one pass: per department (and its total), and over the
  // whole tenant (GROUPING(department_id) = 1)
  aggregate: (tenantId, months, zone) =>
    sql`INSERT INTO customer_month_rollups (tenant_id, month, tenant_wide, department_id, dim, key, customers)
      SELECT ${tenantId}, m.m, GROUPING(c.department_id) = 1, c.department_id,
             ${caseOfSet((d) => sql`${d}`, sql`'total'`)}, ${caseOfSet((d) => sql`${column(d)}::text`, sql`NULL`)},
             count(*)
        FROM unnest(${months}) m(m)
        JOIN customers c ON c.tenant_id = ${tenantId} AND c.deleted_at IS NULL AND c.state = 'active'
         AND ${monthInstants(sql`c.created_at`, zone)}
       GROUP BY GROUPING SETS (${sql.join(
         [
           ...dims.map((d) => sql`(m.m, c.department_id, ${column(d)})`),
           sql`(m.m, c.department_id)`,
           ...dims.map((d) => sql`(m.m, ${column(d)})`),
         ],
         sql`, `,
       )})`,
};

/** Brings the rollup of one tenant (or every tenant) up to date; the number of months aggregated. */
export const refreshCustomerRollups = (db: Db, tenantId?: string) => refreshMonthRollup(db, rollup, tenantId);

/** When the tenant's rollup was last refreshed with months in `zone` (null: not usable). */
export const customerRollupRefreshedAt = (db: Db, tenantId: string, zone: string) =>
  monthRollupRefreshedAt(db, rollup.stateTable, tenantId, zone);

/**
 * `(department_id, month, key, customers)` of the caller's customers scope in `dim` for the whole
 * months from `fromMonth` to `toMonth` (first days, inclusive): the rollup's rows — the whole
 * tenant's when the caller sees it all and the department is neither grouped nor filtered on —
 * and, for a department scope, the customers shared with the caller or their department that the
 * departments do not already hold, live (one each), so every total equals the live one.
 */
function scopedRows(
  p: Principal,
  fromMonth: SQL,
  toMonth: SQL,
  dim: CustomerRollupDim,
  byDepartment: boolean,
) {
  // a scope of persons (本人, 本人及下属) is not kept apart: the reports read those live
  if (!scopeByDepartment(p, 'customers'))
    throw new Error('the customers rollup answers department scopes only');
  if (!byDepartment && scopeOf(p, 'customers') === 'all')
    return sql`SELECT r.department_id, r.month, r.key, r.customers FROM customer_month_rollups r
      WHERE r.tenant_id = ${p.tenantId} AND r.tenant_wide AND r.dim = ${dim}
        AND r.month >= ${fromMonth} AND r.month <= ${toMonth}`;
  const departments = (at: SQL) => scopePredicate(p, 'customers', { owner: sql`NULL`, department: at });
  const kept = sql`SELECT r.department_id, r.month, r.key, r.customers FROM customer_month_rollups r
    WHERE r.tenant_id = ${p.tenantId} AND NOT r.tenant_wide AND r.dim = ${dim}
      AND r.month >= ${fromMonth} AND r.month <= ${toMonth} AND ${departments(sql`r.department_id`)}`;
  if (scopeOf(p, 'customers') === 'all') return kept;
  const zone = p.profile.tenant.timezone;
  return sql`${kept} UNION ALL
    SELECT c.department_id, date_trunc('month', c.created_at AT TIME ZONE ${zone})::date,
      ${dim === 'total' ? sql`NULL::text` : sql`${column(dim)}::text`}, 1
    FROM customers c
    WHERE c.tenant_id = ${p.tenantId} AND c.deleted_at IS NULL AND c.state = 'active' AND ${sharedWith(p, 'read')}
      AND c.created_at >= (${fromMonth}::timestamp AT TIME ZONE ${zone})
      AND c.created_at < ((${toMonth} + interval '1 month')::timestamp AT TIME ZONE ${zone})
      AND NOT coalesce(${departments(sql`c.department_id`)}, FALSE)`;
}

/** How the rows of a dimension are given: the customer columns the live source has (customerReportSource). */
const shapes: Record<CustomerRollupDim, SQL> = {
  level: sql`x.key::uuid AS level_id`,
  industry: sql`x.key::uuid AS industry_id`,
  source: sql`x.key::uuid AS source_id`,
  region: sql`x.key::uuid AS region_id, rl.province_id, rl.city_id, rl.district_id`,
  credit: sql`x.key::int AS credit`,
  satisfaction: sql`x.key::int AS satisfaction`,
  owner: sql`x.key::uuid AS owner_id`,
  creator: sql`x.key::uuid AS created_by`,
  total: sql`NULL AS total`,
};

/**
 * 客户构成 for whole months: `(department_id, <dim's columns>, customers)` of the caller's scope —
 * the columns of customerReportSource the dimension reads (a region as its province, city and
 * district, looked up now as live) and the partial count. `byDepartment`: the department is
 * grouped or filtered on. Department scopes only (scopeByDepartment).
 */
export function customerRollupSource(
  p: Principal,
  fromMonth: SQL,
  toMonth: SQL,
  dim: CustomerRollupDim,
  byDepartment: boolean,
): SQL {
  return sql`SELECT x.department_id, ${shapes[dim]}, x.customers
    FROM (${scopedRows(p, fromMonth, toMonth, dim, byDepartment)}) x
    ${dim === 'region' ? sql`LEFT JOIN (${regionLevels(p.tenantId)}) rl ON rl.id = x.key::uuid` : sql``}`;
}

/**
 * 活动量's new customers for whole months: `(user_id, month 'YYYY-MM', customers)` per creator —
 * the same customers as newCustomerActivitySource (the caller's scope, none without
 * customers:view). Department scopes only (scopeByDepartment).
 */
export function newCustomerRollupSource(p: Principal, fromMonth: SQL, toMonth: SQL): SQL {
  if (!can(p, 'customers:view'))
    return sql`SELECT NULL::uuid AS user_id, NULL::text AS month, 0 AS customers WHERE FALSE`;
  return sql`SELECT x.key::uuid AS user_id, to_char(x.month, 'YYYY-MM') AS month, sum(x.customers) AS customers
    FROM (${scopedRows(p, fromMonth, toMonth, 'creator', false)}) x GROUP BY 1, 2`;
}
