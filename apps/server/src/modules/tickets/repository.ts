import type { TicketListQuery } from '@guanxi/contract';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import { type Principal, scopeOf } from '../../platform/auth/principal.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { customersNamedLike } from '../customers/tickets-service.ts';
import { ticketActivities, ticketRules, ticketSettings, tickets } from './schema.ts';

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicketRow = typeof tickets.$inferInsert;
export type TicketRuleRow = typeof ticketRules.$inferSelect;
export type ActivityRow = typeof ticketActivities.$inferInsert;

/**
 * The queue within the caller's reach (alias `t`): unassigned tickets of the departments their
 * tickets scope covers — their own department for the personal scopes, where a handler grabs work.
 */
function queueReach(p: Principal, alias = 't'): SQL {
  const a = sql.identifier(alias);
  switch (scopeOf(p, 'tickets')) {
    case 'all':
      return sql`TRUE`;
    case 'department_and_children':
      return sql`${a}.department_id = ANY(${uuidList(p.departmentSubtree)})`;
    default:
      return sql`${a}.department_id = ${p.departmentId}`;
  }
}

/**
 * The tickets data scope (alias `t`): the handler and the ticket's department by the caller's
 * scope, plus the tickets they created, plus the unassigned ones in their reach (the queue).
 */
export const ticketScope = (p: Principal, alias = 't') => {
  const a = sql.identifier(alias);
  return sql`(${scopePredicate(p, 'tickets', {
    owner: sql`${a}.handler_id`,
    department: sql`${a}.department_id`,
    alsoVisible: () => sql`${a}.created_by = ${p.userId}`,
  })} OR (${a}.handler_id IS NULL AND ${queueReach(p, alias)}))`;
};

const live = (p: Principal) =>
  sql`t.tenant_id = ${p.tenantId} AND t.deleted_at IS NULL AND ${ticketScope(p)}`;

/** Names of the handler, department and type (reference data) for a page's rows only. */
const pageColumns = sql`t.*,
  (SELECT u.name FROM users u WHERE u.id = t.handler_id) AS handler_name,
  (SELECT d.name FROM departments d WHERE d.id = t.department_id) AS department_name,
  (SELECT i.name FROM dictionary_items i WHERE i.id = t.type_id) AS type_name`;

const sortable = {
  createdAt: notNull(sql`t.created_at`),
  number: notNull(sql`t.number`),
  resolutionDueAt: notNull(sql`t.resolution_due_at`),
  responseDueAt: notNull(sql`t.response_due_at`),
};

/** A clock ran past its due instant (and is not paused), or a breach was recorded. */
const overdue = sql`(t.response_breached OR t.resolution_breached
  OR (t.paused_at IS NULL AND ((t.responded_at IS NULL AND t.response_due_at < now())
    OR (t.resolved_at IS NULL AND t.resolution_due_at < now()))))`;

function filters(p: Principal, q: Partial<TicketListQuery>): SQL {
  const parts: SQL[] = [live(p)];
  // the queue: nobody handles it (new, or released by a leaver while open)
  if (q.view === 'queue')
    parts.push(
      sql`t.handler_id IS NULL AND t.status IN ('new', 'in-progress', 'waiting') AND ${queueReach(p)}`,
    );
  if (q.view === 'mine') parts.push(sql`t.handler_id = ${p.userId}`);
  if (q.status) parts.push(sql`t.status = ${q.status}`);
  if (q.priority) parts.push(sql`t.priority = ${q.priority}`);
  if (q.typeId) parts.push(sql`t.type_id = ${q.typeId}`);
  if (q.handlerId) parts.push(sql`t.handler_id = ${q.handlerId}`);
  if (q.customerId) parts.push(sql`t.customer_id = ${q.customerId}`);
  if (q.overdue === 'true') parts.push(overdue);
  if (q.overdue === 'false') parts.push(sql`NOT ${overdue}`);
  if (q.unlinked === 'true') parts.push(sql`t.customer_id IS NULL`);
  if (q.unlinked === 'false') parts.push(sql`t.customer_id IS NOT NULL`);
  if (q.q) {
    const like = `%${likeEscape(q.q)}%`;
    parts.push(sql`(t.number ILIKE ${like} OR t.title ILIKE ${like}
      OR t.customer_id IN (${customersNamedLike(p.tenantId, q.q)}))`);
  }
  return sql.join(parts, sql` AND `);
}

/** One page of tickets in scope, newest first by default (keyset cursors). */
export function listTickets(db: Db, p: Principal, q: TicketListQuery) {
  return listPage(
    db,
    q,
    {
      columns: sql`t.*`,
      from: sql`FROM tickets t WHERE ${filters(p, q)}`,
      orderBy: orderBy(q.sort, sortable, '-createdAt', sql`t.id`),
      decorate: { alias: 't', columns: pageColumns, joins: sql`` },
      countUpTo: q.q ? 200 : undefined,
    },
    (row) => row,
  );
}

/** Tickets in scope with the list's filters, newest first, `limit` after `after` (exports). */
export async function exportBlock(
  db: Db,
  p: Principal,
  q: Partial<TicketListQuery>,
  limit: number,
  after?: string,
) {
  const result = await db.execute(
    sql`SELECT ${pageColumns} FROM tickets t WHERE ${filters(p, q)} ${after ? sql`AND t.id < ${after}` : sql``}
      ORDER BY t.id DESC LIMIT ${limit}`,
  );
  return result.rows as Record<string, unknown>[];
}

/** One ticket the caller sees, with names. */
export async function findVisible(db: Db, p: Principal, id: string) {
  const result = await db.execute(
    sql`SELECT ${pageColumns} FROM tickets t WHERE ${live(p)} AND t.id = ${id}`,
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

/** The ticket, locked, if the caller sees it. */
export async function lockVisible(tx: Db, p: Principal, id: string): Promise<TicketRow | undefined> {
  const result = await tx.execute(
    sql`SELECT t.id FROM tickets t WHERE ${live(p)} AND t.id = ${id} FOR UPDATE`,
  );
  if (!result.rows.length) return undefined;
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id));
  return row;
}

/** A live ticket by id whatever the scope (the customer's signed link), locked when asked. */
export async function findById(db: Db, tenantId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id), isNull(tickets.deletedAt)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** A live ticket by id in any tenant (the signed link names the ticket, the tenant follows). */
export async function findAnyTenant(db: Db, id: string) {
  const [row] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, id), isNull(tickets.deletedAt)));
  return row;
}

export async function insertTicket(tx: Db, row: NewTicketRow) {
  const [created] = await tx.insert(tickets).values(row).returning();
  return created;
}

/** Versioned update; bumps the version. */
export async function updateTicket(tx: Db, id: string, version: number, values: Partial<NewTicketRow>) {
  return tx
    .update(tickets)
    .set({ ...values, updatedAt: new Date(), version: sql`${tickets.version} + 1` })
    .where(and(eq(tickets.id, id), eq(tickets.version, version)))
    .returning();
}

// ---- people ----

/** An active user of the tenant, with their department and manager (the supervisor). */
export async function activeUser(db: Db, tenantId: string, userId: string) {
  const result = await db.execute(sql`SELECT u.id, u.name, u.department_id FROM users u
    WHERE u.tenant_id = ${tenantId} AND u.id = ${userId} AND u.deleted_at IS NULL AND u.status = 'active'`);
  return result.rows[0] as { id: string; name: string; department_id: string | null } | undefined;
}

/** An active user inside the caller's tickets scope (whom a supervisor may give a ticket). */
export async function assignableUser(db: Db, p: Principal, userId: string) {
  const inScope = scopePredicate(p, 'tickets', { owner: sql`u.id`, department: sql`u.department_id` });
  const result = await db.execute(sql`SELECT u.id, u.name, u.department_id FROM users u
    WHERE u.tenant_id = ${p.tenantId} AND u.id = ${userId} AND u.deleted_at IS NULL AND u.status = 'active'
      AND ${inScope}`);
  return result.rows[0] as { id: string; name: string; department_id: string | null } | undefined;
}

export async function userNames(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const result = await db.execute(sql`SELECT id, name FROM users
    WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList([...new Set(ids)])})`);
  return new Map((result.rows as { id: string; name: string }[]).map((r) => [r.id, r.name]));
}

/** Does a live dictionary item of `type` exist? (reference data) */
export async function dictionaryItemExists(db: Db, tenantId: string, type: string, id: string) {
  const result = await db.execute(sql`SELECT 1 FROM dictionary_items
    WHERE tenant_id = ${tenantId} AND type = ${type} AND id = ${id}`);
  return result.rows.length > 0;
}

export async function departmentExists(db: Db, tenantId: string, id: string) {
  const result = await db.execute(
    sql`SELECT 1 FROM departments WHERE tenant_id = ${tenantId} AND id = ${id} AND deleted_at IS NULL`,
  );
  return result.rows.length > 0;
}

// ---- activities ----

export async function insertActivities(tx: Db, rows: ActivityRow[]) {
  if (rows.length) await tx.insert(ticketActivities).values(rows);
}

export async function activitiesOf(db: Db, tenantId: string, ticketId: string, customerVisibleOnly = false) {
  const result =
    await db.execute(sql`SELECT a.*, (SELECT u.name FROM users u WHERE u.id = a.user_id) AS user_name
    FROM ticket_activities a WHERE a.tenant_id = ${tenantId} AND a.ticket_id = ${ticketId}
      ${customerVisibleOnly ? sql`AND a.kind = 'note' AND NOT a.internal` : sql``}
    ORDER BY a.created_at DESC, a.id DESC LIMIT 500`);
  return result.rows as Record<string, unknown>[];
}

/** A merge: the duplicate's notes go to the kept ticket (their history stays with the duplicate). */
export async function moveNotes(tx: Db, tenantId: string, fromId: string, toId: string) {
  await tx.execute(sql`UPDATE ticket_activities SET ticket_id = ${toId}
    WHERE tenant_id = ${tenantId} AND ticket_id = ${fromId} AND kind = 'note'`);
}

// ---- rules ----

export async function listRules(db: Db, tenantId: string) {
  const result = await db.execute(sql`SELECT r.*,
      (SELECT d.name FROM departments d WHERE d.id = r.department_id) AS department_name,
      (SELECT i.name FROM dictionary_items i WHERE i.id = r.type_id) AS type_name,
      (SELECT i.name FROM dictionary_items i WHERE i.id = r.region_id) AS region_name
    FROM ticket_rules r WHERE r.tenant_id = ${tenantId} AND r.deleted_at IS NULL
    ORDER BY r.priority, r.created_at`);
  return result.rows as Record<string, unknown>[];
}

/**
 * The first active rule (priority, then age) whose type is the ticket's (or any) and whose
 * region is the customer's region or one above it in the region tree (or any).
 */
export async function matchingRule(db: Db, tenantId: string, typeId: string, regionId: string | null) {
  const result = await db.execute(sql`WITH RECURSIVE up(id, depth) AS (
      SELECT i.id, 0 FROM dictionary_items i WHERE i.tenant_id = ${tenantId} AND i.id = ${regionId}
      UNION ALL
      SELECT i.parent_id, up.depth + 1 FROM dictionary_items i JOIN up ON i.id = up.id
      WHERE i.parent_id IS NOT NULL AND up.depth < 10)
    SELECT r.id FROM ticket_rules r
    WHERE r.tenant_id = ${tenantId} AND r.active AND r.deleted_at IS NULL
      AND (r.type_id IS NULL OR r.type_id = ${typeId})
      AND (r.region_id IS NULL OR r.region_id IN (SELECT id FROM up))
    ORDER BY r.priority, r.created_at LIMIT 1`);
  return (result.rows[0] as { id: string } | undefined)?.id;
}

/**
 * Round-robin in one statement: moves the rule's pointer to the next active user of its department
 * after the last one (by id, wrapping round) and answers that user.
 */
export async function advanceRoundRobin(db: Db, tenantId: string, ruleId: string) {
  const result = await db.execute(sql`UPDATE ticket_rules r SET last_user_id = (
      SELECT u.id FROM users u
      WHERE u.tenant_id = r.tenant_id AND u.department_id = r.department_id AND u.deleted_at IS NULL
        AND u.status = 'active'
      ORDER BY (u.id <= coalesce(r.last_user_id, '00000000-0000-0000-0000-000000000000'::uuid)), u.id
      LIMIT 1)
    WHERE r.tenant_id = ${tenantId} AND r.id = ${ruleId}
    RETURNING r.last_user_id AS id, r.department_id`);
  const row = result.rows[0] as { id: string | null; department_id: string } | undefined;
  return row?.id ? { id: row.id, departmentId: row.department_id } : undefined;
}

export async function findRule(db: Db, tenantId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(ticketRules)
    .where(and(eq(ticketRules.tenantId, tenantId), eq(ticketRules.id, id), isNull(ticketRules.deletedAt)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertRule(tx: Db, row: typeof ticketRules.$inferInsert) {
  const [created] = await tx.insert(ticketRules).values(row).returning();
  return created;
}

export async function updateRule(
  tx: Db,
  id: string,
  version: number,
  values: Partial<typeof ticketRules.$inferInsert>,
) {
  return tx
    .update(ticketRules)
    .set({ ...values, updatedAt: new Date(), version: sql`${ticketRules.version} + 1` })
    .where(and(eq(ticketRules.id, id), eq(ticketRules.version, version)))
    .returning();
}

// ---- settings ----

/** The tenant's settings row, created with a fresh sealed link secret the first time. */
export async function settingsOf(db: Db, tenantId: string, newSealedSecret: () => string) {
  await db.insert(ticketSettings).values({ tenantId, linkSecret: newSealedSecret() }).onConflictDoNothing();
  const [row] = await db.select().from(ticketSettings).where(eq(ticketSettings.tenantId, tenantId));
  return row;
}

export async function updateSettings(tx: Db, tenantId: string, version: number, reopenDays: number) {
  return tx
    .update(ticketSettings)
    .set({ reopenDays, updatedAt: new Date(), version: sql`${ticketSettings.version} + 1` })
    .where(and(eq(ticketSettings.tenantId, tenantId), eq(ticketSettings.version, version)))
    .returning();
}

// ---- demo ----

export async function countTickets(db: Db, tenantId: string) {
  const result = await db.execute(sql`SELECT count(*)::int AS n FROM tickets WHERE tenant_id = ${tenantId}`);
  return Number((result.rows[0] as { n: number }).n);
}

// ---- people leaving or moving ----

const openStatuses = sql`('new', 'assigned', 'in-progress', 'waiting', 'resolved', 'feedback')`;

/** The handler's open tickets follow them to a new department (its scope and supervisor follow the work). */
export async function followDepartment(tx: Db, tenantId: string, userId: string, departmentId: string) {
  await tx.execute(sql`UPDATE tickets SET department_id = ${departmentId}
    WHERE tenant_id = ${tenantId} AND handler_id = ${userId} AND deleted_at IS NULL AND status IN ${openStatuses}`);
}

/**
 * Hands a leaving handler's open tickets (of only `customerIds` when given) to another user with
 * that user's department, or back to the queue (null: no handler, an assigned one is new again).
 */
export async function handOverOpen(
  tx: Db,
  tenantId: string,
  fromUserId: string,
  to: { id: string; departmentId: string | null } | null,
  customerIds?: string[],
) {
  const result = await tx.execute(sql`UPDATE tickets SET handler_id = ${to?.id ?? null},
      department_id = coalesce(${to?.departmentId ?? null}::uuid, department_id),
      assigned_at = ${to ? new Date() : null},
      status = CASE WHEN ${to === null} AND status = 'assigned' THEN 'new' ELSE status END,
      version = version + 1, updated_at = now()
    WHERE tenant_id = ${tenantId} AND handler_id = ${fromUserId} AND deleted_at IS NULL
      AND status IN ${openStatuses}
      ${customerIds ? sql`AND customer_id = ANY(${uuidList(customerIds)})` : sql``}
    RETURNING id, number, title`);
  return result.rows as { id: string; number: string; title: string }[];
}

// ---- the public form (在线报修表单) ----

export type FormSettingsValues = Pick<
  typeof ticketSettings.$inferInsert,
  | 'formEnabled'
  | 'formToken'
  | 'formTitle'
  | 'formIntro'
  | 'formPerMinute'
  | 'formPriority'
  | 'formTypeIds'
  | 'formDepartmentId'
>;

/** Versioned (form_version) update of the form's columns. */
export async function updateFormSettings(
  tx: Db,
  tenantId: string,
  version: number,
  values: Partial<FormSettingsValues>,
) {
  return tx
    .update(ticketSettings)
    .set({ ...values, updatedAt: new Date(), formVersion: sql`${ticketSettings.formVersion} + 1` })
    .where(and(eq(ticketSettings.tenantId, tenantId), eq(ticketSettings.formVersion, version)))
    .returning();
}

/** The settings row holding the form's token, in any tenant (the token names the tenant). */
export async function settingsByFormToken(db: Db, token: string) {
  const [row] = await db.select().from(ticketSettings).where(eq(ticketSettings.formToken, token));
  return row;
}

/** Valid `service-type` items, in their order; only `ids` when given (reference data). */
export async function serviceTypes(db: Db, tenantId: string, ids?: string[]) {
  const result = await db.execute(sql`SELECT i.id, i.name, i.name_en FROM dictionary_items i
    WHERE i.tenant_id = ${tenantId} AND i.type = 'service-type' AND i.valid
      ${ids ? sql`AND i.id = ANY(${uuidList(ids)})` : sql``}
    ORDER BY i.sort_order, i.name`);
  return result.rows as { id: string; name: string; name_en: string | null }[];
}

/** The department a form ticket lands in: the chosen one while it lives, else the top one. */
export async function formDepartment(db: Db, tenantId: string, chosen: string | null) {
  const result = await db.execute(sql`SELECT d.id FROM departments d
    WHERE d.tenant_id = ${tenantId} AND d.deleted_at IS NULL
      AND (d.id = ${chosen} OR d.parent_id IS NULL)
    ORDER BY (d.id = ${chosen}) DESC NULLS LAST, d.created_at LIMIT 1`);
  return (result.rows[0] as { id: string } | undefined)?.id ?? null;
}
