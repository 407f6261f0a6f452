import type { FollowUpListQuery } from '@guanxi/contract';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { EXPENSIVE_READ_TIMEOUT_MS, withStatementTimeout } from '../../db/statement-timeout.ts';
import { personScopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { onOrAfterDate, onOrBeforeDate } from '../../platform/relative-dates.ts';
import { customersOwnedBy } from '../customers/published.ts';
import { followUpComments, followUps } from './schema.ts';

export type FollowUpRow = typeof followUps.$inferSelect;

/**
 * The follow-ups data scope (alias `f`): by author, whose department is the one they are in now
 * (a person who moves takes their follow-ups along, as their supervisor chain does).
 */
export const followUpScope = (p: Principal, alias = 'f') =>
  personScopePredicate(p, 'follow-ups', sql`${sql.identifier(alias)}.user_id`);

const live = (p: Principal) =>
  sql`f.tenant_id = ${p.tenantId} AND f.deleted_at IS NULL AND ${followUpScope(p)}`;

/**
 * Who reads a follow-up: whoever has its author in scope, and the customer's owner now — who takes
 * a customer over reads its history (on the customer's page and by id; lists of people stay by
 * scope, and only the scope may change one).
 */
export const followUpReadable = (p: Principal, alias = 'f') =>
  sql`(${followUpScope(p, alias)} OR ${sql.identifier(alias)}.customer_id IN (${customersOwnedBy(p)}))`;

/** Names of author and dictionary items, and the comment count, for a page's rows only. */
const pageColumns = sql`f.*,
  (SELECT u.name FROM users u WHERE u.id = f.user_id) AS user_name,
  (SELECT i.name FROM dictionary_items i WHERE i.id = f.type_id) AS type_name,
  (SELECT i.name FROM dictionary_items i WHERE i.id = f.topic_id) AS topic_name,
  (SELECT i.name FROM dictionary_items i WHERE i.id = f.stage_id) AS stage_name,
  (SELECT count(*)::int FROM follow_up_comments k WHERE k.tenant_id = f.tenant_id AND k.follow_up_id = f.id) AS comment_count`;

const sortable = {
  occurredAt: notNull(sql`f.occurred_at`),
  createdAt: notNull(sql`f.created_at`),
};

const isDate = (s: string) => s.length === 10;

function filters(p: Principal, q: FollowUpListQuery, timeZone: string): SQL {
  const parts: SQL[] = [
    sql`f.tenant_id = ${p.tenantId} AND f.deleted_at IS NULL`,
    q.customerId ? followUpReadable(p) : followUpScope(p),
  ];
  if (q.customerId) parts.push(sql`f.customer_id = ${q.customerId}`);
  if (q.contactId) parts.push(sql`f.contact_id = ${q.contactId}`);
  if (q.mine === 'true') parts.push(sql`f.user_id = ${p.userId}`);
  else if (q.userId) parts.push(sql`f.user_id = ${q.userId}`);
  if (q.type) parts.push(sql`f.type_id = ${q.type}`);
  // a date is the tenant's day (`to` inclusive), an instant is exact (`to` exclusive)
  if (q.from)
    parts.push(
      isDate(q.from)
        ? onOrAfterDate(sql`f.occurred_at`, q.from, timeZone)
        : sql`f.occurred_at >= ${q.from}::timestamptz`,
    );
  if (q.to)
    parts.push(
      isDate(q.to)
        ? onOrBeforeDate(sql`f.occurred_at`, q.to, timeZone)
        : sql`f.occurred_at < ${q.to}::timestamptz`,
    );
  if (q.q) parts.push(sql`f.content ILIKE ${`%${likeEscape(q.q)}%`}`);
  return sql.join(parts, sql` AND `);
}

/** One page of follow-ups in scope, newest first by default (keyset cursors). */
export function listFollowUps(db: Db, p: Principal, q: FollowUpListQuery, timeZone: string) {
  const page = (on: Db) =>
    listPage(
      on,
      q,
      {
        columns: sql`f.*`,
        from: sql`FROM follow_ups f WHERE ${filters(p, q, timeZone)}`,
        orderBy: orderBy(q.sort, sortable, '-occurredAt', sql`f.id`),
        decorate: { alias: 'f', columns: pageColumns, joins: sql`` },
      },
      (row) => row,
    );
  // a search in the notes has a statement timeout (503 QUERY_TIMEOUT past it), like every list's
  return q.q ? withStatementTimeout(db, EXPENSIVE_READ_TIMEOUT_MS, page) : page(db);
}

/** One follow-up the caller may read, with names. */
export async function findVisible(db: Db, p: Principal, id: string) {
  const result = await db.execute(
    sql`SELECT ${pageColumns} FROM follow_ups f
      WHERE f.tenant_id = ${p.tenantId} AND f.deleted_at IS NULL AND ${followUpReadable(p)} AND f.id = ${id}`,
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

/** The row, locked, if it is in the caller's scope. */
export async function lockVisible(tx: Db, p: Principal, id: string): Promise<FollowUpRow | undefined> {
  const result = await tx.execute(
    sql`SELECT f.id FROM follow_ups f WHERE ${live(p)} AND f.id = ${id} FOR UPDATE`,
  );
  if (!result.rows.length) return undefined;
  const [row] = await tx.select().from(followUps).where(eq(followUps.id, id));
  return row;
}

export async function insertFollowUp(tx: Db, values: typeof followUps.$inferInsert) {
  const [row] = await tx.insert(followUps).values(values).returning();
  return row;
}

export function updateFollowUp(
  tx: Db,
  tenantId: string,
  id: string,
  version: number,
  values: Partial<typeof followUps.$inferInsert>,
) {
  return tx
    .update(followUps)
    .set({ ...values, updatedAt: new Date(), version: sql`${followUps.version} + 1` })
    .where(
      and(
        eq(followUps.tenantId, tenantId),
        eq(followUps.id, id),
        eq(followUps.version, version),
        isNull(followUps.deletedAt),
      ),
    )
    .returning();
}

/** The latest `occurred_at` of a customer's other live follow-ups (null if none). */
export async function latestOccurred(tx: Db, tenantId: string, customerId: string, exceptId: string) {
  const result = await tx.execute(
    sql`SELECT max(occurred_at) AS at FROM follow_ups WHERE tenant_id = ${tenantId}
      AND customer_id = ${customerId} AND id <> ${exceptId} AND deleted_at IS NULL`,
  );
  const at = (result.rows[0] as { at: string | Date | null } | undefined)?.at;
  return at ? new Date(at) : null;
}

/** The author's live follow-ups that happened in `[from, to)`. */
export async function countByAuthor(db: Db, tenantId: string, userId: string, from: Date, to: Date) {
  const result = await db.execute(
    sql`SELECT count(*)::int AS n FROM follow_ups WHERE tenant_id = ${tenantId} AND user_id = ${userId}
      AND deleted_at IS NULL AND occurred_at >= ${from.toISOString()}::timestamptz AND occurred_at < ${to.toISOString()}::timestamptz`,
  );
  return Number((result.rows[0] as { n: number }).n);
}

// ---- comments ----

export async function insertComment(tx: Db, values: typeof followUpComments.$inferInsert) {
  const [row] = await tx.insert(followUpComments).values(values).returning();
  return row;
}

export async function listComments(db: Db, tenantId: string, followUpId: string) {
  const result = await db.execute(
    sql`SELECT k.*, (SELECT u.name FROM users u WHERE u.id = k.user_id) AS user_name FROM follow_up_comments k
      WHERE k.tenant_id = ${tenantId} AND k.follow_up_id = ${followUpId} ORDER BY k.created_at, k.id`,
  );
  return result.rows as Record<string, unknown>[];
}
