import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { uuidList } from '../../platform/sql-lists.ts';

/**
 * 活动签到 against a plan (the check-ins module asks): `missing` (no such plan in the tenant),
 * `not-approved` (only an approved plan is executed), `closed` (its feedback is submitted), or
 * `open`. Stands alone (imports no module): check-ins sits below marketing plans.
 */
export async function planForCheckIn(
  db: Db,
  tenantId: string,
  planId: string,
): Promise<'missing' | 'not-approved' | 'closed' | 'open'> {
  const result = await db.execute(
    sql`SELECT review_status, feedback_status FROM marketing_plans
      WHERE tenant_id = ${tenantId} AND id = ${planId} AND deleted_at IS NULL`,
  );
  const row = result.rows[0] as { review_status: string; feedback_status: string } | undefined;
  if (!row) return 'missing';
  if (row.review_status !== 'approved') return 'not-approved';
  return row.feedback_status === 'submitted' ? 'closed' : 'open';
}

/** Plans' "number title" by id, deleted ones too (a member's participations name them). */
export async function planTitles(db: Db, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const result = await db.execute(
    sql`SELECT id::text, number || ' ' || title AS title FROM marketing_plans
      WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)})`,
  );
  return new Map((result.rows as { id: string; title: string }[]).map((r) => [r.id, r.title]));
}
