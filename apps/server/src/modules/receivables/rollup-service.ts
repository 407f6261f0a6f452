/**
 * 回款月度汇总: planned, received and overdue per tenant, month, owner and department, kept in
 * receivable_month_rollups so 回款分析 over a year reads a few thousand rows instead of a million
 * plans and payments. A job refreshes it incrementally (platform/month-rollup.ts): the months of the
 * plans written since its watermark (an allocation bumps its plan's updated_at, as `paid` changes),
 * of the payments written since then (the second source, through `moved`; a decision on a payment
 * bumps its updated_at), and the months plans were moved away from (a due date edited, noted by
 * `noteMove` in the same transaction). Months are of calendar days (due and paid dates), in no zone.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { type MonthRollup, monthRollupRefreshedAt, refreshMonthRollup } from '../../platform/month-rollup.ts';

/** The calendar days of the month `m.m`, for a range condition that uses the dates' index. */
const monthDays = (column: SQL) => sql`${column} >= m.m AND ${column} < (m.m + interval '1 month')::date`;

const rollup: MonthRollup = {
  stateTable: 'receivable_rollup_state',
  rollupTable: 'receivable_month_rollups',
  sourceTable: 'payment_plans',
  instant: 'due_date',
  calendarDays: true,
  moved: (tenantId, since) =>
    sql`SELECT at FROM receivable_rollup_moves WHERE tenant_id = ${tenantId}
      UNION ALL SELECT paid_at FROM payments WHERE tenant_id = ${tenantId} AND updated_at >= ${since}`,
  forgetMoves: (tenantId, before) =>
    sql`DELETE FROM receivable_rollup_moves WHERE tenant_id = ${tenantId} AND created_at < ${before}`,
  // Only whole months that ended before the day of a refresh are read from the rollup (reports'
  // kit/rollup.ts), so every plan in them is past due at any later read: overdue is the unpaid
  // remainder, amount − paid where paid < amount, whatever day it is (no dependency on today).
  aggregate: (tenantId, months) =>
    sql`INSERT INTO receivable_month_rollups (tenant_id, month, owner_id, department_id, planned, received, overdue)
      SELECT ${tenantId}, r.m, r.owner_id, r.department_id, sum(r.planned), sum(r.received), sum(r.overdue)
        FROM (
          SELECT m.m, x.owner_id, x.department_id, sum(x.amount) AS planned, 0 AS received,
              coalesce(sum(x.amount - x.paid) FILTER (WHERE x.paid < x.amount), 0) AS overdue
            FROM unnest(${months}) m(m)
            JOIN payment_plans x ON x.tenant_id = ${tenantId} AND x.deleted_at IS NULL AND ${monthDays(sql`x.due_date`)}
           GROUP BY 1, 2, 3
          UNION ALL
          SELECT m.m, x.owner_id, x.department_id, 0, sum(x.amount), 0
            FROM unnest(${months}) m(m)
            JOIN payments x ON x.tenant_id = ${tenantId} AND x.status = 'counted' AND ${monthDays(sql`x.paid_at`)}
           GROUP BY 1, 2, 3
        ) r
       GROUP BY 2, 3, 4`,
};

/** A plan moved away from its due date `at` (edited): that month is aggregated again at the next refresh. */
export async function noteMove(tx: Db, tenantId: string, at: string) {
  await tx.execute(
    sql`INSERT INTO receivable_rollup_moves (tenant_id, at) VALUES (${tenantId}, ${at}::date)`,
  );
}

/** Brings the rollup of one tenant (or every tenant) up to date; the number of months aggregated. */
export const refreshReceivableRollups = (db: Db, tenantId?: string) =>
  refreshMonthRollup(db, rollup, tenantId);

/** When the tenant's rollup was last refreshed with months in `zone` (null: not usable). */
export const receivableRollupRefreshedAt = (db: Db, tenantId: string, zone: string) =>
  monthRollupRefreshedAt(db, rollup.stateTable, tenantId, zone);

/**
 * The rollup's rows of the caller's receivables scope (by the records' owner and department, as the
 * report source) for the whole months from `fromMonth` to `toMonth` (first days, inclusive): owner_id,
 * department_id, month ('YYYY-MM'), and the partial sums `planned`, `received`, `overdue`.
 */
export const receivableRollupSource = (p: Principal, fromMonth: SQL, toMonth: SQL): SQL =>
  sql`SELECT r.owner_id, r.department_id, to_char(r.month, 'YYYY-MM') AS month, r.planned, r.received, r.overdue
    FROM receivable_month_rollups r
    WHERE r.tenant_id = ${p.tenantId} AND r.month >= ${fromMonth} AND r.month <= ${toMonth}
      AND ${scopePredicate(p, 'receivables', { owner: sql`r.owner_id`, department: sql`r.department_id` })}`;
