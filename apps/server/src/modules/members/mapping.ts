import type { Member, MemberPointEntry } from '@guanxi/contract';
import { dateText, isoOf } from '../../platform/dates.ts';
import type { EntryRow, MemberRow } from './repository.ts';

/** Rows as the API answers them; names come from the customers module (`names`). */

export type Names = { customers: Map<string, string>; contacts: Map<string, string> };

export const toMember = (r: MemberRow, names: Names): Member => ({
  id: r.id,
  version: r.version,
  createdAt: isoOf(r.created_at)!,
  updatedAt: isoOf(r.updated_at)!,
  number: r.number,
  customerId: r.customer_id,
  customerName: names.customers.get(r.customer_id) ?? '',
  contactId: r.contact_id,
  contactName: r.contact_id ? (names.contacts.get(r.contact_id) ?? null) : null,
  levelId: r.level_id,
  levelName: r.level_name,
  joinedAt: dateText(r.joined_at),
  status: r.status,
  points: Number(r.points),
  lifetimePoints: Number(r.lifetime_points),
  lifetimeSpend: r.lifetime_spend,
});

export const toEntry = (r: EntryRow): MemberPointEntry => ({
  id: r.id,
  kind: r.kind,
  points: Number(r.points),
  balanceAfter: Number(r.balance_after),
  reason: r.reason,
  sourceKind: r.source_kind,
  sourceId: r.source_id,
  expiresAt: isoOf(r.expires_at),
  remaining: r.remaining == null ? null : Number(r.remaining),
  createdAt: isoOf(r.created_at)!,
  createdBy: r.created_by,
});
