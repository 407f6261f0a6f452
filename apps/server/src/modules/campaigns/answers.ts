import type { Campaign, CampaignListItem } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import { leadCountsByCampaign } from '../leads/service.ts';
import { wonAmountByCampaign } from '../opportunities/published.ts';
import * as repo from './repository.ts';
import { type Figures, type LeadCounts, noFigures, noLeads, resultsOf } from './roi.ts';

// A campaign as the API answers it: its row, its participants and expense lines, and its results
// (leads, customers, won amount) counted by the modules that own them.

const iso = (v: unknown) => new Date(v as string).toISOString();
const text = (v: unknown) => (v as string | null) ?? null;

export function toListItem(r: Record<string, unknown>, counts: LeadCounts = noLeads): CampaignListItem {
  return {
    id: r.id as string,
    version: r.version as number,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    number: r.number as string,
    name: r.name as string,
    channel: r.channel_id as string,
    channelName: (r.channel_name as string | null) ?? '',
    status: r.status as CampaignListItem['status'],
    startDate: r.start_text as string,
    endDate: r.end_text as string,
    budget: text(r.budget_text),
    totalExpense: r.total_expense as string,
    ownerId: r.owner_id as string,
    ownerName: (r.owner_name as string | null) ?? '',
    departmentId: r.department_id as string,
    departmentName: (r.department_name as string | null) ?? '',
    leads: counts.leads,
    customers: counts.customers,
  };
}

/** Leads, converted leads and customers per campaign (the leads module counts its own). */
export const countsOf = (db: Db, tenantId: string, ids: string[]) =>
  ids.length ? leadCountsByCampaign(db, tenantId, ids) : Promise.resolve(new Map<string, LeadCounts>());

/**
 * Lead counts and the won amount of the opportunities that came from each campaign (converted
 * from its leads, or naming it) — the opportunities module sums its own.
 */
export async function figuresOf(db: Db, tenantId: string, ids: string[]): Promise<Map<string, Figures>> {
  const [counts, won] = await Promise.all([
    countsOf(db, tenantId, ids),
    wonAmountByCampaign(db, tenantId, ids),
  ]);
  return new Map(
    ids.map((id) => [id, { ...(counts.get(id) ?? noLeads), wonAmount: won.get(id) ?? noFigures.wonAmount }]),
  );
}

export async function toCampaign(db: Db, p: Principal, r: Record<string, unknown>): Promise<Campaign> {
  const id = r.id as string;
  const [participants, expenses, counts] = await Promise.all([
    repo.participantsOf(db, p.tenantId, id),
    repo.expensesOf(db, p.tenantId, id),
    figuresOf(db, p.tenantId, [id]),
  ]);
  const item = toListItem(r, counts.get(id));
  return {
    ...item,
    targetCustomers: text(r.target_customers),
    products: text(r.products),
    partners: text(r.partners),
    description: text(r.description),
    participants,
    expenses: expenses.map((e) => ({
      id: e.id,
      item: e.item,
      amount: e.amount,
      spentOn: e.spent_on,
      note: e.note,
    })),
    results: resultsOf(item.totalExpense, counts.get(id) ?? noFigures),
    canEdit: can(p, 'campaigns:edit'),
    canDelete: can(p, 'campaigns:delete'),
  };
}
