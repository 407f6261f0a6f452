import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { dayIn } from '../../platform/dates.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { contractForTicket } from '../contracts/ticket-service.ts';
import { getContact } from '../customers/contacts-service.ts';
import { getCustomer } from '../customers/service.ts';
import { orderForTicket } from '../orders/warranty-service.ts';
import { productsByIds } from '../products/published.ts';
import { addBusinessMinutes, businessCalendar, slaTargets } from '../sla/published.ts';
import * as repo from './repository.ts';

// What a ticket refers to — customer, contact, order, contract, product, type — checked against
// the modules that own them; whether it is within warranty or contract; when its SLA falls due.

export type Refs = Pick<
  repo.TicketRow,
  'customerId' | 'contactId' | 'orderId' | 'contractId' | 'productId' | 'typeId'
>;

/**
 * The customer must be one the caller sees (404 through the customers service); the contact, order
 * and contract must be that customer's, the product on the order when both are given; the type a
 * `service-type` item. A public-form ticket may still have no customer: then nothing of one either.
 */
export async function checkReferences(db: Db, p: Principal, v: Refs) {
  if (!(await repo.dictionaryItemExists(db, p.tenantId, 'service-type', v.typeId)))
    throw invalid('typeId', 'not a service type');
  if (!v.customerId) {
    if (v.contactId || v.orderId || v.contractId)
      throw invalid('customerId', 'link the customer first (关联客户)');
  } else await getCustomer(db, p, v.customerId);
  if (v.contactId) {
    const contact = await getContact(db, p, v.contactId).catch((e) => {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
      throw e;
    });
    if (!contact || contact.customerId !== v.customerId)
      throw invalid('contactId', 'not a contact of the customer');
  }
  const order = v.orderId ? await orderForTicket(db, p.tenantId, v.orderId) : null;
  if (v.orderId && (!order || order.customerId !== v.customerId))
    throw invalid('orderId', 'not an order of the customer');
  if (v.contractId) {
    const contract = await contractForTicket(db, p.tenantId, v.contractId);
    if (!contract || contract.customerId !== v.customerId)
      throw invalid('contractId', 'not a contract of the customer');
  }
  if (v.productId) {
    if (!(await productsByIds(db, p.tenantId, [v.productId])).has(v.productId))
      throw invalid('productId', 'no such product');
    if (order && !order.productIds.includes(v.productId)) throw invalid('productId', 'not on the order');
  }
}

/** `YYYY-MM-DD` plus whole months, clamped to the month's end (Jan 31 + 1 month = Feb 28/29). */
function addMonths(date: string, months: number) {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * 保修期内: the product's warranty months from the order's delivery (in the tenant's days) still
 * include today — null without an order and a product, or before delivery, or when the product has
 * no warranty. 合同期内: the contract is active, today is within its term, and it is the customer's.
 */
export async function validityOf(
  db: Db,
  tenantId: string,
  timeZone: string,
  v: Pick<Refs, 'customerId' | 'orderId' | 'contractId' | 'productId'>,
  now = new Date(),
) {
  const today = dayIn(timeZone, now);
  let withinWarranty: boolean | null = null;
  if (v.orderId && v.productId) {
    const [order, products] = await Promise.all([
      orderForTicket(db, tenantId, v.orderId),
      productsByIds(db, tenantId, [v.productId]),
    ]);
    const months = products.get(v.productId)?.warrantyMonths;
    if (order?.deliveredAt && months != null)
      withinWarranty = today < addMonths(dayIn(timeZone, order.deliveredAt), months);
  }
  let withinContract: boolean | null = null;
  if (v.contractId) {
    const contract = await contractForTicket(db, tenantId, v.contractId);
    withinContract =
      !!contract &&
      contract.customerId === v.customerId &&
      contract.status === 'active' &&
      contract.startDate <= today &&
      today <= contract.endDate;
  }
  return { withinWarranty, withinContract };
}

/** Both due instants from `from` by the tenant's SLA targets, pushed by the business minutes already paused. */
export async function dueInstants(
  db: Db,
  tenantId: string,
  r: Pick<repo.TicketRow, 'priority' | 'typeId'>,
  from: Date,
  pausedMinutes: number,
) {
  const [cal, targets] = await Promise.all([
    businessCalendar(db, tenantId),
    slaTargets(db, tenantId, r.priority, r.typeId),
  ]);
  return {
    responseDueAt: addBusinessMinutes(cal, from, targets.responseMinutes + pausedMinutes),
    resolutionDueAt: addBusinessMinutes(cal, from, targets.resolutionMinutes + pausedMinutes),
  };
}
