import type { LeadListQuery } from '@guanxi/contract';
import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { leadActivities, leadForms, leadRules, leadSettings, leads } from './schema.ts';

export type LeadRow = typeof leads.$inferSelect;
export type NewLeadRow = typeof leads.$inferInsert;
export type LeadFormRow = typeof leadForms.$inferSelect;
export type LeadRuleRow = typeof leadRules.$inferSelect;

/**
 * The leads data scope (alias `l`): the owner (assignee) and department by the caller's scope;
 * a lead in the pool (no owner) is seen by every holder of leads:view, who may grab it.
 */
export const leadScope = (p: Principal, alias = 'l') => {
  const a = sql.identifier(alias);
  return sql`(${a}.owner_id IS NULL OR ${scopePredicate(p, 'leads', { owner: sql`${a}.owner_id`, department: sql`${a}.department_id` })})`;
};

const live = (p: Principal) => sql`l.tenant_id = ${p.tenantId} AND l.deleted_at IS NULL AND ${leadScope(p)}`;

/** Names of the owner, department, dictionary items and form, for a page's rows only. */
const pageColumns = sql`l.*,
  (SELECT u.name FROM users u WHERE u.id = l.owner_id) AS owner_name,
  (SELECT d.name FROM departments d WHERE d.id = l.department_id) AS department_name,
  (SELECT i.name FROM dictionary_items i WHERE i.id = l.source_id) AS source_name,
  (SELECT i.name FROM dictionary_items i WHERE i.id = l.disqualify_reason_id) AS disqualify_reason_name,
  (SELECT i.name FROM dictionary_items i WHERE i.tenant_id = l.tenant_id AND i.type = 'region'
     AND i.code = l.region_code LIMIT 1) AS region_name,
  (SELECT f.name FROM lead_forms f WHERE f.id = l.form_id) AS form_name`;

const sortable = {
  createdAt: notNull(sql`l.created_at`),
  name: notNull(sql`l.name`),
  assignedAt: sql`l.assigned_at`,
};

function filters(p: Principal, q: LeadListQuery): SQL {
  const parts: SQL[] = [live(p)];
  if (q.view === 'mine') parts.push(sql`l.owner_id = ${p.userId}`);
  if (q.view === 'pool') parts.push(sql`l.owner_id IS NULL`);
  if (q.status) parts.push(sql`l.status = ${q.status}`);
  if (q.campaignId) parts.push(sql`l.campaign_id = ${q.campaignId}`);
  if (q.ownerId) parts.push(sql`l.owner_id = ${q.ownerId}`);
  if (q.q) {
    const like = `%${likeEscape(q.q)}%`;
    parts.push(sql`(l.name ILIKE ${like} OR l.contact_name ILIKE ${like} OR l.mobile ILIKE ${like}
      OR l.email ILIKE ${like})`);
  }
  return sql.join(parts, sql` AND `);
}

/** One page of leads in scope, newest first by default (keyset cursors). */
export function listLeads(db: Db, p: Principal, q: LeadListQuery) {
  return listPage(
    db,
    q,
    {
      columns: sql`l.*`,
      from: sql`FROM leads l WHERE ${filters(p, q)}`,
      orderBy: orderBy(q.sort, sortable, '-createdAt', sql`l.id`),
      decorate: { alias: 'l', columns: pageColumns, joins: sql`` },
      countUpTo: q.q ? 200 : undefined,
    },
    (row) => row,
  );
}

/** One lead the caller sees, with names. */
export async function findVisible(db: Db, p: Principal, id: string) {
  const result = await db.execute(sql`SELECT ${pageColumns} FROM leads l WHERE ${live(p)} AND l.id = ${id}`);
  return result.rows[0] as Record<string, unknown> | undefined;
}

/** The lead, locked, if the caller sees it. */
export async function lockVisible(tx: Db, p: Principal, id: string): Promise<LeadRow | undefined> {
  const result = await tx.execute(sql`SELECT l.id FROM leads l WHERE ${live(p)} AND l.id = ${id} FOR UPDATE`);
  if (!result.rows.length) return undefined;
  const [row] = await tx.select().from(leads).where(eq(leads.id, id));
  return row;
}

export async function insertLead(tx: Db, row: NewLeadRow) {
  const [created] = await tx.insert(leads).values(row).returning();
  return created;
}

export async function updateLead(tx: Db, id: string, version: number, values: Partial<NewLeadRow>) {
  return tx
    .update(leads)
    .set({ ...values, updatedAt: new Date(), version: sql`${leads.version} + 1` })
    .where(and(eq(leads.id, id), eq(leads.version, version)))
    .returning();
}

/** An active user of the tenant inside the caller's leads scope (whom a lead may be given). */
export async function assignableUser(db: Db, p: Principal, userId: string) {
  const inScope = scopePredicate(p, 'leads', { owner: sql`u.id`, department: sql`u.department_id` });
  const result = await db.execute(sql`SELECT u.id, u.name, u.department_id FROM users u
    WHERE u.tenant_id = ${p.tenantId} AND u.id = ${userId} AND u.deleted_at IS NULL AND u.status = 'active'
      AND ${inScope}`);
  return result.rows[0] as { id: string; name: string; department_id: string } | undefined;
}

/** Active users in the caller's leads scope, by name (the assignee picker; at most 20). */
export async function assignableUsers(db: Db, p: Principal, q?: string) {
  const inScope = scopePredicate(p, 'leads', { owner: sql`u.id`, department: sql`u.department_id` });
  const like = q ? `%${likeEscape(q)}%` : null;
  const result = await db.execute(sql`SELECT u.id, u.name,
      (SELECT d.name FROM departments d WHERE d.id = u.department_id) AS department_name
    FROM users u WHERE u.tenant_id = ${p.tenantId} AND u.deleted_at IS NULL AND u.status = 'active' AND ${inScope}
      ${like ? sql`AND u.name ILIKE ${like}` : sql``}
    ORDER BY u.name LIMIT 20`);
  return result.rows as { id: string; name: string; department_name: string | null }[];
}

/**
 * Round-robin in one statement: moves the rule's pointer to the next active user of its department
 * after the last one (by id, wrapping round) and answers that user. The row is locked only for
 * this statement — concurrent leads each get the next person, without waiting for each other's
 * transactions. Undefined when the rule is gone or nobody works in the department.
 */
export async function advanceRoundRobin(db: Db, tenantId: string, ruleId: string) {
  const result = await db.execute(sql`UPDATE lead_rules r SET last_user_id = (
      SELECT u.id FROM users u
      WHERE u.tenant_id = r.tenant_id AND u.department_id = r.department_id AND u.deleted_at IS NULL
        AND u.status = 'active'
      ORDER BY (u.id <= coalesce(r.last_user_id, '00000000-0000-0000-0000-000000000000'::uuid)), u.id
      LIMIT 1)
    WHERE r.tenant_id = ${tenantId} AND r.id = ${ruleId} AND r.active AND r.deleted_at IS NULL
    RETURNING r.last_user_id AS id, r.department_id`);
  const row = result.rows[0] as { id: string | null; department_id: string } | undefined;
  return row?.id ? { id: row.id, departmentId: row.department_id } : undefined;
}

/** The user's name (audit summaries and notifications). */
export async function userName(db: Db, tenantId: string, userId: string) {
  const result = await db.execute(
    sql`SELECT name FROM users WHERE tenant_id = ${tenantId} AND id = ${userId}`,
  );
  return (result.rows[0] as { name: string } | undefined)?.name ?? null;
}

/** Leads the user took from the pool today (in the tenant's time zone) and still owns: the daily grab limit. */
export async function grabbedToday(db: Db, tenantId: string, userId: string, timeZone: string) {
  const result = await db.execute(sql`SELECT count(*)::int AS n FROM leads
    WHERE tenant_id = ${tenantId} AND owner_id = ${userId}
      AND grabbed_at >= (date_trunc('day', now() AT TIME ZONE ${timeZone}) AT TIME ZONE ${timeZone})`);
  return Number((result.rows[0] as { n: number }).n);
}

/** Serialises one user's grabs (the limit is counted, then a lead taken) until the transaction ends. */
export async function lockGrabber(tx: Db, tenantId: string, userId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`lead-grab:${tenantId}:${userId}`}))`);
}

/** The region dictionary item of a GB/T 2260 code (reference data). */
export async function regionIdOf(db: Db, tenantId: string, code: string) {
  const result = await db.execute(sql`SELECT id FROM dictionary_items
    WHERE tenant_id = ${tenantId} AND type = 'region' AND code = ${code} LIMIT 1`);
  return (result.rows[0] as { id: string } | undefined)?.id ?? null;
}

// ---- activities ----

export async function insertActivities(tx: Db, rows: (typeof leadActivities.$inferInsert)[]) {
  await tx.insert(leadActivities).values(rows);
}

export async function activitiesOf(db: Db, tenantId: string, leadId: string) {
  const result =
    await db.execute(sql`SELECT a.*, (SELECT u.name FROM users u WHERE u.id = a.user_id) AS user_name
    FROM lead_activities a WHERE a.tenant_id = ${tenantId} AND a.lead_id = ${leadId}
    ORDER BY a.created_at DESC, a.id DESC LIMIT 500`);
  return result.rows as Record<string, unknown>[];
}

// ---- forms ----

export async function listForms(db: Db, tenantId: string) {
  const result = await db.execute(sql`SELECT f.*,
      (SELECT count(*)::int FROM leads l WHERE l.tenant_id = f.tenant_id AND l.form_id = f.id
        AND l.deleted_at IS NULL) AS leads
    FROM lead_forms f WHERE f.tenant_id = ${tenantId} AND f.deleted_at IS NULL ORDER BY f.created_at DESC`);
  return result.rows as Record<string, unknown>[];
}

export async function findForm(db: Db, tenantId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(leadForms)
    .where(and(eq(leadForms.tenantId, tenantId), eq(leadForms.id, id), isNull(leadForms.deletedAt)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** A live form by its token, whatever the tenant (the token is what the public page has). */
export async function formByToken(db: Db, token: string) {
  const [row] = await db
    .select()
    .from(leadForms)
    .where(and(eq(leadForms.token, token), isNull(leadForms.deletedAt)));
  return row;
}

export async function insertForm(tx: Db, row: typeof leadForms.$inferInsert) {
  const [created] = await tx.insert(leadForms).values(row).returning();
  return created;
}

export async function updateForm(
  tx: Db,
  id: string,
  version: number,
  values: Partial<typeof leadForms.$inferInsert>,
) {
  return tx
    .update(leadForms)
    .set({ ...values, updatedAt: new Date(), version: sql`${leadForms.version} + 1` })
    .where(and(eq(leadForms.id, id), eq(leadForms.version, version)))
    .returning();
}

// ---- rules ----

export async function listRules(db: Db, tenantId: string) {
  const result =
    await db.execute(sql`SELECT r.*, (SELECT d.name FROM departments d WHERE d.id = r.department_id)
      AS department_name
    FROM lead_rules r WHERE r.tenant_id = ${tenantId} AND r.deleted_at IS NULL
    ORDER BY r.priority, r.created_at`);
  return result.rows as Record<string, unknown>[];
}

/** Active rules in the order they are tried (priority, then age). */
export async function activeRules(db: Db, tenantId: string) {
  return db
    .select()
    .from(leadRules)
    .where(and(eq(leadRules.tenantId, tenantId), eq(leadRules.active, true), isNull(leadRules.deletedAt)))
    .orderBy(asc(leadRules.priority), asc(leadRules.createdAt));
}

export async function findRule(db: Db, tenantId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(leadRules)
    .where(and(eq(leadRules.tenantId, tenantId), eq(leadRules.id, id), isNull(leadRules.deletedAt)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertRule(tx: Db, row: typeof leadRules.$inferInsert) {
  const [created] = await tx.insert(leadRules).values(row).returning();
  return created;
}

export async function updateRule(
  tx: Db,
  id: string,
  version: number,
  values: Partial<typeof leadRules.$inferInsert>,
) {
  return tx
    .update(leadRules)
    .set({ ...values, updatedAt: new Date(), version: sql`${leadRules.version} + 1` })
    .where(and(eq(leadRules.id, id), eq(leadRules.version, version)))
    .returning();
}

// ---- settings ----

export async function settingsOf(db: Db, tenantId: string) {
  const [row] = await db.select().from(leadSettings).where(eq(leadSettings.tenantId, tenantId));
  return row ?? { tenantId, grabDailyLimit: 20, version: 0, updatedAt: new Date(0) };
}

/** Saves the settings if `version` is the stored one (0: none stored yet); the new row or nothing. */
export async function saveSettings(tx: Db, tenantId: string, version: number, grabDailyLimit: number) {
  if (version === 0) {
    return tx
      .insert(leadSettings)
      .values({ tenantId, grabDailyLimit, version: 1 })
      .onConflictDoNothing()
      .returning();
  }
  return tx
    .update(leadSettings)
    .set({ grabDailyLimit, version: sql`${leadSettings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(leadSettings.tenantId, tenantId), eq(leadSettings.version, version)))
    .returning();
}

/** Leads, converted leads and distinct customers they became, per campaign (not deleted). */
export async function countsByCampaign(db: Db, tenantId: string, campaignIds: string[]) {
  if (!campaignIds.length) return [];
  const result = await db.execute(sql`
    SELECT campaign_id, count(*)::int AS leads,
      count(*) FILTER (WHERE status = 'converted')::int AS converted,
      count(DISTINCT customer_id)::int AS customers
    FROM leads
    WHERE tenant_id = ${tenantId} AND deleted_at IS NULL AND campaign_id = ANY(${uuidList(campaignIds)})
    GROUP BY campaign_id`);
  return result.rows as { campaign_id: string; leads: number; converted: number; customers: number }[];
}

export async function departmentExists(db: Db, tenantId: string, id: string) {
  const result = await db.execute(sql`SELECT 1 FROM departments WHERE tenant_id = ${tenantId} AND id = ${id}
    AND deleted_at IS NULL`);
  return result.rows.length > 0;
}

// ---- people moving and leaving ----

/** The user's leads follow them into their new department (department scopes filter on it). */
export async function followDepartment(tx: Db, tenantId: string, userId: string, departmentId: string) {
  await tx.execute(sql`UPDATE leads SET department_id = ${departmentId}
    WHERE tenant_id = ${tenantId} AND owner_id = ${userId} AND deleted_at IS NULL`);
}

/** Hands the user's open leads to another user (with that user's department) or to the pool (null). */
export async function handOverOpen(
  tx: Db,
  tenantId: string,
  fromUserId: string,
  to: { id: string; departmentId: string } | null,
) {
  const result = await tx.execute(sql`UPDATE leads SET owner_id = ${to?.id ?? null},
      department_id = ${to?.departmentId ?? null}, assigned_at = ${to ? new Date() : null}, grabbed_at = NULL,
      status = CASE WHEN ${to === null} THEN 'new' ELSE status END,
      version = version + 1, updated_at = now()
    WHERE tenant_id = ${tenantId} AND owner_id = ${fromUserId} AND deleted_at IS NULL
      AND status NOT IN ('converted', 'disqualified')
    RETURNING id, name`);
  return result.rows as { id: string; name: string }[];
}

export async function departmentOf(db: Db, tenantId: string, userId: string) {
  const result = await db.execute(
    sql`SELECT department_id FROM users WHERE tenant_id = ${tenantId} AND id = ${userId}`,
  );
  return (result.rows[0] as { department_id: string } | undefined)?.department_id;
}
