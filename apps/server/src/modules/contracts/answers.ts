import { type Contract, type ContractStatus, fromCents, normalizeMoney, toCents } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { dateText, daysBetween, isoOf, todayIn } from '../../platform/dates.ts';
import { customerAndContactNames } from '../customers/follow-up-service.ts';
import { orderForReceivable } from '../orders/published.ts';
import { receivableSums } from '../receivables/published.ts';

// A contract as the API answers it: its fields, the names it refers to, its receivable figures
// and what the caller may do with it.

type Extras = {
  customers: Map<string, string>;
  orders: Map<string, string>;
  sums: Awaited<ReturnType<typeof receivableSums>>;
  today: string;
};

const zero = { planned: '0.00', received: '0.00', prepaid: '0.00', invoiced: '0.00' };

/** The receivable figures of a document of `amount` from its sums (exact, in cents). */
export function figuresOf(amount: string, s: typeof zero) {
  const outstanding = toCents(amount) - toCents(s.received);
  const invoiceable = toCents(amount) - toCents(s.invoiced);
  return {
    ...s,
    outstanding: fromCents(outstanding > 0n ? outstanding : 0n),
    invoiceable: fromCents(invoiceable > 0n ? invoiceable : 0n),
  };
}

export function toContract(p: Principal, r: Record<string, unknown>, x: Extras): Contract {
  const id = r.id as string;
  const status = r.status as ContractStatus;
  const amount = normalizeMoney(String(r.amount));
  const orderId = (r.order_id as string | null) ?? null;
  const endDate = dateText(r.end_date);
  return {
    id,
    version: r.version as number,
    createdAt: isoOf(r.created_at)!,
    updatedAt: isoOf(r.updated_at)!,
    number: r.number as string,
    title: r.title as string,
    customerId: r.customer_id as string,
    customerName: x.customers.get(r.customer_id as string) ?? '',
    orderId,
    orderNumber: orderId ? (x.orders.get(orderId) ?? null) : null,
    quoteId: (r.quote_id as string | null) ?? null,
    amount,
    signedAt: r.signed_at ? dateText(r.signed_at) : null,
    startDate: dateText(r.start_date),
    endDate,
    ourCompany: (r.our_company as string | null) ?? null,
    ourSignatory: (r.our_signatory as string | null) ?? null,
    theirCompany: (r.their_company as string | null) ?? null,
    theirSignatory: (r.their_signatory as string | null) ?? null,
    terms: (r.terms as string | null) ?? null,
    status,
    approvalId: (r.approval_id as string | null) ?? null,
    terminatedAt: isoOf(r.terminated_at),
    terminationReason: (r.termination_reason as string | null) ?? null,
    ownerId: r.owner_id as string,
    ownerName: (r.owner_name as string | null) ?? '',
    departmentId: r.department_id as string,
    departmentName: (r.department_name as string | null) ?? '',
    daysToEnd: daysBetween(x.today, endDate),
    figures: figuresOf(amount, x.sums.get(id) ?? zero),
    canEdit: status === 'draft' && can(p, 'contracts:edit'),
    canSubmit: status === 'draft' && can(p, 'contracts:edit'),
    canTerminate: status === 'active' && can(p, 'contracts:edit'),
    canDelete: status === 'draft' && can(p, 'contracts:delete'),
  };
}

export async function extrasOf(
  db: Db,
  p: Principal,
  rows: Record<string, unknown>[],
  timeZone: string,
): Promise<Extras> {
  const ids = rows.map((r) => r.id as string);
  const [names, sums] = await Promise.all([
    customerAndContactNames(
      db,
      p.tenantId,
      rows.map((r) => r.customer_id as string),
      [],
    ),
    receivableSums(db, p.tenantId, 'contract', ids),
  ]);
  // an order's number where the caller sees the order (a page holds a few)
  const orders = new Map<string, string>();
  for (const orderId of new Set(rows.map((r) => r.order_id as string | null).filter(Boolean) as string[])) {
    const order = await orderForReceivable(db, p, orderId);
    if (order) orders.set(orderId, order.number);
  }
  return { customers: names.customers, orders, sums, today: todayIn(timeZone) };
}
