import { sql } from 'drizzle-orm';
import { receivableRollupRefreshedAt, receivableRollupSource } from '../../receivables/rollup-service.ts';
import type { ReportRollup } from '../kit/definition.ts';

/**
 * The receivables' monthly rollup (回款月度汇总, kept by the receivables module) as 回款分析 reads
 * it: by month, owner or department, filtered by either, planned, received and overdue summed from
 * the months' partial sums. Ageing and customer read the source.
 */
export const receivableRollup: ReportRollup = {
  dimensions: ['month', 'owner', 'department'],
  filters: ['ownerId', 'departmentId'],
  measures: {
    planned: sql`coalesce(sum(f.planned), 0)`,
    received: sql`coalesce(sum(f.received), 0)`,
    overdue: sql`coalesce(sum(f.overdue), 0)`,
  },
  source: receivableRollupSource,
  refreshedAt: receivableRollupRefreshedAt,
};
