import { leadListQuery } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import type { Caller } from '../../platform/caller.ts';
import { invalid } from '../../platform/errors.ts';
import { listLeads } from './service.ts';

/** One lead a mailing can reach: the company (线索名称), the person and their addresses. */
export type LeadAudienceMember = {
  leadId: string;
  name: string;
  contactName: string | null;
  email: string | null;
  mobile: string | null;
};

const PAGE = 100;

/**
 * Every lead a saved query of the leads list holds for the caller, read through the list itself
 * (its filters, data scope and field rules — a masked address is not one the caller may write
 * to), page after page by keyset, at most `limit`.
 */
export async function leadAudience(
  db: Db,
  c: Caller,
  query: Record<string, string>,
  limit: number,
): Promise<LeadAudienceMember[]> {
  const members: LeadAudienceMember[] = [];
  // the saved query's own paging is not the audience's: every page of it, in the list's order
  const { page: _p, pageSize: _s, cursor: _c, ...filters } = query;
  let cursor: string | undefined;
  for (let page = 1; members.length < limit; page++) {
    const q = leadListQuery.safeParse({
      ...filters,
      page: String(page),
      pageSize: String(PAGE),
      ...(cursor ? { cursor } : {}),
    });
    if (!q.success) throw invalid('savedQueryId', 'the saved query no longer fits the leads list');
    const result = await listLeads(db, c, q.data);
    for (const l of result.data)
      members.push({
        leadId: l.id,
        name: l.name,
        contactName: l.contactName,
        email: l.email,
        mobile: l.mobile,
      });
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return members.slice(0, limit);
}
