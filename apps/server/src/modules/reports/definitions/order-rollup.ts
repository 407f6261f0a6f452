import { sql } from 'drizzle-orm';
import { orderRollupRefreshedAt, orderRollupSource } from '../../orders/rollup-service.ts';
import type { ReportRollup } from '../kit/definition.ts';

/**
 * The orders' monthly rollup (订单月度汇总, kept by the orders module) as 业务员销售额排名 and
 * 销售分析 read it: by owner, department or month, filtered by either, the amount and the number
 * of orders summed from the months' partial sums.
 */
export const orderRollup: ReportRollup = {
  dimensions: ['owner', 'department', 'month'],
  filters: ['ownerId', 'departmentId'],
  measures: {
    amount: sql`coalesce(sum(f.amount), 0)`,
    orders: sql`coalesce(sum(f.orders), 0)`,
  },
  source: orderRollupSource,
  refreshedAt: orderRollupRefreshedAt,
};
