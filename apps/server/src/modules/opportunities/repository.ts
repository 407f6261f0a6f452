import type { FunnelQuery, OpportunityListQuery, PipelineQuery } from '@guanxi/contract';
import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { opportunities, opportunityPlanItems, opportunityStageHistory, opportunityStages } from './schema.ts';

export type OpportunityRow = typeof opportunities.$inferSelect;
export type NewOpportunityRow = typeof opportunities.$inferInsert;
export type StageRow = typeof opportunityStages.$inferSelect;
export type PlanItemRow = typeof opportunityPlanItems.$inferSelect;

/** The opportunities data scope over `alias`: the owner (assignee, else creator) and their department. */
export const opportunityScope = (p: Principal, alias = 'o') => {
  const a = sql.identifier(alias);
  return scopePredicate(p, 'opportunities', {
    owner: sql`${a}.owner_id`,
    department: sql`${a}.department_id`,
  });
};

const live = (p: Principal) =>
  sql`o.tenant_id = ${p.tenantId} AND o.deleted_at IS NULL AND ${opportunityScope(p)}`;

const OPEN = sql`o.status IN ('unassigned', 'developing')`;

/** Names and derived figures for a page's rows only. */
const pageColumns = sql`o.*,
  o.expected_close_date::text AS close_date,
  round(o.expected_amount * o.probability / 100, 2)::text AS weighted_amount,
  s.name AS stage_name, s.position AS stage_position, s.stalled_days,
  (SELECT max(i.done_at) FROM opportunity_plan_items i WHERE i.tenant_id = o.tenant_id
     AND i.opportunity_id = o.id AND i.deleted_at IS NULL) AS plan_done_at,
  (SELECT u.name FROM users u WHERE u.id = o.created_by) AS creator_name,
  (SELECT u.name FROM users u WHERE u.id = o.assignee_id) AS assignee_name,
  (SELECT u.name FROM users u WHERE u.id = o.owner_id) AS owner_name,
  (SELECT d.name FROM departments d WHERE d.id = o.department_id) AS department_name,
  (SELECT i.name FROM dictionary_items i WHERE i.id = o.source_id) AS source_name,
  (SELECT i.name FROM dictionary_items i WHERE i.id = o.lost_reason_id) AS lost_reason_name`;
const pageJoins = sql`LEFT JOIN opportunity_stages s ON s.id = o.stage_id`;

const sortable = {
  updatedAt: notNull(sql`o.updated_at`),
  createdAt: notNull(sql`o.created_at`),
  expectedCloseDate: notNull(sql`o.expected_close_date`),
  expectedAmount: notNull(sql`o.expected_amount`),
};

/** Within the caller's scope, narrowed to an owner, mine, or a department with its children. */
function narrowed(p: Principal, q: PipelineQuery & { customerId?: string }): SQL[] {
  const parts: SQL[] = [live(p)];
  if (q.mine === 'true') parts.push(sql`o.owner_id = ${p.userId}`);
  else if (q.ownerId) parts.push(sql`o.owner_id = ${q.ownerId}`);
  if (q.departmentId)
    parts.push(sql`o.department_id IN (SELECT d.id FROM departments d WHERE d.tenant_id = ${p.tenantId}
      AND d.path LIKE (SELECT x.path FROM departments x WHERE x.id = ${q.departmentId}) || '%')`);
  if (q.customerId) parts.push(sql`o.customer_id = ${q.customerId}`);
  return parts;
}

function filters(p: Principal, q: Partial<OpportunityListQuery>): SQL {
  const parts = narrowed(p, q);
  if (q.status === 'open') parts.push(OPEN);
  else if (q.status) parts.push(sql`o.status = ${q.status}`);
  if (q.stageId) parts.push(sql`o.stage_id = ${q.stageId}`);
  if (q.campaignId) parts.push(sql`o.campaign_id = ${q.campaignId}`);
  if (q.closeFrom) parts.push(sql`o.expected_close_date >= ${q.closeFrom}::date`);
  if (q.closeTo) parts.push(sql`o.expected_close_date <= ${q.closeTo}::date`);
  if (q.q) {
    const like = `%${likeEscape(q.q)}%`;
    parts.push(sql`(o.title ILIKE ${like} OR o.prospect_name ILIKE ${like})`);
  }
  return sql.join(parts, sql` AND `);
}

/** One page of opportunities in scope (keyset cursors), most recently changed first by default. */
export function listOpportunities(db: Db, p: Principal, q: OpportunityListQuery) {
  return listPage(
    db,
    q,
    {
      columns: sql`o.*`,
      from: sql`FROM opportunities o WHERE ${filters(p, q)}`,
      orderBy: orderBy(q.sort, sortable, '-updatedAt', sql`o.id`),
      decorate: { alias: 'o', columns: pageColumns, joins: pageJoins },
    },
    (row) => row,
  );
}

export async function findVisible(db: Db, p: Principal, id: string) {
  const result = await db.execute(
    sql`SELECT ${pageColumns} FROM opportunities o ${pageJoins} WHERE ${live(p)} AND o.id = ${id}`,
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

/** The row, locked, if it is in the caller's scope. */
export async function lockVisible(tx: Db, p: Principal, id: string): Promise<OpportunityRow | undefined> {
  const result = await tx.execute(
    sql`SELECT o.id FROM opportunities o WHERE ${live(p)} AND o.id = ${id} FOR UPDATE`,
  );
  if (!result.rows.length) return undefined;
  const [row] = await tx.select().from(opportunities).where(eq(opportunities.id, id));
  return row;
}

export async function insertOpportunity(tx: Db, values: NewOpportunityRow) {
  const [row] = await tx.insert(opportunities).values(values).returning();
  return row;
}

/** Versioned update: no row when the version is stale. */
export async function updateOpportunity(
  tx: Db,
  id: string,
  version: number,
  values: Partial<NewOpportunityRow>,
) {
  return tx
    .update(opportunities)
    .set({ ...values, updatedAt: new Date(), version: sql`${opportunities.version} + 1` })
    .where(and(eq(opportunities.id, id), eq(opportunities.version, version)))
    .returning();
}

/** Rows for an export, a batch at a time by keyset over (updated_at, id) descending. */
export async function exportBatch(
  db: Db,
  p: Principal,
  q: Partial<OpportunityListQuery>,
  after: { at: string; id: string } | null,
  limit: number,
) {
  const keyset = after
    ? sql` AND (o.updated_at, o.id) < (${after.at}::timestamptz, ${after.id}::uuid)`
    : sql``;
  const result = await db.execute(
    sql`SELECT ${pageColumns}, o.updated_at::text AS keyset_at FROM opportunities o ${pageJoins}
      WHERE ${filters(p, q)}${keyset} ORDER BY o.updated_at DESC, o.id DESC LIMIT ${limit}`,
  );
  return result.rows as Record<string, unknown>[];
}

export async function countUpTo(db: Db, p: Principal, q: Partial<OpportunityListQuery>, cap: number) {
  const result = await db.execute(
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM opportunities o WHERE ${filters(p, q)} LIMIT ${cap}) x`,
  );
  return (result.rows[0] as { n: number }).n;
}

// ---- stage history ----

export async function insertHistory(tx: Db, values: typeof opportunityStageHistory.$inferInsert) {
  await tx.insert(opportunityStageHistory).values(values);
}

export async function historyOf(db: Db, tenantId: string, opportunityId: string) {
  const result = await db.execute(
    sql`SELECT h.*, f.name AS from_name, t.name AS to_name,
        (SELECT u.name FROM users u WHERE u.id = h.user_id) AS user_name
      FROM opportunity_stage_history h
      LEFT JOIN opportunity_stages f ON f.id = h.from_stage_id
      LEFT JOIN opportunity_stages t ON t.id = h.to_stage_id
      WHERE h.tenant_id = ${tenantId} AND h.opportunity_id = ${opportunityId}
      ORDER BY h.at DESC, h.id DESC`,
  );
  return result.rows as Record<string, unknown>[];
}

// ---- stages ----

export async function listStages(db: Db, tenantId: string) {
  const result = await db.execute(
    sql`SELECT s.*, s.probability::text AS probability_text,
        (SELECT count(*)::int FROM opportunities o WHERE o.tenant_id = s.tenant_id AND o.stage_id = s.id
          AND o.deleted_at IS NULL AND ${OPEN}) AS open_count
      FROM opportunity_stages s WHERE s.tenant_id = ${tenantId} AND s.deleted_at IS NULL
      ORDER BY s.position, s.id`,
  );
  return result.rows as Record<string, unknown>[];
}

export async function stagesOf(db: Db, tenantId: string): Promise<StageRow[]> {
  return db
    .select()
    .from(opportunityStages)
    .where(and(eq(opportunityStages.tenantId, tenantId), isNull(opportunityStages.deletedAt)))
    .orderBy(asc(opportunityStages.position), asc(opportunityStages.id));
}

/** Every live stage of the tenant, locked (a reorder renumbers them all). */
export async function lockStages(tx: Db, tenantId: string): Promise<StageRow[]> {
  return tx
    .select()
    .from(opportunityStages)
    .where(and(eq(opportunityStages.tenantId, tenantId), isNull(opportunityStages.deletedAt)))
    .orderBy(asc(opportunityStages.position), asc(opportunityStages.id))
    .for('update');
}

export async function insertStages(tx: Db, rows: (typeof opportunityStages.$inferInsert)[]) {
  if (rows.length) await tx.insert(opportunityStages).values(rows);
}

export async function updateStage(
  tx: Db,
  id: string,
  values: Partial<typeof opportunityStages.$inferInsert>,
) {
  const [row] = await tx
    .update(opportunityStages)
    .set({ ...values, updatedAt: new Date(), version: sql`${opportunityStages.version} + 1` })
    .where(eq(opportunityStages.id, id))
    .returning();
  return row;
}

export async function setPosition(tx: Db, id: string, position: number) {
  await tx.update(opportunityStages).set({ position }).where(eq(opportunityStages.id, id));
}

export async function countOpenInStage(db: Db, tenantId: string, stageId: string) {
  const result = await db.execute(
    sql`SELECT count(*)::int AS n FROM opportunities o WHERE o.tenant_id = ${tenantId} AND o.stage_id = ${stageId}
      AND o.deleted_at IS NULL AND ${OPEN}`,
  );
  return (result.rows[0] as { n: number }).n;
}

export async function hasStages(db: Db, tenantId: string) {
  const result = await db.execute(
    sql`SELECT 1 FROM opportunity_stages WHERE tenant_id = ${tenantId} LIMIT 1`,
  );
  return result.rows.length > 0;
}

// ---- development plan ----

export async function planItemsOf(db: Db, tenantId: string, opportunityId: string) {
  const result = await db.execute(
    sql`SELECT i.*, i.due_date::text AS due,
        (SELECT u.name FROM users u WHERE u.id = i.done_by) AS done_by_name,
        (SELECT u.name FROM users u WHERE u.id = i.created_by) AS created_by_name
      FROM opportunity_plan_items i
      WHERE i.tenant_id = ${tenantId} AND i.opportunity_id = ${opportunityId} AND i.deleted_at IS NULL
      ORDER BY i.due_date, i.created_at, i.id`,
  );
  return result.rows as Record<string, unknown>[];
}

export async function planItemCount(db: Db, tenantId: string, opportunityId: string) {
  const result = await db.execute(
    sql`SELECT count(*)::int AS n FROM opportunity_plan_items WHERE tenant_id = ${tenantId}
      AND opportunity_id = ${opportunityId} AND deleted_at IS NULL`,
  );
  return (result.rows[0] as { n: number }).n;
}

export async function insertPlanItem(tx: Db, values: typeof opportunityPlanItems.$inferInsert) {
  const [row] = await tx.insert(opportunityPlanItems).values(values).returning();
  return row;
}

export async function lockPlanItem(tx: Db, tenantId: string, opportunityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(opportunityPlanItems)
    .where(
      and(
        eq(opportunityPlanItems.tenantId, tenantId),
        eq(opportunityPlanItems.opportunityId, opportunityId),
        eq(opportunityPlanItems.id, id),
        isNull(opportunityPlanItems.deletedAt),
      ),
    )
    .for('update');
  return row;
}

export async function updatePlanItem(
  tx: Db,
  id: string,
  values: Partial<typeof opportunityPlanItems.$inferInsert>,
) {
  const [row] = await tx
    .update(opportunityPlanItems)
    .set({ ...values, updatedAt: new Date(), version: sql`${opportunityPlanItems.version} + 1` })
    .where(eq(opportunityPlanItems.id, id))
    .returning();
  return row;
}

// ---- pipeline, funnel, forecast ----

/**
 * Open opportunities per stage in one scoped GROUP BY (the board's header; benchmarked against
 * the raw statement). The weighted amount is summed per row, each rounded half up to the cent.
 */
export async function pipeline(db: Db, p: Principal, q: PipelineQuery) {
  const result = await db.execute(
    sql`SELECT o.stage_id, count(*)::int AS n, sum(o.expected_amount)::text AS amount,
        sum(round(o.expected_amount * o.probability / 100, 2))::text AS weighted
      FROM opportunities o WHERE ${sql.join([...narrowed(p, q), OPEN], sql` AND `)}
      GROUP BY o.stage_id`,
  );
  return result.rows as { stage_id: string; n: number; amount: string; weighted: string }[];
}

/**
 * The funnel: of the opportunities created in the period, the furthest stage position each
 * reached (by its history), and whether it was won or lost.
 */
export async function funnel(db: Db, p: Principal, q: FunnelQuery, tz: string) {
  const parts = narrowed(p, q);
  if (q.from) parts.push(sql`o.created_at >= (${q.from}::date)::timestamp AT TIME ZONE ${tz}`);
  if (q.to) parts.push(sql`o.created_at < ((${q.to}::date + 1)::timestamp AT TIME ZONE ${tz})`);
  const result = await db.execute(
    sql`SELECT o.status, count(*)::int AS n, sum(o.expected_amount)::text AS amount,
        (SELECT max(s.position) FROM opportunity_stage_history h JOIN opportunity_stages s ON s.id = h.to_stage_id
          WHERE h.tenant_id = o.tenant_id AND h.opportunity_id = o.id) AS reached
      FROM opportunities o WHERE ${sql.join(parts, sql` AND `)}
      GROUP BY o.status, reached`,
  );
  return result.rows as { status: string; n: number; amount: string; reached: number | null }[];
}

/**
 * The forecast's months: open deals by the month of their expected close date, won ones by the
 * month they were won (tenant time zone), between two month starts.
 */
export async function forecast(
  db: Db,
  p: Principal,
  q: PipelineQuery,
  from: string,
  toExclusive: string,
  tz: string,
) {
  const base = sql.join(narrowed(p, q), sql` AND `);
  const result = await db.execute(
    sql`SELECT to_char(o.expected_close_date, 'YYYY-MM') AS month, 'open' AS kind, count(*)::int AS n,
        sum(o.expected_amount)::text AS amount, sum(round(o.expected_amount * o.probability / 100, 2))::text AS weighted
      FROM opportunities o WHERE ${base} AND ${OPEN}
        AND o.expected_close_date >= ${from}::date AND o.expected_close_date < ${toExclusive}::date
      GROUP BY 1
      UNION ALL
      SELECT to_char(o.closed_at AT TIME ZONE ${tz}, 'YYYY-MM') AS month, 'won' AS kind, count(*)::int AS n,
        sum(o.expected_amount)::text AS amount, sum(o.expected_amount)::text AS weighted
      FROM opportunities o WHERE ${base} AND o.status = 'won'
        AND o.closed_at >= (${from}::date)::timestamp AT TIME ZONE ${tz}
        AND o.closed_at < (${toExclusive}::date)::timestamp AT TIME ZONE ${tz}
      GROUP BY 1`,
  );
  return result.rows as {
    month: string;
    kind: 'open' | 'won';
    n: number;
    amount: string;
    weighted: string;
  }[];
}

// ---- stalled deals ----

/**
 * Open opportunities whose stage has not changed for the stage's stalled days and whose owner was
 * not yet told of this stall (the daily job then checks the customer's follow-ups).
 */
export async function stalledCandidates(db: Db, limit = 5000) {
  const result = await db.execute(
    sql`SELECT o.id, o.tenant_id, o.title, o.owner_id, o.customer_id, o.stage_changed_at, s.stalled_days, s.name AS stage_name
      FROM opportunities o JOIN opportunity_stages s ON s.id = o.stage_id
      WHERE o.deleted_at IS NULL AND ${OPEN}
        AND o.stage_changed_at < now() - make_interval(days => s.stalled_days)
        AND (o.stalled_notified_at IS NULL OR o.stalled_notified_at < now() - make_interval(days => s.stalled_days))
      ORDER BY o.tenant_id, o.id LIMIT ${limit}`,
  );
  return result.rows as {
    id: string;
    tenant_id: string;
    title: string;
    owner_id: string;
    customer_id: string | null;
    stage_changed_at: string | Date;
    stalled_days: number;
    stage_name: string;
  }[];
}

/** The last plan item done of each opportunity (absent when none). */
export async function lastPlanDone(db: Db, tenantId: string, ids: string[]) {
  const map = new Map<string, string>();
  if (!ids.length) return map;
  const result = await db.execute(
    sql`SELECT opportunity_id, max(done_at) AS at FROM opportunity_plan_items
      WHERE tenant_id = ${tenantId} AND opportunity_id = ANY(${uuidList(ids)}) AND deleted_at IS NULL
        AND done_at IS NOT NULL
      GROUP BY opportunity_id`,
  );
  for (const r of result.rows as { opportunity_id: string; at: string }[]) map.set(r.opportunity_id, r.at);
  return map;
}

export async function opportunityIdOfLead(db: Db, tenantId: string, leadId: string) {
  const result = await db.execute(
    sql`SELECT id FROM opportunities WHERE tenant_id = ${tenantId} AND lead_id = ${leadId} AND deleted_at IS NULL
      ORDER BY created_at LIMIT 1`,
  );
  return (result.rows[0] as { id: string } | undefined)?.id ?? null;
}

export async function markStalledNotified(tx: Db, ids: string[]) {
  if (!ids.length) return;
  await tx.execute(
    sql`UPDATE opportunities SET stalled_notified_at = now() WHERE id = ANY(${uuidList(ids)})`,
  );
}

// ---- people ----

/** An active user of the tenant inside the caller's opportunities scope (指派's target). */
export async function assignableUser(db: Db, p: Principal, userId: string) {
  const scope = scopePredicate(p, 'opportunities', { owner: sql`u.id`, department: sql`u.department_id` });
  const result = await db.execute(
    sql`SELECT u.id, u.name, u.department_id FROM users u WHERE u.tenant_id = ${p.tenantId} AND u.id = ${userId}
      AND u.deleted_at IS NULL AND u.status = 'active' AND ${scope}`,
  );
  return result.rows[0] as { id: string; name: string; department_id: string } | undefined;
}

export async function assignableUsers(db: Db, p: Principal, q?: string) {
  const scope = scopePredicate(p, 'opportunities', { owner: sql`u.id`, department: sql`u.department_id` });
  const like = q ? `%${likeEscape(q)}%` : null;
  const result = await db.execute(sql`SELECT u.id, u.name,
      (SELECT d.name FROM departments d WHERE d.id = u.department_id) AS department_name
    FROM users u WHERE u.tenant_id = ${p.tenantId} AND u.deleted_at IS NULL AND u.status = 'active' AND ${scope}
      ${like ? sql`AND u.name ILIKE ${like}` : sql``}
    ORDER BY u.name LIMIT 50`);
  return result.rows as { id: string; name: string; department_name: string | null }[];
}

// ---- a person's move or departure ----

export async function followDepartment(tx: Db, tenantId: string, userId: string, departmentId: string) {
  const result = await tx.execute(
    sql`UPDATE opportunities SET department_id = ${departmentId}, updated_at = now(), version = version + 1
      WHERE tenant_id = ${tenantId} AND owner_id = ${userId} AND deleted_at IS NULL
        AND status IN ('unassigned', 'developing') RETURNING id`,
  );
  return result.rows.length;
}

export async function handOverOpen(
  tx: Db,
  tenantId: string,
  fromUserId: string,
  to: { id: string; departmentId: string },
) {
  const result = await tx.execute(
    sql`UPDATE opportunities SET owner_id = ${to.id}, department_id = ${to.departmentId},
        assignee_id = CASE WHEN assignee_id IS NULL THEN NULL ELSE ${to.id}::uuid END,
        updated_at = now(), version = version + 1
      WHERE tenant_id = ${tenantId} AND owner_id = ${fromUserId} AND deleted_at IS NULL
        AND status IN ('unassigned', 'developing') RETURNING id, title`,
  );
  return result.rows as { id: string; title: string }[];
}

export async function departmentOf(db: Db, tenantId: string, userId: string) {
  const result = await db.execute(
    sql`SELECT department_id FROM users WHERE tenant_id = ${tenantId} AND id = ${userId}`,
  );
  return (result.rows[0] as { department_id: string } | undefined)?.department_id ?? null;
}
