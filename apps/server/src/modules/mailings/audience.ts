import { type CreateMailing, mailingLimits } from '@guanxi/contract';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { invalid } from '../../platform/errors.ts';
import { type AudienceList, audienceOf } from '../customers/audience-service.ts';
import { leadAudience } from '../leads/audience-service.ts';
import { listSaved } from '../saved-queries/service.ts';

// Who a mailing goes to: a saved query of customers, contacts or leads, or the addresses given.

/** How an address is kept: e-mail in lower case, a mobile number as its digits (and a leading +). */
export function addressKey(channel: string, address: string): string {
  const a = address.trim();
  return channel === 'email' ? a.toLowerCase() : a.replace(/[^\d+]/g, '');
}

const emailAddress = z.email();
const mobileNumber = z.string().regex(/^\+?\d{6,20}$/);
/** Whether the address (as kept) is an e-mail address or a mobile number, as the channel needs. */
export const usable = (channel: string, key: string) =>
  (channel === 'email' ? emailAddress : mobileNumber).safeParse(key).success;

type Member = {
  address: string;
  merge: Record<string, string>;
  customerId: string | null;
  contactId: string | null;
};

type SavedList = AudienceList | 'leads';

/** The saved query (mine or shared) of a list the caller may read. */
async function savedQueryFor(db: Db, p: Principal, id: string) {
  const lists: [SavedList, boolean][] = [
    ['customers', can(p, 'customers:view')],
    ['contacts', can(p, 'contacts:view')],
    ['leads', can(p, 'leads:view')],
  ];
  for (const [list, allowed] of lists) {
    if (!allowed) continue;
    const found = (await listSaved(db, p, list)).find((s) => s.id === id);
    if (found) return { list, query: found.query, name: found.name };
  }
  throw invalid(
    'savedQueryId',
    'no saved query of the customers, contacts or leads list you can read has this id',
  );
}

/** The people of a saved query with their merge values; a lead is its company and its contact. */
async function savedAudience(db: Db, c: Caller, list: SavedList, query: Record<string, string>) {
  if (list !== 'leads') return audienceOf(db, c, list, query, mailingLimits.audience);
  return (await leadAudience(db, c, query, mailingLimits.audience)).map((l) => ({
    customerId: null,
    contactId: null,
    name: l.contactName ?? l.name,
    contactName: l.contactName ?? l.name,
    customerName: l.name,
    email: l.email,
    mobile: l.mobile,
  }));
}

/**
 * The recipients of a mailing: a saved query's people (their addresses on the channel) or the
 * addresses given, with merge values; unusable addresses and repeats dropped.
 */
export async function membersOf(db: Db, c: Caller, input: CreateMailing) {
  const members: Member[] = [];
  let saved: { id: string; name: string } | null = null;
  if (input.savedQueryId) {
    const found = await savedQueryFor(db, c.p, input.savedQueryId);
    saved = { id: input.savedQueryId, name: found.name };
    const audience = await savedAudience(db, c, found.list, found.query);
    for (const a of audience) {
      const raw = input.channel === 'email' ? a.email : a.mobile;
      if (!raw) continue;
      members.push({
        address: addressKey(input.channel, raw),
        merge: {
          name: a.name,
          contactName: a.contactName,
          customerName: a.customerName,
          email: a.email ?? '',
          mobile: a.mobile ?? '',
        },
        customerId: a.customerId,
        contactId: a.contactId,
      });
    }
  } else {
    for (const r of input.recipients ?? []) {
      const address = addressKey(input.channel, r.address);
      const name = r.name || (input.channel === 'email' ? address.split('@')[0] : address);
      members.push({
        address,
        merge: {
          name,
          contactName: name,
          customerName: '',
          email: input.channel === 'email' ? address : '',
          mobile: input.channel === 'sms' ? address : '',
        },
        customerId: null,
        contactId: null,
      });
    }
  }
  // one message per address (a contact listed twice, two contacts sharing a mailbox)
  const seen = new Set<string>();
  return {
    saved,
    members: members.filter(
      (m) => usable(input.channel, m.address) && !seen.has(m.address) && seen.add(m.address),
    ),
  };
}
