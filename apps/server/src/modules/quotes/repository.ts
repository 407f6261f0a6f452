import type { QuoteListQuery } from '@guanxi/contract';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import type { PricedLine } from './pricing-service.ts';
import { quoteLines, quoteSettings, quotes } from './schema.ts';

export type QuoteRow = typeof quotes.$inferSelect;
export type NewQuoteRow = typeof quotes.$inferInsert;

/** The quotes data scope (alias `qt`): by the owner and the quote's department. */
export const quoteScope = (p: Principal) =>
  scopePredicate(p, 'quotes', { owner: sql`qt.owner_id`, department: sql`qt.department_id` });

const live = (p: Principal) =>
  sql`qt.tenant_id = ${p.tenantId} AND qt.deleted_at IS NULL AND ${quoteScope(p)}`;

/** Names of the owner and department (reference data) for a page's rows only. */
const pageColumns = sql`qt.*,
  (SELECT u.name FROM users u WHERE u.id = qt.owner_id) AS owner_name,
  (SELECT d.name FROM departments d WHERE d.id = qt.department_id) AS department_name`;

const sortable = {
  createdAt: notNull(sql`qt.created_at`),
  number: notNull(sql`qt.number`),
  validUntil: notNull(sql`qt.valid_until`),
  total: notNull(sql`qt.total`),
};

function filters(p: Principal, q: Partial<QuoteListQuery>): SQL {
  const parts: SQL[] = [live(p)];
  if (q.status) parts.push(sql`qt.status = ${q.status}`);
  if (q.customerId) parts.push(sql`qt.customer_id = ${q.customerId}`);
  if (q.ownerId) parts.push(sql`qt.owner_id = ${q.ownerId}`);
  if (q.opportunityId) parts.push(sql`qt.opportunity_id = ${q.opportunityId}`);
  if (q.q) parts.push(sql`qt.number ILIKE ${`%${likeEscape(q.q)}%`}`);
  return sql.join(parts, sql` AND `);
}

/** One page of quotes in scope, newest first by default (keyset cursors). */
export function listQuotes(db: Db, p: Principal, q: QuoteListQuery) {
  return listPage(
    db,
    q,
    {
      columns: sql`qt.*`,
      from: sql`FROM quotes qt WHERE ${filters(p, q)}`,
      orderBy: orderBy(q.sort, sortable, '-createdAt', sql`qt.id`),
      decorate: { alias: 'qt', columns: pageColumns, joins: sql`` },
    },
    (row) => row,
  );
}

/** Quotes in scope with the list's filters, newest first, `limit` after `afterId` (exports). */
export async function exportBlock(
  db: Db,
  p: Principal,
  q: Partial<QuoteListQuery>,
  limit: number,
  after?: string,
) {
  const result = await db.execute(
    sql`SELECT ${pageColumns} FROM quotes qt WHERE ${filters(p, q)} ${after ? sql`AND qt.id < ${after}` : sql``}
      ORDER BY qt.id DESC LIMIT ${limit}`,
  );
  return result.rows as Record<string, unknown>[];
}

/** One quote in scope, with names. */
export async function findVisible(db: Db, p: Principal, id: string) {
  const result = await db.execute(
    sql`SELECT ${pageColumns} FROM quotes qt WHERE ${live(p)} AND qt.id = ${id}`,
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

/** The row, locked, if it is in the caller's scope. */
export async function lockVisible(tx: Db, p: Principal, id: string): Promise<QuoteRow | undefined> {
  const result = await tx.execute(
    sql`SELECT qt.id FROM quotes qt WHERE ${live(p)} AND qt.id = ${id} FOR UPDATE`,
  );
  if (!result.rows.length) return undefined;
  return lockById(tx, p.tenantId, id);
}

/** The row by id, locked, whoever asks (the approval engine settling it). */
export async function lockById(tx: Db, tenantId: string, id: string): Promise<QuoteRow | undefined> {
  const [row] = await tx
    .select()
    .from(quotes)
    .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, id)))
    .for('update');
  return row && !row.deletedAt ? row : undefined;
}

export async function insertQuote(tx: Db, values: NewQuoteRow) {
  const [row] = await tx.insert(quotes).values(values).returning();
  return row;
}

export async function updateQuote(tx: Db, id: string, values: Partial<NewQuoteRow>): Promise<QuoteRow> {
  const [row] = await tx
    .update(quotes)
    .set({ ...values, updatedAt: new Date(), version: sql`${quotes.version} + 1` })
    .where(eq(quotes.id, id))
    .returning();
  return row;
}

/** Replaces a quote's lines. */
export async function setLines(tx: Db, tenantId: string, quoteId: string, lines: readonly PricedLine[]) {
  await tx.delete(quoteLines).where(and(eq(quoteLines.tenantId, tenantId), eq(quoteLines.quoteId, quoteId)));
  if (lines.length) await tx.insert(quoteLines).values(lines.map((l) => ({ ...l, tenantId, quoteId })));
}

/** The lines of some quotes, in order (snake_case rows, as answers map them). */
export async function linesOf(db: Db, tenantId: string, quoteIds: string[]) {
  if (!quoteIds.length) return [];
  const result = await db.execute(
    sql`SELECT * FROM quote_lines WHERE tenant_id = ${tenantId} AND quote_id = ANY(${uuidList(quoteIds)})
      ORDER BY quote_id, position`,
  );
  return result.rows as Record<string, unknown>[];
}

/** A quote's lines as stored (typed), for copying into an order. */
export function pricedLinesOf(db: Db, tenantId: string, quoteId: string) {
  return db
    .select()
    .from(quoteLines)
    .where(and(eq(quoteLines.tenantId, tenantId), eq(quoteLines.quoteId, quoteId)))
    .orderBy(asc(quoteLines.position));
}

export async function settingsOf(db: Db, tenantId: string) {
  const [row] = await db.select().from(quoteSettings).where(eq(quoteSettings.tenantId, tenantId));
  return row ?? { tenantId, discountThreshold: '15', version: 0, updatedAt: null, updatedBy: null };
}

/** Writes the settings at `version` (0: none stored yet); false when someone saved first. */
export async function saveSettings(
  tx: Db,
  tenantId: string,
  userId: string,
  threshold: string,
  version: number,
) {
  if (version === 0) {
    const rows = await tx
      .insert(quoteSettings)
      .values({ tenantId, discountThreshold: threshold, updatedBy: userId })
      .onConflictDoNothing()
      .returning();
    return rows.length > 0;
  }
  const rows = await tx
    .update(quoteSettings)
    .set({
      discountThreshold: threshold,
      updatedBy: userId,
      updatedAt: new Date(),
      version: sql`${quoteSettings.version} + 1`,
    })
    .where(and(eq(quoteSettings.tenantId, tenantId), eq(quoteSettings.version, version)))
    .returning();
  return rows.length > 0;
}

/** Sent quotes of a tenant valid until before `today` (the tenant's date): expired (the nightly job). */
export async function expireDue(tx: Db, tenantId: string, today: string) {
  const result = await tx.execute(
    sql`UPDATE quotes SET status = 'expired', decided_at = now(), updated_at = now(), version = version + 1
      WHERE tenant_id = ${tenantId} AND status = 'sent' AND deleted_at IS NULL AND valid_until < ${today}::date
      RETURNING id, number`,
  );
  return result.rows as { id: string; number: string }[];
}

export async function numbersOf(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const result = await db.execute(
    sql`SELECT id, number FROM quotes WHERE tenant_id = ${tenantId} AND id = ANY(${uuidList(ids)})`,
  );
  return new Map((result.rows as { id: string; number: string }[]).map((r) => [r.id, r.number]));
}
