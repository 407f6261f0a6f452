import type { CampaignListQuery, CampaignRoiQuery } from '@guanxi/contract';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { EXPENSIVE_READ_TIMEOUT_MS, withStatementTimeout } from '../../db/statement-timeout.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { campaignActions, campaignExpenses, campaignParticipants, campaigns } from './schema.ts';

export type CampaignRow = typeof campaigns.$inferSelect;

/** The campaigns data scope (alias `m`): by owner and the department it was saved in. */
export const campaignScope = (p: Principal) =>
  scopePredicate(p, 'campaigns', { owner: sql`m.owner_id`, department: sql`m.department_id` });

const live = (p: Principal) =>
  sql`m.tenant_id = ${p.tenantId} AND m.deleted_at IS NULL AND ${campaignScope(p)}`;

/** The sum of a campaign's expense lines, exact (numeric), as text with 2 decimals. */
const totalExpense = sql`(SELECT coalesce(sum(x.amount), 0)::numeric(18,2)::text FROM campaign_expenses x
  WHERE x.tenant_id = m.tenant_id AND x.campaign_id = m.id)`;

/** Names and the expense total, for a page's rows only. */
const pageColumns = sql`m.*, m.budget::text AS budget_text, m.start_date::text AS start_text, m.end_date::text AS end_text,
  (SELECT i.name FROM dictionary_items i WHERE i.id = m.channel_id) AS channel_name,
  (SELECT u.name FROM users u WHERE u.id = m.owner_id) AS owner_name,
  (SELECT d.name FROM departments d WHERE d.id = m.department_id) AS department_name,
  ${totalExpense} AS total_expense`;

const sortable = {
  startDate: notNull(sql`m.start_date`),
  createdAt: notNull(sql`m.created_at`),
  number: notNull(sql`m.number`),
};

/** Campaigns whose dates overlap `[from, to]` (either end open). */
function overlapping(from: string | undefined, to: string | undefined): SQL[] {
  const parts: SQL[] = [];
  if (from) parts.push(sql`m.end_date >= ${from}::date`);
  if (to) parts.push(sql`m.start_date <= ${to}::date`);
  return parts;
}

function filters(p: Principal, q: CampaignListQuery): SQL {
  const parts: SQL[] = [live(p), ...overlapping(q.from, q.to)];
  if (q.channel?.length) parts.push(sql`m.channel_id = ANY(${uuidList(q.channel)})`);
  if (q.status?.length)
    parts.push(
      sql`m.status IN (${sql.join(
        q.status.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (q.ownerId) parts.push(sql`m.owner_id = ${q.ownerId}`);
  if (q.q) {
    const like = `%${likeEscape(q.q)}%`;
    parts.push(sql`(m.name ILIKE ${like} OR m.number ILIKE ${like})`);
  }
  return sql.join(parts, sql` AND `);
}

/** One page of campaigns in scope, latest start first by default (keyset cursors). */
export function listCampaigns(db: Db, p: Principal, q: CampaignListQuery) {
  const page = (on: Db) =>
    listPage(
      on,
      q,
      {
        columns: sql`m.*`,
        from: sql`FROM campaigns m WHERE ${filters(p, q)}`,
        orderBy: orderBy(q.sort, sortable, '-startDate', sql`m.id`),
        decorate: { alias: 'm', columns: pageColumns, joins: sql`` },
      },
      (row) => row,
    );
  // a search has a statement timeout (503 QUERY_TIMEOUT past it), like every list's
  return q.q ? withStatementTimeout(db, EXPENSIVE_READ_TIMEOUT_MS, page) : page(db);
}

/** One campaign in the caller's scope, with names and its expense total. */
export async function findVisible(db: Db, p: Principal, id: string) {
  const result = await db.execute(
    sql`SELECT ${pageColumns} FROM campaigns m WHERE ${live(p)} AND m.id = ${id}`,
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

/** The row, locked, if it is in the caller's scope. */
export async function lockVisible(tx: Db, p: Principal, id: string): Promise<CampaignRow | undefined> {
  const result = await tx.execute(
    sql`SELECT m.id FROM campaigns m WHERE ${live(p)} AND m.id = ${id} FOR UPDATE`,
  );
  if (!result.rows.length) return undefined;
  const [row] = await tx.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

export async function insertCampaign(tx: Db, values: typeof campaigns.$inferInsert) {
  const [row] = await tx.insert(campaigns).values(values).returning();
  return row;
}

export function updateCampaign(
  tx: Db,
  tenantId: string,
  id: string,
  version: number,
  values: Partial<typeof campaigns.$inferInsert>,
) {
  return tx
    .update(campaigns)
    .set({ ...values, updatedAt: new Date(), version: sql`${campaigns.version} + 1` })
    .where(
      and(
        eq(campaigns.tenantId, tenantId),
        eq(campaigns.id, id),
        eq(campaigns.version, version),
        isNull(campaigns.deletedAt),
      ),
    )
    .returning();
}

// ---- participants ----

export async function participantsOf(db: Db, tenantId: string, campaignId: string) {
  const result = await db.execute(
    sql`SELECT u.id, u.name FROM campaign_participants cp JOIN users u ON u.id = cp.user_id
      WHERE cp.tenant_id = ${tenantId} AND cp.campaign_id = ${campaignId} ORDER BY u.name, u.id`,
  );
  return result.rows as { id: string; name: string }[];
}

export async function setParticipants(tx: Db, tenantId: string, campaignId: string, userIds: string[]) {
  await tx.delete(campaignParticipants).where(eq(campaignParticipants.campaignId, campaignId));
  if (userIds.length)
    await tx.insert(campaignParticipants).values(userIds.map((userId) => ({ tenantId, campaignId, userId })));
}

/** Which of the ids are active users of the tenant. */
export async function activeUserIds(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return new Set<string>();
  const result = await db.execute(
    sql`SELECT id FROM users WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)}) AND status = 'active' AND deleted_at IS NULL`,
  );
  return new Set((result.rows as { id: string }[]).map((r) => r.id));
}

/** The user's department now (a campaign is kept in its owner's department). */
export async function departmentOf(db: Db, tenantId: string, userId: string) {
  const result = await db.execute(
    sql`SELECT department_id FROM users WHERE tenant_id = ${tenantId} AND id = ${userId} AND status = 'active' AND deleted_at IS NULL`,
  );
  return (result.rows[0] as { department_id: string } | undefined)?.department_id;
}

// ---- expense lines ----

export async function expensesOf(db: Db, tenantId: string, campaignId: string) {
  const result = await db.execute(
    sql`SELECT id, item, amount::text AS amount, spent_on::text AS spent_on, note FROM campaign_expenses
      WHERE tenant_id = ${tenantId} AND campaign_id = ${campaignId} ORDER BY position`,
  );
  return result.rows as {
    id: string;
    item: string;
    amount: string;
    spent_on: string | null;
    note: string | null;
  }[];
}

export async function setExpenses(
  tx: Db,
  tenantId: string,
  campaignId: string,
  lines: Omit<typeof campaignExpenses.$inferInsert, 'tenantId' | 'campaignId' | 'position'>[],
) {
  await tx
    .delete(campaignExpenses)
    .where(and(eq(campaignExpenses.tenantId, tenantId), eq(campaignExpenses.campaignId, campaignId)));
  if (lines.length)
    await tx
      .insert(campaignExpenses)
      .values(lines.map((l, position) => ({ ...l, tenantId, campaignId, position })));
}

// ---- action log ----

export async function actionsOf(db: Db, tenantId: string, campaignId: string) {
  const result = await db.execute(
    sql`SELECT a.*, a.occurred_on::text AS occurred_on_text, (SELECT u.name FROM users u WHERE u.id = a.user_id) AS user_name
      FROM campaign_actions a WHERE a.tenant_id = ${tenantId} AND a.campaign_id = ${campaignId}
      ORDER BY a.occurred_on DESC, a.created_at DESC, a.id DESC`,
  );
  return result.rows as Record<string, unknown>[];
}

export async function insertAction(tx: Db, values: typeof campaignActions.$inferInsert) {
  await tx.insert(campaignActions).values(values);
}

export async function findAction(tx: Db, tenantId: string, campaignId: string, id: string) {
  const [row] = await tx
    .select()
    .from(campaignActions)
    .where(
      and(
        eq(campaignActions.tenantId, tenantId),
        eq(campaignActions.campaignId, campaignId),
        eq(campaignActions.id, id),
      ),
    );
  return row;
}

export async function deleteAction(tx: Db, id: string) {
  await tx.delete(campaignActions).where(eq(campaignActions.id, id));
}

// ---- ROI ----

/**
 * The campaigns in scope whose dates overlap the period, with their cost (exact sum, as text). Not
 * paged: a tenant runs campaigns by the dozen a year, and the channel sums need them all.
 */
export async function roiCampaigns(db: Db, p: Principal, q: CampaignRoiQuery) {
  const parts: SQL[] = [live(p), ...overlapping(q.from, q.to)];
  if (q.channel) parts.push(sql`m.channel_id = ${q.channel}`);
  const result = await db.execute(
    sql`SELECT m.id, m.number, m.name, m.channel_id, m.status, m.start_date::text AS start_date, m.end_date::text AS end_date,
      (SELECT i.name FROM dictionary_items i WHERE i.id = m.channel_id) AS channel_name,
      ${totalExpense} AS cost
      FROM campaigns m WHERE ${sql.join(parts, sql` AND `)}
      ORDER BY m.start_date DESC, m.id DESC`,
  );
  return result.rows as {
    id: string;
    number: string;
    name: string;
    channel_id: string;
    channel_name: string | null;
    status: CampaignRow['status'];
    start_date: string;
    end_date: string;
    cost: string;
  }[];
}
