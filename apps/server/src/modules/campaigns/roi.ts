import type { CampaignResults } from '@guanxi/contract';
import { fromCents, toCents } from '@guanxi/contract';

export type LeadCounts = { leads: number; converted: number; customers: number };
export const noLeads: LeadCounts = { leads: 0, converted: 0, customers: 0 };
/** A campaign's lead counts and the won amount of the opportunities that came from it. */
export type Figures = LeadCounts & { wonAmount: string };
export const noFigures: Figures = { ...noLeads, wonAmount: '0.00' };

/** `cost / n` to the cent, rounded half up, in integer cents; null with nothing to divide by. */
export function costPer(cost: string, n: number): string | null {
  if (n <= 0) return null;
  const cents = toCents(cost);
  const count = BigInt(n);
  return fromCents((cents * 2n + count) / (count * 2n));
}

/** What a campaign (or a group of them) cost and produced, won amounts included. */
export function resultsOf(cost: string, figures: Figures): CampaignResults {
  return {
    cost: fromCents(toCents(cost)),
    leads: figures.leads,
    converted: figures.converted,
    customers: figures.customers,
    costPerLead: costPer(cost, figures.leads),
    costPerCustomer: costPer(cost, figures.customers),
    wonAmount: fromCents(toCents(figures.wonAmount)),
  };
}

/** Adds up the costs and won amounts (exactly) and counts of several campaigns. */
export function addUp(rows: { cost: string; counts: Figures }[]): { cost: string; counts: Figures } {
  let cents = 0n;
  let won = 0n;
  const counts = { ...noLeads };
  for (const r of rows) {
    cents += toCents(r.cost);
    won += toCents(r.counts.wonAmount);
    counts.leads += r.counts.leads;
    counts.converted += r.counts.converted;
    counts.customers += r.counts.customers;
  }
  return { cost: fromCents(cents), counts: { ...counts, wonAmount: fromCents(won) } };
}
