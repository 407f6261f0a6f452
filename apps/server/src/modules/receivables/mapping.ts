import type { Invoice, Payment, PaymentPlan } from '@guanxi/contract';
import { fromCents, toCents } from '@guanxi/contract';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { dateText, daysBetween, isoOf } from '../../platform/dates.ts';
import { moneyOf } from './documents.ts';

/** Names a page of rows needs that other modules answer: customers', contracts' and orders' numbers. */
export type Names = {
  customers: Map<string, string>;
  contracts: Map<string, string>;
  orders: Map<string, string>;
};

const documentOf = (r: Record<string, unknown>, n: Names) => {
  const contractId = (r.contract_id as string | null) ?? null;
  const orderId = (r.order_id as string | null) ?? null;
  return {
    contractId,
    contractNumber: contractId ? (n.contracts.get(contractId) ?? null) : null,
    orderId,
    orderNumber: orderId ? (n.orders.get(orderId) ?? null) : null,
    customerId: r.customer_id as string,
    customerName: n.customers.get(r.customer_id as string) ?? '',
    ownerId: r.owner_id as string,
    ownerName: (r.owner_name as string | null) ?? '',
    departmentId: r.department_id as string,
  };
};

const base = (r: Record<string, unknown>) => ({
  id: r.id as string,
  version: r.version as number,
  createdAt: isoOf(r.created_at)!,
  updatedAt: isoOf(r.updated_at)!,
});

export function toPlan(p: Principal, r: Record<string, unknown>, n: Names, today: string): PaymentPlan {
  const amount = toCents(moneyOf(r.amount));
  const paid = toCents(moneyOf(r.paid));
  const left = amount - paid;
  const dueDate = dateText(r.due_date);
  return {
    ...base(r),
    ...documentOf(r, n),
    instalment: Number(r.instalment ?? 0),
    dueDate,
    amount: fromCents(amount),
    paid: fromCents(paid),
    outstanding: fromCents(left > 0n ? left : 0n),
    status: paid === 0n ? 'open' : left > 0n ? 'partial' : 'paid',
    daysOverdue: left > 0n && dueDate < today ? daysBetween(dueDate, today) : 0,
    note: (r.note as string | null) ?? null,
    canEdit: can(p, 'receivables:edit'),
    canDelete: paid === 0n && can(p, 'receivables:delete'),
  };
}

export function toPayment(
  r: Record<string, unknown>,
  n: Names,
  allocations: Map<string, Payment['allocations']>,
): Payment {
  return {
    ...base(r),
    ...documentOf(r, n),
    planId: (r.plan_id as string | null) ?? null,
    amount: moneyOf(r.amount),
    applied: moneyOf(r.applied),
    prepaid: moneyOf(r.prepaid),
    paidAt: dateText(r.paid_at),
    methodId: r.method_id as string,
    methodName: (r.method_name as string | null) ?? '',
    payer: (r.payer as string | null) ?? null,
    prepayment: Boolean(r.prepayment),
    note: (r.note as string | null) ?? null,
    status: r.status as Payment['status'],
    approvalId: (r.approval_id as string | null) ?? null,
    allocations: allocations.get(r.id as string) ?? [],
    createdByName: (r.created_by_name as string | null) ?? null,
  };
}

export function toInvoice(p: Principal, r: Record<string, unknown>, n: Names): Invoice {
  const status = r.status as Invoice['status'];
  return {
    ...base(r),
    ...documentOf(r, n),
    amount: moneyOf(r.amount),
    title: r.title as string,
    taxNumber: (r.tax_number as string | null) ?? null,
    type: r.type as Invoice['type'],
    note: (r.note as string | null) ?? null,
    status,
    requestedBy: (r.created_by as string | null) ?? null,
    requestedByName: (r.created_by_name as string | null) ?? null,
    decidedBy: (r.decided_by as string | null) ?? null,
    decidedByName: (r.decided_by_name as string | null) ?? null,
    decidedAt: isoOf(r.decided_at),
    rejectReason: (r.reject_reason as string | null) ?? null,
    invoiceNumber: (r.invoice_number as string | null) ?? null,
    issuedOn: r.issued_on ? dateText(r.issued_on) : null,
    canDecide: status === 'requested' && can(p, 'invoices:approve'),
    canIssue: status === 'approved' && can(p, 'invoices:approve'),
  };
}
