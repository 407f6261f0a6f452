import {
  type CreatePayment,
  type CreatePaymentPlan,
  fromCents,
  type ListResponse,
  normalizeMoney,
  type OverdueListQuery,
  type Payment,
  type PaymentListQuery,
  type PaymentPlan,
  type PaymentPlanListQuery,
  type ReceivableDocument,
  toCents,
  type UpdatePaymentPlan,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, auditUpdate, writeAudit } from '../../platform/audit.ts';
import { toPrincipal } from '../../platform/auth/hook.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { findUserPrincipal } from '../../platform/auth/principal-repository.ts';
import type { Caller } from '../../platform/caller.ts';
import { todayIn } from '../../platform/dates.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion } from '../../platform/optimistic.ts';
import type { ApprovalOutcome } from '../approvals/service.ts';
import { submitForApproval } from '../approvals/submit-service.ts';
import { customerVisible } from '../customers/service.ts';
import { markOrderPaid } from '../orders/paid-service.ts';
import {
  type Document,
  type DocumentRef,
  docRef,
  documentOf,
  figuresOfDocument,
  moneyOf,
} from './documents.ts';
import { listInvoicesOf } from './invoice-service.ts';
import { toPayment, toPlan } from './mapping.ts';
import { namesOf } from './names.ts';
import * as repo from './repository.ts';
import { noteMove } from './rollup-service.ts';

export const PLAN_ENTITY = 'payment-plans';
export const PAYMENT_ENTITY = 'payments';
export const PAYMENT_DOCUMENT_TYPE = 'payment';

async function allocationsMap(db: Db, tenantId: string, rows: Record<string, unknown>[]) {
  const map = new Map<string, Payment['allocations']>();
  for (const a of await repo.allocationsOf(
    db,
    tenantId,
    rows.map((r) => r.id as string),
  ))
    map.set(a.payment_id, [
      ...(map.get(a.payment_id) ?? []),
      { planId: a.plan_id, instalment: a.instalment, dueDate: a.due_date, amount: normalizeMoney(a.amount) },
    ]);
  return map;
}

async function paymentsAnswer(db: Db, p: Principal, rows: Record<string, unknown>[]) {
  const [names, allocations] = await Promise.all([
    namesOf(db, p, rows),
    allocationsMap(db, p.tenantId, rows),
  ]);
  return rows.map((r) => toPayment(r, names, allocations));
}

// ---- reads ----

export async function listPlans(
  db: Db,
  c: Caller,
  q: PaymentPlanListQuery,
): Promise<ListResponse<PaymentPlan>> {
  const page = await repo.listPlans(db, c.p, q);
  const names = await namesOf(db, c.p, page.data);
  const today = todayIn(c.timeZone);
  return { ...page, data: page.data.map((r) => toPlan(c.p, r, names, today)) };
}

/** 逾期: plans past due and not fully paid, in the caller's receivables scope, most overdue first. */
export async function listOverdue(
  db: Db,
  c: Caller,
  q: OverdueListQuery,
): Promise<ListResponse<PaymentPlan>> {
  const today = todayIn(c.timeZone);
  const page = await repo.listOverdue(db, c.p, q, today);
  const names = await namesOf(db, c.p, page.data);
  return { ...page, data: page.data.map((r) => toPlan(c.p, r, names, today)) };
}

export async function getPlan(db: Db, c: Caller, id: string): Promise<PaymentPlan> {
  const row = await repo.findPlan(db, c.p, id);
  if (!row) throw notFound();
  return toPlan(c.p, row, await namesOf(db, c.p, [row]), todayIn(c.timeZone));
}

export async function listPayments(db: Db, c: Caller, q: PaymentListQuery): Promise<ListResponse<Payment>> {
  const page = await repo.listPayments(db, c.p, q);
  return { ...page, data: await paymentsAnswer(db, c.p, page.data) };
}

export async function exportPayments(db: Db, c: Caller, q: Partial<PaymentListQuery>, limit: number) {
  return paymentsAnswer(db, c.p, await repo.exportPayments(db, c.p, q, limit));
}

export async function getPayment(db: Db, c: Caller, id: string): Promise<Payment> {
  const row = await repo.findPayment(db, c.p, id);
  if (!row) throw notFound();
  return (await paymentsAnswer(db, c.p, [row]))[0];
}

/** Approvals of a payment: whoever sees it (receivables:view and scope). */
export async function paymentVisible(db: Db, p: Principal, id: string): Promise<boolean> {
  return can(p, 'receivables:view') && Boolean(await repo.findPayment(db, p, id));
}

/** One contract's or order's money: figures, plans, payments, invoices (those only with invoices:view). */
export async function receivableDocument(db: Db, c: Caller, ref: DocumentRef): Promise<ReceivableDocument> {
  const doc = await documentOf(db, c.p, ref, 'receivables');
  const today = todayIn(c.timeZone);
  const [figures, planRows, paymentRows] = await Promise.all([
    figuresOfDocument(db, c.p.tenantId, doc),
    repo.plansOf(db, c.p.tenantId, doc.kind, doc.id),
    repo.paymentsOf(db, c.p.tenantId, doc.kind, doc.id),
  ]);
  const names = await namesOf(db, c.p, [...planRows, ...paymentRows]);
  const { pending: _pending, ...shown } = figures;
  return {
    ...docRef(doc),
    number: doc.number,
    customerId: doc.customerId,
    amount: doc.amount,
    figures: shown,
    plans: planRows.map((r) => toPlan(c.p, r, names, today)),
    payments: await paymentsAnswer(db, c.p, paymentRows),
    invoices: can(c.p, 'invoices:view') ? await listInvoicesOf(db, c, doc) : [],
    canRecord: doc.takesMoney && can(c.p, 'receivables:create'),
    canInvoice: doc.takesMoney && can(c.p, 'invoices:create'),
  };
}

/** A customer's plans in the caller's scope, summed (the customer visible, else 404). */
export async function customerReceivables(db: Db, c: Caller, customerId: string) {
  if (!(await customerVisible(db, c.p, customerId))) throw notFound();
  const s = await repo.customerSums(db, c.p, customerId, todayIn(c.timeZone));
  return {
    planned: normalizeMoney(s.planned),
    paid: normalizeMoney(s.paid),
    outstanding: normalizeMoney(s.outstanding),
    overdue: normalizeMoney(s.overdue),
  };
}

// ---- plans ----

const planLabel = (d: Pick<Document, 'number'>, dueDate: string, amount: string) =>
  `${d.number} ${dueDate} ${amount}`;

/** The plans of the document would exceed its amount with `extra` more: 409 PLAN_EXCEEDS_AMOUNT. */
async function checkPlanned(tx: Db, tenantId: string, doc: Document, extra: bigint) {
  const s = await repo.documentSums(tx, tenantId, doc.kind, doc.id);
  if (toCents(s.planned) + extra > toCents(doc.amount))
    throw new AppError('PLAN_EXCEEDS_AMOUNT', [
      { path: 'amount', message: `≤ ${fromCents(toCents(doc.amount) - toCents(s.planned))}` },
    ]);
}

/** `POST /payment-plans`: an instalment of a contract or order; the plans never add up to more than its amount. */
export async function createPlan(db: Db, c: Caller, input: CreatePaymentPlan): Promise<PaymentPlan> {
  const id = await db.transaction(async (tx) => {
    const doc = await documentOf(tx, c.p, input, 'receivables', true);
    if (!doc.takesPlans) throw new AppError('NOT_RECEIVABLE');
    const amount = normalizeMoney(input.amount);
    await checkPlanned(tx, c.p.tenantId, doc, toCents(amount));
    const row = await repo.insertPlan(tx, {
      id: uuidv7(),
      tenantId: c.p.tenantId,
      createdBy: c.p.userId,
      ...docRef(doc),
      customerId: doc.customerId,
      ownerId: doc.ownerId,
      departmentId: doc.departmentId,
      dueDate: input.dueDate,
      amount,
      note: input.note || null,
    });
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: PLAN_ENTITY,
      entityId: row.id,
      summary: planLabel(doc, row.dueDate, amount),
    });
    // money received before the plan existed pays it now
    await allocateUnplanned(tx, c.p.tenantId, doc);
    return row.id;
  });
  return getPlan(db, c, id);
}

async function lockPlanAt(tx: Db, p: Principal, id: string, version: number) {
  const row = await repo.lockPlan(tx, p, id);
  if (!row) throw notFound();
  checkVersion(row, version);
  return row;
}

const planDocRef = (row: Pick<repo.PlanRow, 'contractId' | 'orderId'>): DocumentRef => ({
  contractId: row.contractId,
  orderId: row.orderId,
});

/** `PATCH /payment-plans/:id`: due date, amount (not below what is paid on it, the plans within the amount), note. */
export async function updatePlan(
  db: Db,
  c: Caller,
  id: string,
  input: UpdatePaymentPlan,
): Promise<PaymentPlan> {
  await db.transaction(async (tx) => {
    const peek = await repo.lockPlan(tx, c.p, id);
    if (!peek) throw notFound();
    const doc = await documentOf(tx, c.p, planDocRef(peek), 'receivables', true);
    const before = await lockPlanAt(tx, c.p, id, input.version);
    const amount = input.amount === undefined ? moneyOf(before.amount) : normalizeMoney(input.amount);
    if (toCents(amount) < toCents(moneyOf(before.paid))) throw new AppError('PLAN_BELOW_PAID');
    await checkPlanned(tx, c.p.tenantId, doc, toCents(amount) - toCents(moneyOf(before.amount)));
    // the month it leaves is aggregated again by the reports' rollup
    if (input.dueDate !== undefined && input.dueDate !== before.dueDate)
      await noteMove(tx, c.p.tenantId, before.dueDate);
    const after = await repo.updatePlan(tx, id, {
      dueDate: input.dueDate ?? before.dueDate,
      amount,
      ...(input.note !== undefined ? { note: input.note || null } : {}),
    });
    await auditUpdate(
      tx,
      c.actor,
      { entity: PLAN_ENTITY, entityId: id, summary: planLabel(doc, after.dueDate, amount) },
      { dueDate: before.dueDate, amount: moneyOf(before.amount), note: before.note },
      { dueDate: after.dueDate, amount: moneyOf(after.amount), note: after.note },
    );
    await allocateUnplanned(tx, c.p.tenantId, doc);
  });
  return getPlan(db, c, id);
}

/** A plan nothing was paid on may be deleted. */
export async function deletePlan(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const peek = await repo.lockPlan(tx, c.p, id);
    if (!peek) throw notFound();
    const doc = await documentOf(tx, c.p, planDocRef(peek), 'receivables', true);
    const before = await lockPlanAt(tx, c.p, id, version);
    if (toCents(moneyOf(before.paid)) > 0n) throw new AppError('PLAN_BELOW_PAID');
    await repo.updatePlan(tx, id, { deletedAt: new Date() });
    await writeAudit(tx, c.actor, {
      action: 'delete',
      entity: PLAN_ENTITY,
      entityId: id,
      summary: planLabel(doc, before.dueDate, moneyOf(before.amount)),
    });
  });
}

// ---- allocation ----

/**
 * Allocates `amount` of a counted payment to the document's plans with something left: `first`
 * (the plan it named) first, then oldest due. What no plan takes stays applied to the unplanned
 * rest of the amount (paid into the plans made later).
 */
async function allocate(
  tx: Db,
  tenantId: string,
  doc: Document,
  paymentId: string,
  amount: bigint,
  first: string | null,
) {
  let rest = amount;
  for (const plan of await repo.openPlans(tx, tenantId, doc.kind, doc.id, first)) {
    if (rest <= 0n) break;
    const left = toCents(moneyOf(plan.amount)) - toCents(moneyOf(plan.paid));
    const take = left < rest ? left : rest;
    if (take <= 0n) continue;
    await repo.insertAllocation(tx, {
      id: uuidv7(),
      tenantId,
      paymentId,
      planId: plan.id,
      amount: fromCents(take),
    });
    rest -= take;
  }
}

/** Counted money not in any plan yet goes into the plans with something left (oldest payment first). */
async function allocateUnplanned(tx: Db, tenantId: string, doc: Document) {
  for (const r of await repo.unallocatedPayments(tx, tenantId, doc.kind, doc.id))
    await allocate(tx, tenantId, doc, r.id, toCents(r.rest), null);
}

/**
 * A payment now counts: allocated to the plans; when the document's money reaches its amount, its
 * order (the order itself, or the order a contract settles) becomes paid — in this transaction.
 */
async function count(tx: Db, actor: Actor, doc: Document, payment: repo.PaymentRow) {
  await allocate(tx, actor.tenantId, doc, payment.id, toCents(moneyOf(payment.applied)), payment.planId);
  if (!doc.orderId) return;
  const s = await repo.documentSums(tx, actor.tenantId, doc.kind, doc.id);
  if (toCents(s.received) >= toCents(doc.amount)) await markOrderPaid(tx, actor, doc.orderId);
}

// ---- payments ----

const paymentLabel = (d: Pick<Document, 'number'>, amount: string, paidAt: string) =>
  `${d.number} ${paidAt} ${amount}`;

/**
 * `POST /payments` (回款登记): applied to the outstanding amount (what counted and pending payments
 * have not taken); more is 409 OVERPAYMENT unless a prepayment, whose rest is held as 预收款. With a
 * `payment` flow matching, it waits for its approval (pending: it holds its share, counts for
 * nothing); else it counts at once.
 */
export async function createPayment(db: Db, c: Caller, input: CreatePayment): Promise<Payment> {
  const id = await db.transaction(async (tx) => {
    const doc = await documentOf(tx, c.p, input, 'receivables', true);
    if (!doc.takesMoney) throw new AppError('NOT_RECEIVABLE');
    const method = await repo.methodExists(tx, c.p.tenantId, input.method);
    if (!method)
      throw new AppError('DICTIONARY_ITEM_MISMATCH', [{ path: 'method', message: 'payment-method' }]);
    if (!method.valid)
      throw new AppError('DICTIONARY_ITEM_INVALID', [{ path: 'method', message: 'payment-method' }]);
    if (input.planId) {
      const plan = await repo.findPlan(tx, c.p, input.planId);
      if (!plan || (plan.contract_id ?? plan.order_id) !== doc.id)
        throw invalid('planId', 'not a plan of this document');
    }
    const s = await repo.documentSums(tx, c.p.tenantId, doc.kind, doc.id);
    const available = toCents(doc.amount) - toCents(s.received) - toCents(s.pending);
    const amount = toCents(input.amount);
    const applied = available <= 0n ? 0n : amount < available ? amount : available;
    const prepaid = amount - applied;
    if (prepaid > 0n && !input.prepayment)
      throw new AppError('OVERPAYMENT', [
        { path: 'amount', message: `≤ ${fromCents(available > 0n ? available : 0n)}` },
      ]);
    const paymentId = uuidv7();
    const approval = await submitForApproval(tx, c, {
      documentType: PAYMENT_DOCUMENT_TYPE,
      documentId: paymentId,
      title: `回款 ${paymentLabel(doc, fromCents(amount), input.paidAt)}`,
      amount: fromCents(amount),
      departmentId: doc.departmentId,
    });
    const row = await repo.insertPayment(tx, {
      id: paymentId,
      tenantId: c.p.tenantId,
      createdBy: c.p.userId,
      ...docRef(doc),
      customerId: doc.customerId,
      ownerId: doc.ownerId,
      departmentId: doc.departmentId,
      planId: input.planId ?? null,
      amount: fromCents(amount),
      applied: fromCents(applied),
      prepaid: fromCents(prepaid),
      paidAt: input.paidAt,
      methodId: input.method,
      payer: input.payer || null,
      prepayment: Boolean(input.prepayment),
      note: input.note || null,
      status: approval ? 'pending' : 'counted',
      approvalId: approval?.approvalId ?? null,
    });
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: PAYMENT_ENTITY,
      entityId: row.id,
      summary: paymentLabel(doc, row.amount, row.paidAt),
    });
    if (!approval) await count(tx, c.actor, doc, row);
    return row.id;
  });
  return getPayment(db, c, id);
}

/** The approval engine settled a payment's approval: approved counts it; otherwise it is rejected (its share freed). */
export async function onPaymentDecided(
  tx: Db,
  e: { tenantId: string; documentId: string; outcome: ApprovalOutcome; actor: Actor; comment: string | null },
) {
  const peek = await repo.paymentById(tx, e.tenantId, e.documentId);
  if (peek?.status !== 'pending') return;
  const kind = peek.contractId ? 'contract' : 'order';
  const documentId = (peek.contractId ?? peek.orderId)!;
  await repo.lockAccount(tx, e.tenantId, kind, documentId);
  const status = e.outcome === 'approved' ? 'counted' : 'rejected';
  const after = await repo.updatePayment(tx, peek.id, { status });
  await writeAudit(tx, e.actor, {
    action: e.outcome,
    entity: PAYMENT_ENTITY,
    entityId: peek.id,
    summary: e.comment ? `${after.paidAt} ${after.amount}：${e.comment}` : `${after.paidAt} ${after.amount}`,
    changes: { status: [peek.status, status] },
  });
  if (status !== 'counted') return;
  const doc = await documentForDecision(tx, peek);
  if (doc) await count(tx, e.actor, doc, after);
  else
    await allocate(
      tx,
      e.tenantId,
      { kind, id: documentId } as Document,
      after.id,
      toCents(moneyOf(after.applied)),
      after.planId,
    );
}

/**
 * The document of a payment being approved, as its submitter sees it (the approver need not see
 * the contract or order). Should the submitter have lost sight of it since, the payment still
 * counts against its plans; only its order's 已付款 waits for the next payment.
 */
async function documentForDecision(tx: Db, payment: repo.PaymentRow): Promise<Document | null> {
  const row = payment.createdBy
    ? await findUserPrincipal(tx, payment.tenantId, payment.createdBy)
    : undefined;
  if (!row) return null;
  try {
    return await documentOf(tx, toPrincipal(row, 'job'), planDocRef(payment), 'receivables');
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}
