import type {
  InvoiceListQuery,
  OverdueListQuery,
  PaymentListQuery,
  PaymentPlanListQuery,
} from '@guanxi/contract';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { uuidList } from '../../platform/sql-lists.ts';
import { tenantTimeZoneSql } from '../organization/tenants-service.ts';
import { invoices, paymentAllocations, paymentPlans, payments, receivableAccounts } from './schema.ts';

export type PlanRow = typeof paymentPlans.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type InvoiceRow = typeof invoices.$inferSelect;
export type DocumentKind = 'contract' | 'order';

/** The receivables or invoices scope over a row's owner and department (alias `x`). */
const scope = (p: Principal, module: 'receivables' | 'invoices') =>
  scopePredicate(p, module, { owner: sql`x.owner_id`, department: sql`x.department_id` });

const docColumn = (kind: DocumentKind) =>
  kind === 'contract' ? sql.raw('x.contract_id') : sql.raw('x.order_id');

/** Names every answer carries, for a page's rows only. */
const names = sql`(SELECT u.name FROM users u WHERE u.id = x.owner_id) AS owner_name,
  (SELECT u.name FROM users u WHERE u.id = x.created_by) AS created_by_name`;

/** Each plan's instalment number (第 n 期): its rank by due date among its document's plans. */
const instalment = sql`(SELECT count(*) FROM payment_plans y WHERE y.tenant_id = x.tenant_id
    AND y.deleted_at IS NULL AND y.contract_id IS NOT DISTINCT FROM x.contract_id
    AND y.order_id IS NOT DISTINCT FROM x.order_id
    AND (y.due_date, y.created_at, y.id) <= (x.due_date, x.created_at, x.id))::int AS instalment`;

const documentFilters = (q: { contractId?: string; orderId?: string; customerId?: string }) => {
  const parts: SQL[] = [];
  if (q.contractId) parts.push(sql`x.contract_id = ${q.contractId}`);
  if (q.orderId) parts.push(sql`x.order_id = ${q.orderId}`);
  if (q.customerId) parts.push(sql`x.customer_id = ${q.customerId}`);
  return parts;
};

// ---- the document's lock ----

/** Locks the document's account row (made on first use): every write on a document's money passes here. */
export async function lockAccount(tx: Db, tenantId: string, kind: DocumentKind, documentId: string) {
  await tx.insert(receivableAccounts).values({ documentId, tenantId, kind }).onConflictDoNothing();
  await tx
    .select({ id: receivableAccounts.documentId })
    .from(receivableAccounts)
    .where(and(eq(receivableAccounts.tenantId, tenantId), eq(receivableAccounts.documentId, documentId)))
    .for('update');
}

/** A document's sums (SQL numeric): plans; payments applied and prepaid, counted or pending; invoices not rejected. */
export async function documentSums(tx: Db, tenantId: string, kind: DocumentKind, documentId: string) {
  const col = kind === 'contract' ? sql.raw('contract_id') : sql.raw('order_id');
  const result = await tx.execute(
    sql`SELECT
      (SELECT coalesce(sum(amount), 0)::text FROM payment_plans WHERE tenant_id = ${tenantId} AND ${col} = ${documentId} AND deleted_at IS NULL) AS planned,
      (SELECT coalesce(sum(applied), 0)::text FROM payments WHERE tenant_id = ${tenantId} AND ${col} = ${documentId} AND status = 'counted') AS received,
      (SELECT coalesce(sum(prepaid), 0)::text FROM payments WHERE tenant_id = ${tenantId} AND ${col} = ${documentId} AND status = 'counted') AS prepaid,
      (SELECT coalesce(sum(applied), 0)::text FROM payments WHERE tenant_id = ${tenantId} AND ${col} = ${documentId} AND status = 'pending') AS pending,
      (SELECT coalesce(sum(amount), 0)::text FROM invoices WHERE tenant_id = ${tenantId} AND ${col} = ${documentId} AND status <> 'rejected') AS invoiced`,
  );
  return result.rows[0] as {
    planned: string;
    received: string;
    prepaid: string;
    pending: string;
    invoiced: string;
  };
}

// ---- plans ----

const planWhere = (p: Principal) =>
  sql`x.tenant_id = ${p.tenantId} AND x.deleted_at IS NULL AND ${scope(p, 'receivables')}`;
const planColumns = sql`x.*, ${names}, ${instalment}`;

export function listPlans(db: Db, p: Principal, q: PaymentPlanListQuery) {
  const parts: SQL[] = [planWhere(p), ...documentFilters(q)];
  if (q.status === 'paid') parts.push(sql`x.paid >= x.amount`);
  if (q.status === 'partial') parts.push(sql`x.paid > 0 AND x.paid < x.amount`);
  if (q.status === 'open') parts.push(sql`x.paid = 0`);
  return listPage(
    db,
    q,
    {
      columns: sql`x.*`,
      from: sql`FROM payment_plans x WHERE ${sql.join(parts, sql` AND `)}`,
      orderBy: orderBy(
        q.sort,
        { dueDate: notNull(sql`x.due_date`), createdAt: notNull(sql`x.created_at`) },
        'dueDate',
        sql`x.id`,
      ),
      decorate: { alias: 'x', columns: planColumns, joins: sql`` },
    },
    (row) => row,
  );
}

/** Plans past due (before `today`) and not fully paid, in scope, most overdue first. */
export function listOverdue(db: Db, p: Principal, q: OverdueListQuery, today: string) {
  const parts: SQL[] = [
    planWhere(p),
    sql`x.paid < x.amount AND x.due_date < ${today}::date`,
    ...documentFilters(q),
  ];
  if (q.ownerId) parts.push(sql`x.owner_id = ${q.ownerId}`);
  return listPage(
    db,
    q,
    {
      columns: sql`x.*`,
      from: sql`FROM payment_plans x WHERE ${sql.join(parts, sql` AND `)}`,
      orderBy: orderBy(q.sort, { dueDate: notNull(sql`x.due_date`) }, 'dueDate', sql`x.id`),
      decorate: { alias: 'x', columns: planColumns, joins: sql`` },
    },
    (row) => row,
  );
}

export async function findPlan(db: Db, p: Principal, id: string) {
  const result = await db.execute(
    sql`SELECT ${planColumns} FROM payment_plans x WHERE ${planWhere(p)} AND x.id = ${id}`,
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

/** A document's plans with names, by due date. */
export async function plansOf(db: Db, tenantId: string, kind: DocumentKind, documentId: string) {
  const result = await db.execute(
    sql`SELECT ${planColumns} FROM payment_plans x WHERE x.tenant_id = ${tenantId} AND x.deleted_at IS NULL
      AND ${docColumn(kind)} = ${documentId} ORDER BY x.due_date, x.created_at, x.id`,
  );
  return result.rows as Record<string, unknown>[];
}

/** The plan, locked, if in the caller's receivables scope. */
export async function lockPlan(tx: Db, p: Principal, id: string): Promise<PlanRow | undefined> {
  const result = await tx.execute(
    sql`SELECT x.id FROM payment_plans x WHERE ${planWhere(p)} AND x.id = ${id}`,
  );
  if (!result.rows.length) return undefined;
  const [row] = await tx.select().from(paymentPlans).where(eq(paymentPlans.id, id)).for('update');
  return row;
}

export async function insertPlan(tx: Db, values: typeof paymentPlans.$inferInsert) {
  const [row] = await tx.insert(paymentPlans).values(values).returning();
  return row;
}

export async function updatePlan(tx: Db, id: string, values: Partial<typeof paymentPlans.$inferInsert>) {
  const [row] = await tx
    .update(paymentPlans)
    .set({ ...values, updatedAt: new Date(), version: sql`${paymentPlans.version} + 1` })
    .where(eq(paymentPlans.id, id))
    .returning();
  return row;
}

/** The document's plans with something left to pay, `first` first, then oldest due. Locked. */
export async function openPlans(
  tx: Db,
  tenantId: string,
  kind: DocumentKind,
  documentId: string,
  first: string | null,
) {
  const col = kind === 'contract' ? paymentPlans.contractId : paymentPlans.orderId;
  const rows = await tx
    .select()
    .from(paymentPlans)
    .where(
      and(
        eq(paymentPlans.tenantId, tenantId),
        eq(col, documentId),
        sql`${paymentPlans.deletedAt} IS NULL`,
        sql`${paymentPlans.paid} < ${paymentPlans.amount}`,
      ),
    )
    .orderBy(paymentPlans.dueDate, paymentPlans.createdAt, paymentPlans.id)
    .for('update');
  return first ? [...rows.filter((r) => r.id === first), ...rows.filter((r) => r.id !== first)] : rows;
}

export async function insertAllocation(tx: Db, values: typeof paymentAllocations.$inferInsert) {
  await tx.insert(paymentAllocations).values(values);
  await tx.execute(
    sql`UPDATE payment_plans SET paid = paid + ${values.amount}::numeric, updated_at = now(), version = version + 1
      WHERE id = ${values.planId}`,
  );
}

/** Counted payments of a document whose applied part is not all allocated to plans (oldest first), with the rest. */
export async function unallocatedPayments(tx: Db, tenantId: string, kind: DocumentKind, documentId: string) {
  const col = kind === 'contract' ? sql.raw('x.contract_id') : sql.raw('x.order_id');
  const result = await tx.execute(
    sql`SELECT x.id, (x.applied - coalesce((SELECT sum(a.amount) FROM payment_allocations a
          WHERE a.tenant_id = x.tenant_id AND a.payment_id = x.id), 0))::text AS rest
      FROM payments x WHERE x.tenant_id = ${tenantId} AND ${col} = ${documentId} AND x.status = 'counted'
        AND x.applied > coalesce((SELECT sum(a.amount) FROM payment_allocations a
          WHERE a.tenant_id = x.tenant_id AND a.payment_id = x.id), 0)
      ORDER BY x.paid_at, x.created_at, x.id`,
  );
  return result.rows as { id: string; rest: string }[];
}

// ---- payments ----

const paymentWhere = (p: Principal) => sql`x.tenant_id = ${p.tenantId} AND ${scope(p, 'receivables')}`;
const paymentColumns = sql`x.*, ${names},
  (SELECT i.name FROM dictionary_items i WHERE i.id = x.method_id) AS method_name`;

function paymentFilters(p: Principal, q: Partial<PaymentListQuery>) {
  const parts: SQL[] = [paymentWhere(p), ...documentFilters(q)];
  if (q.status) parts.push(sql`x.status = ${q.status}`);
  if (q.from) parts.push(sql`x.paid_at >= ${q.from}::date`);
  if (q.to) parts.push(sql`x.paid_at <= ${q.to}::date`);
  if (q.q) {
    const like = `%${likeEscape(q.q)}%`;
    parts.push(sql`x.payer ILIKE ${like}`);
  }
  return sql.join(parts, sql` AND `);
}

export function listPayments(db: Db, p: Principal, q: PaymentListQuery) {
  return listPage(
    db,
    q,
    {
      columns: sql`x.*`,
      from: sql`FROM payments x WHERE ${paymentFilters(p, q)}`,
      orderBy: orderBy(
        q.sort,
        { paidAt: notNull(sql`x.paid_at`), createdAt: notNull(sql`x.created_at`) },
        '-paidAt',
        sql`x.id`,
      ),
      decorate: { alias: 'x', columns: paymentColumns, joins: sql`` },
    },
    (row) => row,
  );
}

export async function exportPayments(db: Db, p: Principal, q: Partial<PaymentListQuery>, limit: number) {
  const result = await db.execute(
    sql`SELECT ${paymentColumns} FROM payments x WHERE ${paymentFilters(p, q)} ORDER BY x.paid_at DESC, x.id DESC LIMIT ${limit}`,
  );
  return result.rows as Record<string, unknown>[];
}

export async function findPayment(db: Db, p: Principal, id: string) {
  const result = await db.execute(
    sql`SELECT ${paymentColumns} FROM payments x WHERE ${paymentWhere(p)} AND x.id = ${id}`,
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

/** The payment by id, whoever asks (the approval engine). */
export async function paymentById(db: Db, tenantId: string, id: string): Promise<PaymentRow | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.tenantId, tenantId), eq(payments.id, id)));
  return row;
}

export async function paymentsOf(db: Db, tenantId: string, kind: DocumentKind, documentId: string) {
  const result = await db.execute(
    sql`SELECT ${paymentColumns} FROM payments x WHERE x.tenant_id = ${tenantId} AND ${docColumn(kind)} = ${documentId}
      ORDER BY x.paid_at DESC, x.created_at DESC`,
  );
  return result.rows as Record<string, unknown>[];
}

export async function insertPayment(tx: Db, values: typeof payments.$inferInsert) {
  const [row] = await tx.insert(payments).values(values).returning();
  return row;
}

export async function updatePayment(tx: Db, id: string, values: Partial<typeof payments.$inferInsert>) {
  const [row] = await tx
    .update(payments)
    .set({ ...values, updatedAt: new Date(), version: sql`${payments.version} + 1` })
    .where(eq(payments.id, id))
    .returning();
  return row;
}

/** Allocations of payments to plans, with the plans' due dates and instalment numbers. */
export async function allocationsOf(db: Db, tenantId: string, paymentIds: string[]) {
  if (!paymentIds.length) return [];
  const result = await db.execute(
    sql`SELECT a.payment_id, a.plan_id, a.amount::text AS amount, x.due_date::text AS due_date, ${instalment}
      FROM payment_allocations a JOIN payment_plans x ON x.id = a.plan_id
      WHERE a.tenant_id = ${tenantId} AND a.payment_id = ANY(${uuidList(paymentIds)})
      ORDER BY x.due_date, x.created_at`,
  );
  return result.rows as {
    payment_id: string;
    plan_id: string;
    amount: string;
    due_date: string;
    instalment: number;
  }[];
}

export async function methodExists(db: Db, tenantId: string, id: string) {
  const result = await db.execute(
    sql`SELECT valid FROM dictionary_items WHERE tenant_id = ${tenantId} AND type = 'payment-method' AND id = ${id}`,
  );
  return result.rows[0] as { valid: boolean } | undefined;
}

// ---- invoices ----

const invoiceWhere = (p: Principal) => sql`x.tenant_id = ${p.tenantId} AND ${scope(p, 'invoices')}`;
const invoiceColumns = sql`x.*, ${names},
  (SELECT u.name FROM users u WHERE u.id = x.decided_by) AS decided_by_name`;

function invoiceFilters(p: Principal, q: Partial<InvoiceListQuery>) {
  const parts: SQL[] = [invoiceWhere(p), ...documentFilters(q)];
  if (q.status) parts.push(sql`x.status = ${q.status}`);
  if (q.q) {
    const like = `%${likeEscape(q.q)}%`;
    parts.push(sql`(x.title ILIKE ${like} OR x.invoice_number ILIKE ${like})`);
  }
  return sql.join(parts, sql` AND `);
}

export function listInvoices(db: Db, p: Principal, q: InvoiceListQuery) {
  return listPage(
    db,
    q,
    {
      columns: sql`x.*`,
      from: sql`FROM invoices x WHERE ${invoiceFilters(p, q)}`,
      orderBy: orderBy(q.sort, { createdAt: notNull(sql`x.created_at`) }, '-createdAt', sql`x.id`),
      decorate: { alias: 'x', columns: invoiceColumns, joins: sql`` },
    },
    (row) => row,
  );
}

export async function exportInvoices(db: Db, p: Principal, q: Partial<InvoiceListQuery>, limit: number) {
  const result = await db.execute(
    sql`SELECT ${invoiceColumns} FROM invoices x WHERE ${invoiceFilters(p, q)} ORDER BY x.created_at DESC, x.id DESC LIMIT ${limit}`,
  );
  return result.rows as Record<string, unknown>[];
}

export async function findInvoice(db: Db, p: Principal, id: string) {
  const result = await db.execute(
    sql`SELECT ${invoiceColumns} FROM invoices x WHERE ${invoiceWhere(p)} AND x.id = ${id}`,
  );
  return result.rows[0] as Record<string, unknown> | undefined;
}

export async function invoicesOf(db: Db, tenantId: string, kind: DocumentKind, documentId: string) {
  const result = await db.execute(
    sql`SELECT ${invoiceColumns} FROM invoices x WHERE x.tenant_id = ${tenantId} AND ${docColumn(kind)} = ${documentId}
      ORDER BY x.created_at DESC`,
  );
  return result.rows as Record<string, unknown>[];
}

export async function lockInvoice(tx: Db, p: Principal, id: string): Promise<InvoiceRow | undefined> {
  const result = await tx.execute(sql`SELECT x.id FROM invoices x WHERE ${invoiceWhere(p)} AND x.id = ${id}`);
  if (!result.rows.length) return undefined;
  const [row] = await tx.select().from(invoices).where(eq(invoices.id, id)).for('update');
  return row;
}

export async function insertInvoice(tx: Db, values: typeof invoices.$inferInsert) {
  const [row] = await tx.insert(invoices).values(values).returning();
  return row;
}

export async function updateInvoice(tx: Db, id: string, values: Partial<typeof invoices.$inferInsert>) {
  const [row] = await tx
    .update(invoices)
    .set({ ...values, updatedAt: new Date(), version: sql`${invoices.version} + 1` })
    .where(eq(invoices.id, id))
    .returning();
  return row;
}

// ---- a customer, the reminders ----

/** A customer's plans in scope summed: planned, paid, outstanding, overdue (before `today`). */
export async function customerSums(db: Db, p: Principal, customerId: string, today: string) {
  const result = await db.execute(
    sql`SELECT coalesce(sum(x.amount), 0)::text AS planned, coalesce(sum(x.paid), 0)::text AS paid,
        coalesce(sum(x.amount - x.paid), 0)::text AS outstanding,
        coalesce(sum(x.amount - x.paid) FILTER (WHERE x.due_date < ${today}::date), 0)::text AS overdue
      FROM payment_plans x WHERE ${planWhere(p)} AND x.customer_id = ${customerId}`,
  );
  return result.rows[0] as { planned: string; paid: string; outstanding: string; overdue: string };
}

/** Tenants with overdue plans, with their time zone. */
export async function tenantsWithOpenPlans(db: Db) {
  const result = await db.execute(
    sql`SELECT x.tenant_id, ${tenantTimeZoneSql(sql`x.tenant_id`)} AS timezone
      FROM (SELECT DISTINCT tenant_id FROM payment_plans WHERE deleted_at IS NULL AND paid < amount) x`,
  );
  return result.rows as { tenant_id: string; timezone: string }[];
}

/** Overdue plans per owner of a tenant: how many, how much is left. */
export async function overdueByOwner(db: Db, tenantId: string, today: string) {
  const result = await db.execute(
    sql`SELECT owner_id, count(*)::int AS count, sum(amount - paid)::text AS amount
      FROM payment_plans WHERE tenant_id = ${tenantId} AND deleted_at IS NULL AND paid < amount
        AND due_date < ${today}::date
      GROUP BY owner_id`,
  );
  return result.rows as { owner_id: string; count: number; amount: string }[];
}
