import { normalizeMoney, type Opportunity } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { customerAndContactNames } from '../customers/follow-up-service.ts';
import { lastFollowUpAt } from '../follow-ups/activity-service.ts';
import { productsByIds } from '../products/published.ts';

// An opportunity as the API answers it: its fields, the names it refers to, whether it is
// stalled, and what the caller may do with it.

export const DAY = 86_400_000;

export const iso = (v: unknown) => new Date(v as string).toISOString();
export const isoOrNull = (v: unknown) => (v == null ? null : iso(v));
export const str = (v: unknown) => (v as string | null) ?? null;
export const money = (v: unknown) => normalizeMoney(String(v ?? '0'));
export const isOpen = (status: unknown) => status === 'unassigned' || status === 'developing';

type Extras = {
  customers: Map<string, string>;
  contacts: Map<string, string>;
  products: Map<string, string>;
  followUps: Map<string, Date>;
  now: number;
};

/** The later of the stage change, the customer's last follow-up and the last plan item done. */
export function lastActivity(r: Record<string, unknown>, followUps: Map<string, Date>): Date {
  const times = [new Date(r.stage_changed_at as string).getTime()];
  const followUp = r.customer_id ? followUps.get(r.customer_id as string) : undefined;
  if (followUp) times.push(followUp.getTime());
  if (r.plan_done_at) times.push(new Date(r.plan_done_at as string).getTime());
  return new Date(Math.max(...times));
}

export function toOpportunity(p: Principal, r: Record<string, unknown>, x: Extras): Opportunity {
  const status = r.status as Opportunity['status'];
  const open = isOpen(status);
  const activity = lastActivity(r, x.followUps);
  const stalledDays = Number(r.stalled_days ?? 0);
  return {
    id: r.id as string,
    version: Number(r.version),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    title: r.title as string,
    customerId: str(r.customer_id),
    customerName: r.customer_id ? (x.customers.get(r.customer_id as string) ?? null) : null,
    prospectName: str(r.prospect_name),
    productId: str(r.product_id),
    productName: r.product_id ? (x.products.get(r.product_id as string) ?? null) : null,
    expectedAmount: money(r.expected_amount),
    probability: money(r.probability),
    weightedAmount: money(r.weighted_amount),
    stageId: r.stage_id as string,
    stageName: (r.stage_name as string | null) ?? '',
    stagePosition: Number(r.stage_position ?? 0),
    stageChangedAt: iso(r.stage_changed_at),
    expectedCloseDate: String(r.close_date),
    contactId: str(r.contact_id),
    contactName: r.contact_id ? (x.contacts.get(r.contact_id as string) ?? null) : null,
    sourceId: str(r.source_id),
    sourceName: str(r.source_name),
    leadId: str(r.lead_id),
    campaignId: str(r.campaign_id),
    description: str(r.description),
    status,
    creatorId: r.created_by as string,
    creatorName: (r.creator_name as string | null) ?? '',
    assigneeId: str(r.assignee_id),
    assigneeName: str(r.assignee_name),
    assignedAt: isoOrNull(r.assigned_at),
    ownerId: r.owner_id as string,
    ownerName: (r.owner_name as string | null) ?? '',
    departmentId: r.department_id as string,
    departmentName: (r.department_name as string | null) ?? '',
    closedAt: isoOrNull(r.closed_at),
    lostReasonId: str(r.lost_reason_id),
    lostReasonName: str(r.lost_reason_name),
    lostNote: str(r.lost_note),
    stalled: open && stalledDays > 0 && x.now - activity.getTime() > stalledDays * DAY,
    lastActivityAt: activity.toISOString(),
    canEdit: open && can(p, 'opportunities:edit'),
    canAssign: open && can(p, 'opportunities:assign'),
    canClose: status === 'developing' && can(p, 'opportunities:edit'),
    canDelete: status !== 'won' && can(p, 'opportunities:delete'),
  };
}

export async function extrasOf(db: Db, tenantId: string, rows: Record<string, unknown>[]): Promise<Extras> {
  const customerIds = rows.map((r) => r.customer_id as string | null).filter((v): v is string => Boolean(v));
  const contactIds = rows.map((r) => r.contact_id as string | null).filter((v): v is string => Boolean(v));
  const productIds = [
    ...new Set(rows.map((r) => r.product_id as string | null).filter((v): v is string => Boolean(v))),
  ];
  const openCustomers = rows
    .filter((r) => isOpen(r.status) && r.customer_id)
    .map((r) => r.customer_id as string);
  const [names, products, followUps] = await Promise.all([
    customerAndContactNames(db, tenantId, customerIds, contactIds),
    productIds.length ? productsByIds(db, tenantId, productIds) : new Map<string, { name: string }>(),
    lastFollowUpAt(db, tenantId, openCustomers),
  ]);
  return {
    customers: names.customers,
    contacts: names.contacts,
    products: new Map([...products].map(([id, product]) => [id, product.name])),
    followUps,
    now: Date.now(),
  };
}

export async function toOpportunities(db: Db, p: Principal, rows: Record<string, unknown>[]) {
  const x = await extrasOf(db, p.tenantId, rows);
  return rows.map((r) => toOpportunity(p, r, x));
}
