import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { contractNumbers } from '../contracts/service.ts';
import { customerAndContactNames } from '../customers/follow-up-service.ts';
import { orderForReceivable } from '../orders/published.ts';
import type { Names } from './mapping.ts';

/** Customers', contracts' and orders' names of a page of rows (orders: where the caller sees them). */
export async function namesOf(db: Db, p: Principal, rows: Record<string, unknown>[]): Promise<Names> {
  const ids = (k: string) => [...new Set(rows.map((r) => r[k] as string | null).filter(Boolean) as string[])];
  const [names, contracts] = await Promise.all([
    customerAndContactNames(db, p.tenantId, ids('customer_id'), []),
    contractNumbers(db, p.tenantId, ids('contract_id')),
  ]);
  const orders = new Map<string, string>();
  for (const id of ids('order_id')) {
    const order = await orderForReceivable(db, p, id);
    if (order) orders.set(id, order.number);
  }
  return { customers: names.customers, contracts, orders };
}
