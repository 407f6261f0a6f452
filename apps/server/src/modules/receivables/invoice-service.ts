import {
  type CreateInvoice,
  type DecideInvoice,
  fromCents,
  type Invoice,
  type InvoiceListQuery,
  type IssueInvoice,
  type ListResponse,
  normalizeMoney,
  toCents,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion } from '../../platform/optimistic.ts';
import { type Document, docRef, documentOf } from './documents.ts';
import { toInvoice } from './mapping.ts';
import { namesOf } from './names.ts';
import * as repo from './repository.ts';

export const INVOICE_ENTITY = 'invoices';

const typeNames = { normal: '普票', special: '专票' } as const;

async function answer(db: Db, c: Caller, rows: Record<string, unknown>[]) {
  const names = await namesOf(db, c.p, rows);
  return rows.map((r) => toInvoice(c.p, r, names));
}

export async function listInvoices(db: Db, c: Caller, q: InvoiceListQuery): Promise<ListResponse<Invoice>> {
  const page = await repo.listInvoices(db, c.p, q);
  return { ...page, data: await answer(db, c, page.data) };
}

export async function exportInvoices(db: Db, c: Caller, q: Partial<InvoiceListQuery>, limit: number) {
  return answer(db, c, await repo.exportInvoices(db, c.p, q, limit));
}

export async function getInvoice(db: Db, c: Caller, id: string): Promise<Invoice> {
  const row = await repo.findInvoice(db, c.p, id);
  if (!row) throw notFound();
  return (await answer(db, c, [row]))[0];
}

/** A document's invoices (the document already seen by the caller). */
export async function listInvoicesOf(db: Db, c: Caller, doc: Document): Promise<Invoice[]> {
  return answer(db, c, await repo.invoicesOf(db, c.p.tenantId, doc.kind, doc.id));
}

const label = (number: string, r: { amount: string; type: 'normal' | 'special'; title: string }) =>
  `${number} ${typeNames[r.type]} ${r.amount} ${r.title}`;

/**
 * `POST /invoices` (开票申请): at most what is invoiceable — the amount less the invoices not
 * rejected — else 409 INVOICE_EXCEEDS_AMOUNT; the document locked meanwhile.
 */
export async function createInvoice(db: Db, c: Caller, input: CreateInvoice): Promise<Invoice> {
  const id = await db.transaction(async (tx) => {
    const doc = await documentOf(tx, c.p, input, 'invoices', true);
    if (!doc.takesMoney) throw new AppError('NOT_RECEIVABLE');
    const s = await repo.documentSums(tx, c.p.tenantId, doc.kind, doc.id);
    const invoiceable = toCents(doc.amount) - toCents(s.invoiced);
    const amount = normalizeMoney(input.amount);
    if (toCents(amount) > invoiceable)
      throw new AppError('INVOICE_EXCEEDS_AMOUNT', [
        { path: 'amount', message: `≤ ${fromCents(invoiceable > 0n ? invoiceable : 0n)}` },
      ]);
    const row = await repo.insertInvoice(tx, {
      id: uuidv7(),
      tenantId: c.p.tenantId,
      createdBy: c.p.userId,
      ...docRef(doc),
      customerId: doc.customerId,
      ownerId: doc.ownerId,
      departmentId: doc.departmentId,
      amount,
      title: input.title,
      taxNumber: input.taxNumber || null,
      type: input.type,
      note: input.note || null,
      status: 'requested',
    });
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: INVOICE_ENTITY,
      entityId: row.id,
      summary: label(doc.number, { ...row, amount }),
    });
    return row.id;
  });
  return getInvoice(db, c, id);
}

async function lockAt(tx: Db, c: Caller, id: string, version: number) {
  const row = await repo.lockInvoice(tx, c.p, id);
  if (!row) throw notFound();
  checkVersion(row, version);
  return row;
}

/** 审核: a request is approved or rejected (with the reason; a rejected one frees its amount). */
export async function decideInvoice(db: Db, c: Caller, id: string, input: DecideInvoice): Promise<Invoice> {
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, c, id, input.version);
    if (before.status !== 'requested') throw new AppError('INVALID_TRANSITION');
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    const after = await repo.updateInvoice(tx, id, {
      status,
      decidedBy: c.p.userId,
      decidedAt: new Date(),
      rejectReason: status === 'rejected' ? (input.reason ?? null) : null,
    });
    await writeAudit(tx, c.actor, {
      action: input.decision,
      entity: INVOICE_ENTITY,
      entityId: id,
      summary: `${after.title} ${after.amount}${input.reason ? `：${input.reason}` : ''}`,
      changes: { status: [before.status, status] },
    });
  });
  return getInvoice(db, c, id);
}

/** 开具: an approved request is marked issued with the invoice's number and date. */
export async function issueInvoice(db: Db, c: Caller, id: string, input: IssueInvoice): Promise<Invoice> {
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, c, id, input.version);
    if (before.status !== 'approved') throw new AppError('INVALID_TRANSITION');
    const after = await repo.updateInvoice(tx, id, {
      status: 'issued',
      invoiceNumber: input.invoiceNumber,
      issuedOn: input.issuedOn,
    });
    await writeAudit(tx, c.actor, {
      action: 'issue',
      entity: INVOICE_ENTITY,
      entityId: id,
      summary: `${after.invoiceNumber} ${after.title} ${after.amount}`,
      changes: { status: [before.status, 'issued'], invoiceNumber: [null, input.invoiceNumber] },
    });
  });
  return getInvoice(db, c, id);
}
