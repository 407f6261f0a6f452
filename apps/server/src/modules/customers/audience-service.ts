import { contactListQuery, customerListQuery } from '@guanxi/contract';
import type { Caller } from '../../platform/caller.ts';
import { invalid } from '../../platform/errors.ts';
import { listContacts } from './contacts-service.ts';
import { listCustomers } from './service.ts';

/** One person a mailing can reach, with the values its merge fields take. */
export type AudienceMember = {
  customerId: string;
  contactId: string | null;
  name: string;
  contactName: string;
  customerName: string;
  email: string | null;
  mobile: string | null;
};

export type AudienceList = 'customers' | 'contacts';

const PAGE = 100;

/**
 * Everyone a saved query of the customers or contacts list holds for the caller, read through the
 * list itself (its filters, data scope and field rules — a hidden or masked address is not one
 * the caller can write to), page after page by keyset, at most `limit`.
 */
export async function audienceOf(
  db: Parameters<typeof listCustomers>[0],
  c: Caller,
  list: AudienceList,
  query: Record<string, string>,
  limit: number,
): Promise<AudienceMember[]> {
  const members: AudienceMember[] = [];
  // the saved query's own paging is not the audience's: every page of it, in the list's order
  const { page: _p, pageSize: _s, cursor: _c, ...filters } = query;
  let cursor: string | undefined;
  for (let page = 1; members.length < limit; page++) {
    const base = { ...filters, page: String(page), pageSize: String(PAGE), ...(cursor ? { cursor } : {}) };
    let next: string | undefined;
    if (list === 'customers') {
      const q = customerListQuery.safeParse(base);
      if (!q.success) throw invalid('savedQueryId', 'the saved query no longer fits the customers list');
      const result = await listCustomers(db, c, q.data);
      for (const r of result.data)
        members.push({
          customerId: r.id,
          contactId: null,
          name: r.name,
          contactName: r.name,
          customerName: r.name,
          email: r.email ?? null,
          mobile: r.mobile ?? null,
        });
      next = result.nextCursor;
    } else {
      const q = contactListQuery.safeParse(base);
      if (!q.success) throw invalid('savedQueryId', 'the saved query no longer fits the contacts list');
      const result = await listContacts(db, c.p, q.data);
      for (const r of result.data)
        members.push({
          customerId: r.customerId,
          contactId: r.id,
          name: r.name,
          contactName: r.name,
          customerName: r.customerName,
          email: r.email ?? null,
          mobile: r.mobile ?? null,
        });
      next = result.nextCursor;
    }
    if (!next) break;
    cursor = next;
  }
  return members.slice(0, limit);
}
