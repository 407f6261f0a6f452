/**
 * Churn records as the reports count them (流失分析): the caller's records in scope raised in the
 * period, one row each, with the customer's name for the drill-down. The reports module groups
 * over this subquery — it never reads the churn tables itself.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.ts';
import { customerName } from '../customers/churn-service.ts';
import { churnScope } from './repository.ts';

/**
 * `at` is when the warning was raised. Keys sort in the order people read them: the status along
 * its path ('1-warning' … '4-recovered'), the risk in bands of 20 ('0-19' … '80-100'; the risk is
 * the latest score, refreshed nightly while the record is open).
 */
export const churnReportSource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT r.id, r.customer_id, ${customerName(sql`r.customer_id`)} AS customer_name, r.owner_id,
      r.department_id, r.reason_id, r.risk, r.status AS state,
      CASE r.status WHEN 'warning' THEN '1-warning' WHEN 'delayed' THEN '2-delayed'
        WHEN 'confirmed' THEN '3-confirmed' ELSE '4-recovered' END AS status,
      CASE WHEN r.risk < 20 THEN '0-19' WHEN r.risk < 40 THEN '20-39' WHEN r.risk < 60 THEN '40-59'
        WHEN r.risk < 80 THEN '60-79' ELSE '80-100' END AS risk_band,
      r.created_at AS at, to_char(r.created_at AT TIME ZONE ${p.profile.tenant.timezone}, 'YYYY-MM') AS month
    FROM churn_records r
    WHERE r.tenant_id = ${p.tenantId} AND ${churnScope(p)}
      ${from && to ? sql`AND r.created_at >= ${from} AND r.created_at < ${to}` : sql``}`;
