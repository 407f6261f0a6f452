import type { Db } from '../db/client.ts';
import type { Actor } from './audit.ts';
import type { Principal } from './auth/principal.ts';

/** Where a leaving user's records go: another user, or (for customers) a public pool. */
export type DepartureTarget = { userId: string } | { poolId: string };

export type DepartureContext = {
  p: Principal;
  actor: Actor;
  fromUserId: string;
  target: DepartureTarget;
  /** Only these customers (and their records); all when absent. */
  customerIds?: string[];
};

/**
 * What modules do when something happens to a user. Records "owned" by a user follow its
 * department (department scopes filter on it), and a departure hands them over. Customers
 * register now; follow-ups, opportunities, tickets … join later with one registration each.
 */
export type UserLifecycle = {
  name: string;
  departmentChanged?: (tx: Db, tenantId: string, userId: string, departmentId: string) => Promise<void>;
  /** Hands the leaving user's open records over; returns how many moved. */
  departure?: (tx: Db, ctx: DepartureContext) => Promise<number>;
};

const handlers: UserLifecycle[] = [];

export function registerUserLifecycle(h: UserLifecycle) {
  if (!handlers.some((x) => x.name === h.name)) handlers.push(h);
}

export const userLifecycles = (): readonly UserLifecycle[] => handlers;
