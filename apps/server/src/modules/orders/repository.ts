import type { OrderListQuery } from '@guanxi/contract';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import type { PricedLine } from '../quotes/pricing-service.ts';
import { orderScope } from './published.ts';
import { orderLines, orderStatusHistory, orders } from './schema.ts';

export type OrderRow = typeof orders.$inferSelect;
export type NewOrderRow = typeof orders.$inferInsert;

const live = (p: Principal) => sql`o.tenant_id = ${p.tenantId} AND o.deleted_at IS NULL AND ${orderScope(p)}`;

/** Names of the owner, department and warehouse (reference data and the order's own) for a page's rows. */
const pageColumns = sql`o.*,
  (SELECT u.name FROM users u WHERE u.id = o.owner_id) AS owner_name,
  (SELECT d.name FROM departments d WHERE d.id = o.department_id) AS department_name`;

const sortable = {
  orderedAt: notNull(sql`o.ordered_at`),
  number: notNull(sql`o.number`),
  total: notNull(sql`o.total`),
};

function filters(p: Principal, q: Partial<OrderListQuery>): SQL {
  const parts: SQL[] = [live(p)];
  if (q.status) parts.push(sql`o.status = ${q.status}`);
  if (q.customerId) parts.push(sql`o.customer_id = ${q.customerId}`);
  if (q.ownerId) parts.push(sql`o.owner_id = ${q.ownerId}`);
  if (q.quoteId) parts.push(sql`o.quote_id = ${q.quoteId}`);
  if (q.from) parts.push(sql`o.ordered_at >= ${q.from}::date`);
  if (q.to) parts.push(sql`o.ordered_at < ${q.to}::date + 1`);
  if (q.q) parts.push(sql`o.number ILIKE ${`%${likeEscape(q.q)}%`}`);
  return sql.join(parts, sql` AND `);
}

/** One page of orders in scope, newest first by default (keyset cursors). */
export function listOrders(db: Db, p: Principal, q: OrderListQuery) {
  return listPage(
    db,
    q,
    {
      columns: sql`o.*`,
      from: sql`FROM orders o WHERE ${filters(p, q)}`,
      orderBy: orderBy(q.sort, sortable, '-orderedAt', sql`o.id`),
      decorate: { alias: 'o', columns: pageColumns, joins: sql`` },
    },
    (row) => row,
  );
}

/** Orders in scope with the list's filters, newest first, `limit` after `afterId` (exports). */
export async function exportBlock(
  db: Db,
  p: Principal,
  q: Partial<OrderListQuery>,
  limit: number,
  after?: string,
) {
  const result = await db.execute(
    sql`SELECT ${pageColumns} FROM orders o WHERE ${filters(p, q)} ${after ? sql`AND o.id < ${after}` : sql``}
      ORDER BY o.id DESC LIMIT ${limit}`,
  );
  return result.rows as Record<string, unknown>[];
}

export async function findVisible(db: Db, p: Principal, id: string) {
  const result = await db.execute(sql`SELECT ${pageColumns} FROM orders o WHERE ${live(p)} AND o.id = ${id}`);
  return result.rows[0] as Record<string, unknown> | undefined;
}

/** The row, locked, if it is in the caller's scope. */
export async function lockVisible(tx: Db, p: Principal, id: string): Promise<OrderRow | undefined> {
  const result = await tx.execute(
    sql`SELECT o.id FROM orders o WHERE ${live(p)} AND o.id = ${id} FOR UPDATE`,
  );
  if (!result.rows.length) return undefined;
  const [row] = await tx.select().from(orders).where(eq(orders.id, id));
  return row;
}

export async function insertOrder(tx: Db, values: NewOrderRow) {
  const [row] = await tx.insert(orders).values(values).returning();
  return row;
}

export async function updateOrder(tx: Db, id: string, values: Partial<NewOrderRow>): Promise<OrderRow> {
  const [row] = await tx
    .update(orders)
    .set({ ...values, updatedAt: new Date(), version: sql`${orders.version} + 1` })
    .where(eq(orders.id, id))
    .returning();
  return row;
}

export async function setLines(tx: Db, tenantId: string, orderId: string, lines: readonly PricedLine[]) {
  await tx.delete(orderLines).where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.orderId, orderId)));
  if (lines.length) await tx.insert(orderLines).values(lines.map((l) => ({ ...l, tenantId, orderId })));
}

export async function linesOf(db: Db, tenantId: string, orderIds: string[]) {
  if (!orderIds.length) return [];
  const result = await db.execute(
    sql`SELECT * FROM order_lines WHERE tenant_id = ${tenantId} AND order_id = ANY(${uuidList(orderIds)})
      ORDER BY order_id, position`,
  );
  return result.rows as Record<string, unknown>[];
}

export function pricedLinesOf(db: Db, tenantId: string, orderId: string) {
  return db
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.orderId, orderId)))
    .orderBy(orderLines.position);
}

export async function addHistory(
  tx: Db,
  row: {
    tenantId: string;
    orderId: string;
    from: string | null;
    to: string;
    userId: string | null;
    note?: string | null;
  },
) {
  await tx.insert(orderStatusHistory).values({
    id: uuidv7(),
    tenantId: row.tenantId,
    orderId: row.orderId,
    fromStatus: row.from,
    toStatus: row.to,
    userId: row.userId,
    note: row.note ?? null,
  });
}

export async function historyOf(db: Db, tenantId: string, orderId: string) {
  const result = await db.execute(
    sql`SELECT h.from_status, h.to_status, h.at, h.user_id, h.note, u.name AS user_name
      FROM order_status_history h LEFT JOIN users u ON u.id = h.user_id
      WHERE h.tenant_id = ${tenantId} AND h.order_id = ${orderId} ORDER BY h.at, h.id`,
  );
  return result.rows as Record<string, unknown>[];
}
