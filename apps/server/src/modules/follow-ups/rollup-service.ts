/**
 * 跟进月度汇总: the follow-ups (not deleted) per tenant, month of occurred_at (in the tenant's zone)
 * and author, kept in follow_up_month_rollups so 活动量 over a year reads a few thousand rows
 * instead of millions of follow-ups. A job refreshes it incrementally (platform/month-rollup.ts):
 * the months of the follow-ups written since its watermark, and the months follow-ups were moved
 * away from (an edit of occurred_at, noted by `noteMove` in the same transaction).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import {
  type MonthRollup,
  monthInstants,
  monthRollupRefreshedAt,
  refreshMonthRollup,
} from '../../platform/month-rollup.ts';
import { followUpScope } from './repository.ts';

const rollup: MonthRollup = {
  stateTable: 'follow_up_rollup_state',
  rollupTable: 'follow_up_month_rollups',
  sourceTable: 'follow_ups',
  instant: 'occurred_at',
  moved: (tenantId) => sql`SELECT at FROM follow_up_rollup_moves WHERE tenant_id = ${tenantId}`,
  forgetMoves: (tenantId, before) =>
    sql`DELETE FROM follow_up_rollup_moves WHERE tenant_id = ${tenantId} AND created_at < ${before}`,
  aggregate: (tenantId, months, zone) =>
    sql`INSERT INTO follow_up_month_rollups (tenant_id, month, user_id, follow_ups)
      SELECT ${tenantId}, m.m, f.user_id, count(*)
        FROM unnest(${months}) m(m)
        JOIN follow_ups f ON f.tenant_id = ${tenantId} AND f.deleted_at IS NULL
         AND ${monthInstants(sql`f.occurred_at`, zone)}
       GROUP BY 2, 3`,
};

/** A follow-up moved away from `at` (its occurred_at edited): that month is aggregated again at the next refresh. */
export async function noteMove(tx: Db, tenantId: string, at: Date) {
  await tx.execute(
    sql`INSERT INTO follow_up_rollup_moves (tenant_id, at) VALUES (${tenantId}, ${at.toISOString()})`,
  );
}

/** Brings the rollup of one tenant (or every tenant) up to date; the number of months aggregated. */
export const refreshFollowUpRollups = (db: Db, tenantId?: string) => refreshMonthRollup(db, rollup, tenantId);

/** When the tenant's rollup was last refreshed with months in `zone` (null: not usable). */
export const followUpRollupRefreshedAt = (db: Db, tenantId: string, zone: string) =>
  monthRollupRefreshedAt(db, rollup.stateTable, tenantId, zone);

/**
 * 活动量's follow-up part from the rollup for the whole months from `fromMonth` to `toMonth` (first
 * days, inclusive), in the follow-ups scope (by author, whose department is the one they are in
 * now, as live): `(user_id, department_id, month, follow_ups)`. None without follow-ups:view.
 */
export const followUpRollupSource = (p: Principal, fromMonth: SQL, toMonth: SQL): SQL =>
  sql`SELECT f.user_id, (SELECT u.department_id FROM users u WHERE u.id = f.user_id) AS department_id,
      to_char(f.month, 'YYYY-MM') AS month, f.follow_ups
    FROM follow_up_month_rollups f
    WHERE f.tenant_id = ${p.tenantId} AND f.month >= ${fromMonth} AND f.month <= ${toMonth}
      AND ${can(p, 'follow-ups:view') ? followUpScope(p) : sql`FALSE`}`;
