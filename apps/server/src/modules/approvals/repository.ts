import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { textList, uuidList } from '../../platform/sql-lists.ts';
import {
  approvalEvents,
  approvalFlows,
  approvalFlowVersions,
  approvalSteps,
  approvals,
  approvalTasks,
} from './schema.ts';

export type FlowRow = typeof approvalFlows.$inferSelect;
export type ApprovalRow = typeof approvals.$inferSelect;
export type StepRow = typeof approvalSteps.$inferSelect;
export type TaskRow = typeof approvalTasks.$inferSelect;
export type EventRow = typeof approvalEvents.$inferSelect;
export type NewStep = typeof approvalSteps.$inferInsert;
export type NewTask = typeof approvalTasks.$inferInsert;
export type NewEvent = typeof approvalEvents.$inferInsert;

const rowsOf = <T>(r: { rows: Record<string, unknown>[] }) => r.rows as T[];

// ---- flows ----

export async function findFlow(db: Db, tenantId: string, id: string): Promise<FlowRow | undefined> {
  const [row] = await db
    .select()
    .from(approvalFlows)
    .where(
      and(eq(approvalFlows.tenantId, tenantId), eq(approvalFlows.id, id), isNull(approvalFlows.deletedAt)),
    );
  return row;
}

export async function insertFlow(tx: Db, row: typeof approvalFlows.$inferInsert) {
  const [created] = await tx.insert(approvalFlows).values(row).returning();
  return created;
}

export async function updateFlow(
  tx: Db,
  tenantId: string,
  id: string,
  version: number,
  values: Partial<typeof approvalFlows.$inferInsert>,
) {
  return tx
    .update(approvalFlows)
    .set({ ...values, version: sql`${approvalFlows.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(approvalFlows.tenantId, tenantId),
        eq(approvalFlows.id, id),
        eq(approvalFlows.version, version),
        isNull(approvalFlows.deletedAt),
      ),
    )
    .returning();
}

export async function insertFlowVersion(tx: Db, row: typeof approvalFlowVersions.$inferInsert) {
  await tx.insert(approvalFlowVersions).values(row);
}

export async function flowVersion(db: Db, flowId: string, version: number) {
  const [row] = await db
    .select()
    .from(approvalFlowVersions)
    .where(and(eq(approvalFlowVersions.flowId, flowId), eq(approvalFlowVersions.version, version)));
  return row;
}

/**
 * The active flow for a document: its type, its amount within the range and its department in or
 * below one of the flow's. The most specific wins: the nearest department condition first, then
 * an amount range, then the oldest flow.
 */
export async function matchingFlow(
  tx: Db,
  tenantId: string,
  documentType: string,
  amount: string | null,
  departmentId: string,
): Promise<FlowRow | undefined> {
  const amountSql = amount === null ? sql`NULL::numeric` : sql`${amount}::numeric`;
  const rows = await tx
    .select()
    .from(approvalFlows)
    .where(
      and(
        eq(approvalFlows.tenantId, tenantId),
        eq(approvalFlows.documentType, documentType),
        eq(approvalFlows.active, true),
        isNull(approvalFlows.deletedAt),
        sql`(${approvalFlows.minAmount} IS NULL OR ${amountSql} >= ${approvalFlows.minAmount})`,
        sql`(${approvalFlows.maxAmount} IS NULL OR ${amountSql} <= ${approvalFlows.maxAmount})`,
        sql`(cardinality(${approvalFlows.departmentIds}) = 0 OR EXISTS (
          SELECT 1 FROM departments d, unnest(${approvalFlows.departmentIds}) AS f(dep)
          WHERE d.tenant_id = ${tenantId} AND d.id = ${departmentId} AND d.path LIKE '%/' || f.dep::text || '/%'))`,
      ),
    )
    .orderBy(
      // the nearest department condition (the deepest department containing the document's)
      sql`(SELECT max(length(dd.path)) FROM departments dd, departments d
        WHERE dd.tenant_id = ${tenantId} AND dd.id = ANY(${approvalFlows.departmentIds})
          AND d.tenant_id = ${tenantId} AND d.id = ${departmentId} AND d.path LIKE dd.path || '%') DESC NULLS LAST`,
      sql`(${approvalFlows.minAmount} IS NOT NULL OR ${approvalFlows.maxAmount} IS NOT NULL) DESC`,
      approvalFlows.createdAt,
      approvalFlows.id,
    )
    .limit(1);
  return rows[0];
}

export function flowListFrom(tenantId: string, documentType: string | undefined, q: string | undefined): SQL {
  const type = documentType ? sql` AND f.document_type = ${documentType}` : sql``;
  const search = q ? sql` AND f.name ILIKE ${`%${likeEscape(q)}%`}` : sql``;
  return sql`FROM approval_flows f WHERE f.tenant_id = ${tenantId} AND f.deleted_at IS NULL${type}${search}`;
}

// ---- approvals ----

export async function insertApproval(tx: Db, row: typeof approvals.$inferInsert) {
  await tx.insert(approvals).values(row);
}
export async function insertSteps(tx: Db, rows: NewStep[]) {
  if (rows.length) await tx.insert(approvalSteps).values(rows);
}
export async function insertTasks(tx: Db, rows: NewTask[]) {
  if (rows.length) await tx.insert(approvalTasks).values(rows);
}
export async function insertEvents(tx: Db, rows: NewEvent[]) {
  if (rows.length) await tx.insert(approvalEvents).values(rows);
}

export async function findApproval(db: Db, tenantId: string, id: string): Promise<ApprovalRow | undefined> {
  const [row] = await db
    .select()
    .from(approvals)
    .where(and(eq(approvals.tenantId, tenantId), eq(approvals.id, id)));
  return row;
}

/** The approval, locked until the transaction ends: decisions on it happen one at a time. */
export async function lockApproval(tx: Db, tenantId: string, id: string): Promise<ApprovalRow | undefined> {
  const [row] = await tx
    .select()
    .from(approvals)
    .where(and(eq(approvals.tenantId, tenantId), eq(approvals.id, id)))
    .for('update');
  return row;
}

export async function pendingApprovalOf(tx: Db, tenantId: string, documentType: string, documentId: string) {
  const [row] = await tx
    .select({ id: approvals.id })
    .from(approvals)
    .where(
      and(
        eq(approvals.tenantId, tenantId),
        eq(approvals.documentType, documentType),
        eq(approvals.documentId, documentId),
        eq(approvals.status, 'pending'),
      ),
    );
  return row;
}

export async function approvalsOfDocument(
  db: Db,
  tenantId: string,
  documentType: string,
  documentId: string,
) {
  return db
    .select()
    .from(approvals)
    .where(
      and(
        eq(approvals.tenantId, tenantId),
        eq(approvals.documentType, documentType),
        eq(approvals.documentId, documentId),
      ),
    )
    .orderBy(sql`${approvals.createdAt} DESC`, sql`${approvals.id} DESC`);
}

export async function updateApproval(tx: Db, id: string, values: Partial<typeof approvals.$inferInsert>) {
  await tx
    .update(approvals)
    .set({ ...values, version: sql`${approvals.version} + 1`, updatedAt: new Date() })
    .where(eq(approvals.id, id));
}

export async function stepsOf(db: Db, approvalIds: string[]): Promise<StepRow[]> {
  if (approvalIds.length === 0) return [];
  return db
    .select()
    .from(approvalSteps)
    .where(sql`${approvalSteps.approvalId} = ANY(${uuidList(approvalIds)})`)
    .orderBy(approvalSteps.approvalId, approvalSteps.idx);
}

export async function tasksOf(db: Db, approvalIds: string[]): Promise<TaskRow[]> {
  if (approvalIds.length === 0) return [];
  return db
    .select()
    .from(approvalTasks)
    .where(sql`${approvalTasks.approvalId} = ANY(${uuidList(approvalIds)})`)
    .orderBy(approvalTasks.approvalId, approvalTasks.stepIdx, approvalTasks.id);
}

export async function eventsOf(db: Db, approvalIds: string[]): Promise<EventRow[]> {
  if (approvalIds.length === 0) return [];
  return db
    .select()
    .from(approvalEvents)
    .where(sql`${approvalEvents.approvalId} = ANY(${uuidList(approvalIds)})`)
    .orderBy(approvalEvents.createdAt, approvalEvents.id);
}

export async function setStep(tx: Db, approvalId: string, idx: number, values: Partial<NewStep>) {
  await tx
    .update(approvalSteps)
    .set(values)
    .where(and(eq(approvalSteps.approvalId, approvalId), eq(approvalSteps.idx, idx)));
}

export async function setTask(tx: Db, id: string, values: Partial<NewTask>) {
  await tx.update(approvalTasks).set(values).where(eq(approvalTasks.id, id));
}

/** Tasks of the approval in `from` statuses (of one step, or all) moved to `to`; answers their approvers. */
export async function moveTasks(
  tx: Db,
  approvalId: string,
  stepIdx: number | null,
  from: TaskRow['status'][],
  values: Partial<NewTask>,
): Promise<string[]> {
  const rows = await tx
    .update(approvalTasks)
    .set(values)
    .where(
      and(
        eq(approvalTasks.approvalId, approvalId),
        stepIdx === null ? undefined : eq(approvalTasks.stepIdx, stepIdx),
        sql`${approvalTasks.status} = ANY(${textList(from)})`,
      ),
    )
    .returning({ approverId: approvalTasks.approverId });
  return rows.map((r) => r.approverId);
}

export async function moveSteps(
  tx: Db,
  approvalId: string,
  from: StepRow['status'][],
  to: StepRow['status'],
) {
  await tx
    .update(approvalSteps)
    .set({ status: to })
    .where(
      and(eq(approvalSteps.approvalId, approvalId), sql`${approvalSteps.status} = ANY(${textList(from)})`),
    );
}

const flowSorts = {
  name: notNull(sql`f.name`),
  updatedAt: notNull(sql`f.updated_at`),
  createdAt: notNull(sql`f.created_at`),
};

export function listFlows(
  db: Db,
  tenantId: string,
  q: { page: number; pageSize: number; cursor?: string; sort?: string; q?: string; documentType?: string },
) {
  return listPage(
    db,
    q,
    {
      columns: sql`f.*`,
      from: flowListFrom(tenantId, q.documentType, q.q),
      orderBy: orderBy(q.sort, flowSorts, '-updatedAt', sql`f.id`),
    },
    (r) => r,
  );
}

/** A leaving person's open tasks (asked now, or at a later step) on approvals still running. */
export async function openTasksOf(tx: Db, tenantId: string, userId: string) {
  return rowsOf<{
    id: string;
    approval_id: string;
    step_idx: number;
    status: 'pending' | 'waiting';
    submitter_id: string;
    title: string;
  }>(
    await tx.execute(sql`
      SELECT t.id::text, t.approval_id::text, t.step_idx, t.status, a.submitter_id::text, a.title
      FROM approval_tasks t JOIN approvals a ON a.id = t.approval_id
      WHERE t.tenant_id = ${tenantId} AND t.approver_id = ${userId} AND t.status IN ('pending', 'waiting')
        AND a.status = 'pending'
      ORDER BY t.approval_id, t.step_idx`),
  );
}
