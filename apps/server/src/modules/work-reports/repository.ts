import type { WorkReportListQuery, WorkReportPeriod } from '@guanxi/contract';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { workReportComments, workReports } from './schema.ts';

export type ReportRow = typeof workReports.$inferSelect;
type NewReportRow = typeof workReports.$inferInsert;

/**
 * Who sees a report (alias `r`, its author `u`): the author always (drafts too); others only
 * submitted reports whose author is in their work-reports scope (own, subordinates, department …).
 */
function visible(p: Principal): SQL {
  const scope = scopePredicate(p, 'work-reports', {
    owner: sql`r.author_id`,
    department: sql`u.department_id`,
  });
  return sql`r.tenant_id = ${p.tenantId} AND r.deleted_at IS NULL
    AND (r.author_id = ${p.userId} OR (r.status = 'submitted' AND ${scope}))`;
}

const from = (p: Principal, where: SQL = sql``) =>
  sql`FROM work_reports r JOIN users u ON u.id = r.author_id AND u.tenant_id = r.tenant_id
    WHERE ${visible(p)}${where}`;

const columns = sql`r.*, u.name AS user_name,
  (SELECT d.name FROM departments d WHERE d.id = u.department_id) AS department_name,
  (SELECT count(*)::int FROM work_report_comments c WHERE c.tenant_id = r.tenant_id AND c.report_id = r.id) AS comment_count`;

/** A report as read with its author's names (snake_case columns from raw SQL). */
export type ReportView = Record<string, unknown>;

export async function findVisible(db: Db, p: Principal, id: string): Promise<ReportView | undefined> {
  const r = await db.execute(sql`SELECT ${columns} ${from(p, sql` AND r.id = ${id}`)}`);
  return r.rows[0] as ReportView | undefined;
}

const sortable = {
  start: notNull(sql`r.start`),
  submittedAt: sql`r.submitted_at`,
  createdAt: notNull(sql`r.created_at`),
};

export async function list<T>(
  db: Db,
  p: Principal,
  q: WorkReportListQuery & { page: number; pageSize: number },
  map: (row: ReportView) => T,
) {
  const where: SQL[] = [];
  if (q.view === 'mine') where.push(sql`r.author_id = ${p.userId}`);
  if (q.view === 'team') where.push(sql`r.author_id <> ${p.userId}`);
  if (q.period) where.push(sql`r.period = ${q.period}`);
  if (q.userId) where.push(sql`r.author_id = ${q.userId}`);
  if (q.from) where.push(sql`r.start >= ${q.from}::date`);
  if (q.to) where.push(sql`r.start <= ${q.to}::date`);
  if (q.q) where.push(sql`u.name ILIKE ${`%${likeEscape(q.q)}%`}`);
  const filters = where.length ? sql` AND ${sql.join(where, sql` AND `)}` : sql``;
  return listPage(
    db,
    q,
    {
      columns,
      from: from(p, filters),
      orderBy: orderBy(q.sort, sortable, '-start', sql`r.id`),
    },
    map,
  );
}

/** The caller's own live report, locked for a change. */
export async function lockOwn(tx: Db, tenantId: string, authorId: string, id: string) {
  const [row] = await tx
    .select()
    .from(workReports)
    .where(
      and(
        eq(workReports.tenantId, tenantId),
        eq(workReports.id, id),
        eq(workReports.authorId, authorId),
        isNull(workReports.deletedAt),
      ),
    )
    .for('update');
  return row;
}

/** Inserts a report unless the author already has one for the period; undefined then. */
export async function insertReport(tx: Db, row: NewReportRow) {
  const [created] = await tx.insert(workReports).values(row).onConflictDoNothing().returning();
  return created;
}

export async function updateReport(tx: Db, id: string, version: number, values: Partial<NewReportRow>) {
  return tx
    .update(workReports)
    .set({ ...values, version: sql`${workReports.version} + 1`, updatedAt: new Date() })
    .where(and(eq(workReports.id, id), eq(workReports.version, version)))
    .returning();
}

export async function commentsOf(db: Db, tenantId: string, reportId: string) {
  const r = await db.execute(sql`SELECT c.id, c.content, c.user_id, u.name AS user_name, c.created_at
    FROM work_report_comments c JOIN users u ON u.id = c.user_id
    WHERE c.tenant_id = ${tenantId} AND c.report_id = ${reportId} ORDER BY c.created_at, c.id`);
  return r.rows as { id: string; content: string; user_id: string; user_name: string; created_at: string }[];
}

export async function insertComment(tx: Db, row: typeof workReportComments.$inferInsert) {
  await tx.insert(workReportComments).values(row);
}

/** The local-time bounds of `[start, end)` in the tenant's zone, as instants. */
export async function bounds(db: Db, start: string, end: string, timeZone: string) {
  const r = await db.execute(sql`SELECT (${start}::date::timestamp AT TIME ZONE ${timeZone}) AS "from",
    (${end}::date::timestamp AT TIME ZONE ${timeZone}) AS "to"`);
  const row = r.rows[0] as { from: string; to: string };
  return { from: new Date(row.from), to: new Date(row.to) };
}

/**
 * 未汇报: active people in the caller's work-reports scope who write reports (`reporters`) with no submitted report for the
 * period starting on `start` (a draft is not a report), by department and name.
 */
export async function missing(
  db: Db,
  p: Principal,
  period: WorkReportPeriod,
  start: string,
  reporters: readonly string[],
) {
  const scope = scopePredicate(p, 'work-reports', { owner: sql`u.id`, department: sql`u.department_id` });
  const r = await db.execute(sql`SELECT u.id, u.name, d.name AS department_name
    FROM users u LEFT JOIN departments d ON d.id = u.department_id
    WHERE u.tenant_id = ${p.tenantId} AND u.deleted_at IS NULL AND u.status = 'active' AND ${scope}
      AND u.id = ANY(${uuidList(reporters)})
      AND NOT EXISTS (SELECT 1 FROM work_reports r WHERE r.tenant_id = u.tenant_id AND r.author_id = u.id
        AND r.period = ${period} AND r.start = ${start}::date AND r.status = 'submitted' AND r.deleted_at IS NULL)
    ORDER BY d.name NULLS LAST, u.name, u.id LIMIT 1000`);
  return r.rows as { id: string; name: string; department_name: string | null }[];
}
