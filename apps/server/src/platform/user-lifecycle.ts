import type { Db } from '../db/client.ts';
import type { Actor } from './audit.ts';
import type { Principal } from './auth/principal.ts';

/** Where a leaving user's records go: another user, or (for customers) a public pool. */
export type DepartureTarget = { userId: string } | { poolId: string };

type DepartureContext = {
  p: Principal;
  actor: Actor;
  fromUserId: string;
  target: DepartureTarget;
  /** Only these customers (and their records); all when absent. */
  customerIds?: string[];
};

/**
 * What modules do when something happens to a user. Records "owned" by a user follow its
 * department (department scopes filter on it), and a departure hands them over. A module declares
 * its handler in its manifest (`userLifecycle`); the composition root installs them all at once.
 */
export type UserLifecycle = {
  name: string;
  departmentChanged?: (tx: Db, tenantId: string, userId: string, departmentId: string) => Promise<void>;
  /** Hands the leaving user's open records over; returns how many moved. */
  departure?: (tx: Db, ctx: DepartureContext) => Promise<number>;
};

let handlers: readonly UserLifecycle[] = [];

/** Called once by the composition root with every manifest's handler, in manifest order. */
export function installUserLifecycles(list: readonly UserLifecycle[]) {
  handlers = list;
}

export const userLifecycles = (): readonly UserLifecycle[] => handlers;
