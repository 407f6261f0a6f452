/**
 * Records that belong to a customer (`<table>.<column>` = customer id). Merge moves them all to
 * the surviving customer and the 360 timeline reads their audit entries; later modules
 * (follow-ups, opportunities, tickets …) register theirs here.
 */
export type CustomerChild = {
  table: string;
  column: string;
  /** The audit entity of these records, for the merged timeline. */
  entity: string;
};

const children: CustomerChild[] = [];

export function registerCustomerChild(child: CustomerChild) {
  if (!children.some((c) => c.table === child.table)) children.push(child);
}

export const customerChildren = (): readonly CustomerChild[] => children;
