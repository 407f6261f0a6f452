import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';

/**
 * Records that belong to a customer (`<table>.<column>` = customer id). Merge moves them all to
 * the surviving customer and the 360 timeline reads their audit entries. Modules declare theirs
 * in their manifest (`customerChildren`); the composition root installs them all at once.
 * The table needs an index on (tenant_id, column) that also holds deleted rows (not partial on
 * `deleted_at`): the timeline reads the history of deleted records too, one look-up per customer.
 */
export type CustomerChild = {
  table: string;
  column: string;
  /** The audit entity of these records, for the merged timeline. */
  entity: string;
  /**
   * Which of these records the caller may see on the timeline: SQL over the record as `x`, or
   * `false` for none (no view permission). Absent: all of them, as their customer. A module whose
   * records have their own scope or privacy says so here, or the timeline would show them.
   */
  visibleTo?: (p: Principal) => SQL | false;
  /**
   * A link table whose key is (this column, `uniqueWith`): where both merged customers have the
   * same link (both on one price list), merge drops the source's instead of colliding with it.
   */
  uniqueWith?: string;
  /**
   * Runs in the merge's transaction before the records move, to settle a rule the move would
   * break (one open churn warning per customer).
   */
  beforeMerge?: (tx: Db, actor: Actor, sourceId: string, targetId: string) => Promise<void>;
};

let children: readonly CustomerChild[] = [];

export function installCustomerChildren(list: readonly CustomerChild[]) {
  children = list;
}

export const customerChildren = (): readonly CustomerChild[] => children;
