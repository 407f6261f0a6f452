import type { CampaignResults } from '@guanxi/contract';
import { fromCents, toCents } from '@guanxi/contract';

export type LeadCounts = { leads: number; converted: number; customers: number };
export const noLeads: LeadCounts = { leads: 0, converted: 0, customers: 0 };

/** `cost / n` to the cent, rounded half up, in integer cents; null with nothing to divide by. */
export function costPer(cost: string, n: number): string | null {
  if (n <= 0) return null;
  const cents = toCents(cost);
  const count = BigInt(n);
  return fromCents((cents * 2n + count) / (count * 2n));
}

/** What a campaign (or a group of them) cost and produced. Won amount waits for a sales module. */
export function resultsOf(cost: string, counts: LeadCounts): CampaignResults {
  return {
    cost: fromCents(toCents(cost)),
    ...counts,
    costPerLead: costPer(cost, counts.leads),
    costPerCustomer: costPer(cost, counts.customers),
    wonAmount: null,
  };
}

/** Adds up the costs (exactly) and counts of several campaigns. */
export function addUp(rows: { cost: string; counts: LeadCounts }[]): { cost: string; counts: LeadCounts } {
  let cents = 0n;
  const counts = { ...noLeads };
  for (const r of rows) {
    cents += toCents(r.cost);
    counts.leads += r.counts.leads;
    counts.converted += r.counts.converted;
    counts.customers += r.counts.customers;
  }
  return { cost: fromCents(cents), counts };
}
