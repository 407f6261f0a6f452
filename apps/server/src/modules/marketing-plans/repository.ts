import type { MarketingPlanListQuery, PlanType } from '@guanxi/contract';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { marketingPlanCustomers, marketingPlans } from './schema.ts';

export type PlanRow = typeof marketingPlans.$inferSelect;
export type NewPlanRow = typeof marketingPlans.$inferInsert;

/** The marketing-plans data scope (alias `mp`): by the executor and the plan's department. */
export const planScope = (p: Principal) =>
  scopePredicate(p, 'marketing-plans', { owner: sql`mp.owner_id`, department: sql`mp.department_id` });

const live = (p: Principal) =>
  sql`mp.tenant_id = ${p.tenantId} AND mp.deleted_at IS NULL AND ${planScope(p)}`;

/** Names of the people, the department, the sub-type and the region, for a page's rows only. */
const pageColumns = sql`mp.*,
  (SELECT u.name FROM users u WHERE u.id = mp.owner_id) AS owner_name,
  (SELECT d.name FROM departments d WHERE d.id = mp.department_id) AS department_name,
  (SELECT u.name FROM users u WHERE u.id = mp.reviewed_by) AS reviewed_by_name,
  (SELECT i.name FROM dictionary_items i WHERE i.id = mp.sub_type_id) AS sub_type_name,
  (SELECT i.name FROM dictionary_items i WHERE i.tenant_id = mp.tenant_id AND i.type = 'region'
     AND i.code = mp.region_code LIMIT 1) AS region_name`;

const sortable = {
  startDate: notNull(sql`mp.start_date`),
  createdAt: notNull(sql`mp.created_at`),
  number: notNull(sql`mp.number`),
};

/** 未审核 for the caller: waiting for a plain review, not their own. */
const unreviewedFor = (p: Principal) =>
  sql`mp.review_status = 'unreviewed' AND mp.owner_id <> ${p.userId} AND mp.created_by IS DISTINCT FROM ${p.userId}`;

function filters(p: Principal, q: MarketingPlanListQuery): SQL {
  const parts: SQL[] = [live(p)];
  if (q.queue === 'unreviewed') parts.push(unreviewedFor(p));
  if (q.type) parts.push(sql`mp.type = ${q.type}`);
  if (q.subType) parts.push(sql`mp.sub_type_id = ${q.subType}`);
  if (q.reviewStatus) parts.push(sql`mp.review_status = ${q.reviewStatus}`);
  if (q.feedbackStatus) parts.push(sql`mp.feedback_status = ${q.feedbackStatus}`);
  if (q.departmentId)
    parts.push(
      q.departmentTree === 'true'
        ? sql`mp.department_id IN (SELECT d.id FROM departments d WHERE d.tenant_id = ${p.tenantId}
            AND d.path LIKE (SELECT x.path FROM departments x WHERE x.id = ${q.departmentId}) || '%')`
        : sql`mp.department_id = ${q.departmentId}`,
    );
  if (q.mine === 'true') parts.push(sql`mp.owner_id = ${p.userId}`);
  else if (q.ownerId) parts.push(sql`mp.owner_id = ${q.ownerId}`);
  if (q.from) parts.push(sql`mp.end_date >= ${q.from}::date`);
  if (q.to) parts.push(sql`mp.start_date <= ${q.to}::date`);
  if (q.q) {
    const like = `%${likeEscape(q.q)}%`;
    parts.push(sql`(mp.title ILIKE ${like} OR mp.number ILIKE ${like})`);
  }
  return sql.join(parts, sql` AND `);
}

/** One page of plans in scope, latest start first by default (keyset cursors). */
export function listPlans(db: Db, p: Principal, q: MarketingPlanListQuery) {
  return listPage(
    db,
    q,
    {
      columns: sql`mp.*`,
      from: sql`FROM marketing_plans mp WHERE ${filters(p, q)}`,
      orderBy: orderBy(q.sort, sortable, '-startDate', sql`mp.id`),
      decorate: { alias: 'mp', columns: pageColumns, joins: sql`` },
    },
    (row) => row,
  );
}

/** One plan in scope, with names. */
export async function findVisible(db: Db, p: Principal, id: string) {
  const result = await db.execute(
    sql`SELECT ${pageColumns} FROM marketing_plans mp WHERE ${live(p)} AND mp.id = ${id}`,
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

/** The row, locked, if it is in the caller's scope. */
export async function lockVisible(tx: Db, p: Principal, id: string): Promise<PlanRow | undefined> {
  const result = await tx.execute(
    sql`SELECT mp.id FROM marketing_plans mp WHERE ${live(p)} AND mp.id = ${id} FOR UPDATE`,
  );
  if (!result.rows.length) return undefined;
  return lockById(tx, p.tenantId, id);
}

/** The row by id, locked, whoever asks (the approval engine settling it). */
export async function lockById(tx: Db, tenantId: string, id: string): Promise<PlanRow | undefined> {
  const [row] = await tx
    .select()
    .from(marketingPlans)
    .where(and(eq(marketingPlans.tenantId, tenantId), eq(marketingPlans.id, id)))
    .for('update');
  return row && !row.deletedAt ? row : undefined;
}

export async function insertPlan(tx: Db, values: NewPlanRow) {
  const [row] = await tx.insert(marketingPlans).values(values).returning();
  return row;
}

export async function updatePlan(tx: Db, id: string, values: Partial<NewPlanRow>): Promise<PlanRow> {
  const [row] = await tx
    .update(marketingPlans)
    .set({ ...values, updatedAt: new Date(), version: sql`${marketingPlans.version} + 1` })
    .where(eq(marketingPlans.id, id))
    .returning();
  return row;
}

// ---- target customers ----

export async function customerIdsOf(db: Db, tenantId: string, planIds: string[]) {
  const map = new Map<string, string[]>();
  if (!planIds.length) return map;
  const result = await db.execute(
    sql`SELECT DISTINCT plan_id, customer_id FROM marketing_plan_customers
      WHERE tenant_id = ${tenantId} AND plan_id = ANY(${uuidList(planIds)})`,
  );
  for (const r of result.rows as { plan_id: string; customer_id: string }[])
    map.set(r.plan_id, [...(map.get(r.plan_id) ?? []), r.customer_id]);
  return map;
}

export async function setCustomers(tx: Db, tenantId: string, planId: string, customerIds: string[]) {
  await tx
    .delete(marketingPlanCustomers)
    .where(and(eq(marketingPlanCustomers.tenantId, tenantId), eq(marketingPlanCustomers.planId, planId)));
  if (customerIds.length)
    await tx
      .insert(marketingPlanCustomers)
      .values(customerIds.map((customerId) => ({ id: uuidv7(), tenantId, planId, customerId })));
}

// ---- reference data ----

/** The `plan-type` item under the type's item, by id, code or name (zh-CN or en-US). */
export async function findSubType(db: Db, tenantId: string, type: PlanType, key: string) {
  const byId = /^[0-9a-f-]{36}$/i.test(key);
  const result = await db.execute(
    sql`SELECT c.id, c.name, c.valid FROM dictionary_items c
      JOIN dictionary_items t ON t.id = c.parent_id AND t.tenant_id = c.tenant_id
      WHERE c.tenant_id = ${tenantId} AND c.type = 'plan-type' AND t.code = ${type}
        AND ${byId ? sql`c.id = ${key}::uuid` : sql`(c.code = ${key} OR c.name = ${key} OR c.name_en = ${key})`}
      LIMIT 1`,
  );
  return result.rows[0] as { id: string; name: string; valid: boolean } | undefined;
}

export async function regionExists(db: Db, tenantId: string, code: string) {
  const result = await db.execute(
    sql`SELECT 1 FROM dictionary_items WHERE tenant_id = ${tenantId} AND type = 'region' AND code = ${code} LIMIT 1`,
  );
  return result.rows.length > 0;
}

/** An active user of the tenant inside the caller's marketing-plans scope (the executor). */
export async function executorInScope(db: Db, p: Principal, userId: string) {
  const scope = scopePredicate(p, 'marketing-plans', { owner: sql`u.id`, department: sql`u.department_id` });
  const result = await db.execute(
    sql`SELECT u.id, u.department_id FROM users u WHERE u.tenant_id = ${p.tenantId} AND u.id = ${userId}
      AND u.deleted_at IS NULL AND u.status = 'active' AND ${scope}`,
  );
  return result.rows[0] as { id: string; department_id: string } | undefined;
}

// ---- summary, digest ----

/** The plans of a summary: in scope, dates meeting [from, to], optionally a department's subtree. */
export async function summaryRows(
  db: Db,
  p: Principal,
  q: { from?: string; to?: string; departmentId?: string },
) {
  const result = await db.execute(
    sql`SELECT mp.id, mp.type, mp.owner_id, mp.department_id, mp.review_status, mp.feedback_status,
        mp.start_date, mp.end_date, mp.budget::text AS budget, mp.actual_expenses::text AS actual_expenses,
        mp.attainment::float8 AS attainment,
        (SELECT u.name FROM users u WHERE u.id = mp.owner_id) AS owner_name,
        (SELECT d.name FROM departments d WHERE d.id = mp.department_id) AS department_name
      FROM marketing_plans mp
      WHERE ${filters(p, { ...q, departmentTree: 'true', page: 1, pageSize: 1 } as MarketingPlanListQuery)}
      LIMIT 50000`,
  );
  return result.rows as {
    id: string;
    type: PlanType;
    owner_id: string;
    department_id: string;
    review_status: PlanRow['reviewStatus'];
    feedback_status: PlanRow['feedbackStatus'];
    start_date: string;
    end_date: string;
    budget: string;
    actual_expenses: string | null;
    attainment: number | null;
    owner_name: string | null;
    department_name: string | null;
  }[];
}

/** How many plans wait in the caller's 未审核 queue. */
export async function countUnreviewed(db: Db, p: Principal) {
  const result = await db.execute(
    sql`SELECT count(*)::int AS n FROM marketing_plans mp WHERE ${live(p)} AND ${unreviewedFor(p)}`,
  );
  return (result.rows[0] as { n: number }).n;
}

/** Tenants with plans waiting for a plain review (the daily digest's work). */
export async function tenantsWithUnreviewed(db: Db): Promise<string[]> {
  const result = await db.execute(
    sql`SELECT DISTINCT tenant_id FROM marketing_plans WHERE review_status = 'unreviewed' AND deleted_at IS NULL`,
  );
  return (result.rows as { tenant_id: string }[]).map((r) => r.tenant_id);
}

/** For check-ins (published.ts reads the same row): the plan's review and feedback state. */
export async function planState(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .select({ reviewStatus: marketingPlans.reviewStatus, feedbackStatus: marketingPlans.feedbackStatus })
    .from(marketingPlans)
    .where(and(eq(marketingPlans.tenantId, tenantId), eq(marketingPlans.id, id)));
  return row;
}
