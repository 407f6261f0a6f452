import type { ApprovalListQuery } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';

// The inboxes (待我审批, 我已审批, 我发起的): one page of a box in one scoped statement.

/** The caller's tasks of a box (pending: asked now; done: their latest decision on each approval). */
function taskWhere(tenantId: string, userId: string, box: 'pending' | 'done'): SQL {
  if (box === 'pending')
    return sql`t.tenant_id = ${tenantId} AND t.approver_id = ${userId} AND t.status = 'pending'`;
  return sql`t.tenant_id = ${tenantId} AND t.approver_id = ${userId} AND t.status IN ('approved', 'rejected', 'returned')
    AND NOT EXISTS (SELECT 1 FROM approval_tasks l WHERE l.approval_id = t.approval_id AND l.approver_id = t.approver_id
      AND l.status IN ('approved', 'rejected', 'returned') AND l.step_idx > t.step_idx)`;
}

/** Filters on the approval (`a`): document type, status, a title search. */
function approvalFilters(filters: { documentType?: string; status?: string; q?: string }): SQL[] {
  const f: SQL[] = [];
  if (filters.documentType) f.push(sql`a.document_type = ${filters.documentType}`);
  if (filters.status) f.push(sql`a.status = ${filters.status}`);
  if (filters.q) f.push(sql`a.title ILIKE ${`%${likeEscape(filters.q)}%`}`);
  return f;
}

const boxOrders = {
  pending: {
    sort: { receivedAt: notNull(sql`t.activated_at`) },
    fallback: '-receivedAt',
    tiebreak: sql`t.id`,
  },
  done: { sort: { decidedAt: notNull(sql`t.decided_at`) }, fallback: '-decidedAt', tiebreak: sql`t.id` },
  submitted: { sort: { createdAt: notNull(sql`a.created_at`) }, fallback: '-createdAt', tiebreak: sql`a.id` },
} as const;

export type BoxRow = Record<string, unknown>;

/** The approval's columns with its submitter's name and the people asked now (one statement for the page). */
const approvalColumns = sql`a.id, a.document_type, a.document_id, a.title, a.amount, a.submitter_id, a.status,
  a.current_step, a.step_count, a.created_at, a.decided_at,
  (SELECT u.name FROM users u WHERE u.id = a.submitter_id) AS submitter_name,
  (SELECT coalesce(json_agg(json_build_object('id', p.approver_id, 'name', u.name) ORDER BY p.id), '[]'::json)
    FROM approval_tasks p JOIN users u ON u.id = p.approver_id
    WHERE p.approval_id = a.id AND p.status = 'pending') AS asked`;

/**
 * One page of a box, newest first: the approval's columns, the submitter's name, the caller's
 * decision (done). Without filters on the approval, the page and its count read the caller's tasks
 * alone (the partial index of the box) and the page's 20 approvals are joined after — a count that
 * joined every task to its approval cost 6.5 ms of 1,000 on PostgreSQL.
 */
export function listBox(
  db: Db,
  tenantId: string,
  userId: string,
  q: ApprovalListQuery & { page: number; pageSize: number; box: 'pending' | 'done' | 'submitted' },
) {
  const o = boxOrders[q.box];
  const orderSql = orderBy(q.sort, o.sort, o.fallback, o.tiebreak);
  const filters = approvalFilters(q);
  const and = (parts: SQL[]) => (parts.length ? sql` AND ${sql.join(parts, sql` AND `)}` : sql``);
  if (q.box === 'submitted')
    return listPage(
      db,
      q,
      {
        columns: sql`${approvalColumns}, NULL::text AS my_decision`,
        from: sql`FROM approvals a WHERE a.tenant_id = ${tenantId} AND a.submitter_id = ${userId}${and(filters)}`,
        orderBy: orderSql,
      },
      (r) => r as BoxRow,
    );
  const mine = q.box === 'done' ? sql`t.status` : sql`NULL::text`;
  if (filters.length)
    return listPage(
      db,
      q,
      {
        columns: sql`${approvalColumns}, ${mine} AS my_decision`,
        from: sql`FROM approval_tasks t JOIN approvals a ON a.id = t.approval_id
          WHERE ${taskWhere(tenantId, userId, q.box)}${and(filters)}`,
        orderBy: orderSql,
      },
      (r) => r as BoxRow,
    );
  return listPage(
    db,
    q,
    {
      columns: sql`t.id, t.approval_id, t.activated_at, t.decided_at, t.status`,
      from: sql`FROM approval_tasks t WHERE ${taskWhere(tenantId, userId, q.box)}`,
      orderBy: orderSql,
      decorate: {
        alias: 't',
        columns: sql`${approvalColumns}, ${mine} AS my_decision, t.__key, t.__id`,
        joins: sql`JOIN approvals a ON a.id = t.approval_id`,
      },
    },
    (r) => r as BoxRow,
  );
}
