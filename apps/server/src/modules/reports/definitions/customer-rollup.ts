import { sql } from 'drizzle-orm';
import { scopeByDepartment } from '../../../platform/access.ts';
import {
  type CustomerRollupDim,
  customerRollupRefreshedAt,
  customerRollupSource,
} from '../../customers/rollup-service.ts';
import type { ReportRollup } from '../kit/definition.ts';

/** The kept dimension each grouping reads (a region level: the region chosen, resolved when read). */
const dimOf: Record<string, CustomerRollupDim> = {
  level: 'level',
  industry: 'industry',
  source: 'source',
  province: 'region',
  city: 'region',
  district: 'region',
  credit: 'credit',
  satisfaction: 'satisfaction',
  owner: 'owner',
  department: 'total',
};

/**
 * The customers' monthly rollup (客户月度构成, kept by the customers module) as 客户构成 reads it:
 * by any of its groupings, filtered by department only (a dictionary filter or a region's
 * drill-down reads live), for department scopes (本人's customers are few: live).
 */
export const customerCompositionRollup: ReportRollup = {
  dimensions: Object.keys(dimOf),
  filters: ['departmentId'],
  measures: { customers: sql`coalesce(sum(f.customers), 0)` },
  answers: (p) => scopeByDepartment(p, 'customers'),
  source: (p, fromMonth, toMonth, wants) =>
    customerRollupSource(
      p,
      fromMonth,
      toMonth,
      dimOf[wants.dimension]!,
      wants.dimension === 'department' || wants.filters.includes('departmentId'),
    ),
  refreshedAt: customerRollupRefreshedAt,
};
