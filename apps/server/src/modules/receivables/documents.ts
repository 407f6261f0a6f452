import { fromCents, normalizeMoney, toCents } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { notFound } from '../../platform/errors.ts';
import { contractForReceivable } from '../contracts/service.ts';
import { orderForReceivable } from '../orders/published.ts';
import * as repo from './repository.ts';

/** The contract or order money is recorded against, as receivables see it. */
export type Document = {
  kind: repo.DocumentKind;
  id: string;
  number: string;
  customerId: string;
  ownerId: string;
  departmentId: string;
  amount: string;
  /** Plans may be made for it (not terminated / cancelled). */
  takesPlans: boolean;
  /** Payments and invoices may be recorded (an effective contract; an order confirmed or later). */
  takesMoney: boolean;
  /** The order a contract settles (it becomes paid with the contract), or the order itself. */
  orderId: string | null;
};

export type DocumentRef = { contractId?: string | null; orderId?: string | null };

/**
 * The document of `ref` if the caller sees it — contracts in the caller's receivables or invoices
 * scope, orders in their orders scope (orders' own rule) — else 404. With `lock`, its account row
 * is locked (and a contract's row), so its sums hold until the transaction ends.
 */
export async function documentOf(
  db: Db,
  p: Principal,
  ref: DocumentRef,
  module: 'receivables' | 'invoices',
  lock = false,
): Promise<Document> {
  let doc: Document;
  if (ref.contractId) {
    const k = await contractForReceivable(db, p, ref.contractId, module, lock);
    if (!k) throw notFound();
    doc = {
      kind: 'contract',
      id: k.id,
      number: k.number,
      customerId: k.customerId,
      ownerId: k.ownerId,
      departmentId: k.departmentId,
      amount: k.amount,
      takesPlans: k.status !== 'terminated',
      takesMoney: k.status === 'active' || k.status === 'expired',
      orderId: k.orderId,
    };
  } else {
    const o = ref.orderId ? await orderForReceivable(db, p, ref.orderId) : null;
    if (!o) throw notFound();
    doc = {
      kind: 'order',
      id: o.id,
      number: o.number,
      customerId: o.customerId,
      ownerId: o.ownerId,
      departmentId: o.departmentId,
      amount: normalizeMoney(o.total),
      takesPlans: o.status !== 'cancelled',
      takesMoney: o.status !== 'new' && o.status !== 'cancelled',
      orderId: o.id,
    };
  }
  if (lock) await repo.lockAccount(db, p.tenantId, doc.kind, doc.id);
  return doc;
}

export const docRef = (d: Pick<Document, 'kind' | 'id'>) =>
  d.kind === 'contract' ? { contractId: d.id, orderId: null } : { contractId: null, orderId: d.id };

/** The figures of a document: from its sums, exact in cents; nothing below zero. */
export async function figuresOfDocument(db: Db, tenantId: string, d: Document) {
  const s = await repo.documentSums(db, tenantId, d.kind, d.id);
  const amount = toCents(d.amount);
  const received = toCents(s.received);
  const invoiced = toCents(s.invoiced);
  const positive = (v: bigint) => fromCents(v > 0n ? v : 0n);
  return {
    planned: normalizeMoney(s.planned),
    received: normalizeMoney(s.received),
    outstanding: positive(amount - received),
    prepaid: normalizeMoney(s.prepaid),
    invoiced: normalizeMoney(s.invoiced),
    invoiceable: positive(amount - invoiced),
    /** Held by payments waiting for their approval. */
    pending: normalizeMoney(s.pending),
  };
}

/** The stored money text of a numeric column. */
export const moneyOf = (v: unknown) => normalizeMoney(String(v ?? '0'));
