import { sql } from 'drizzle-orm';
import { scopeByDepartment } from '../../../platform/access.ts';
import { orderLineRollupRefreshedAt, orderLineRollupSource } from '../../orders/line-rollup-service.ts';
import type { ReportRollup } from '../kit/definition.ts';

/**
 * The order lines' monthly rollup (订单明细月度汇总, kept by the orders module) as 产品销售构成
 * reads it: by category, product or department, filtered by any of them, amount and quantity
 * summed from the months' partial sums. A scope of persons (本人, 本人及下属) and the owner read
 * the lines live (not kept per person; a person's lines are few).
 */
export const orderLineRollup: ReportRollup = {
  dimensions: ['category', 'product', 'department'],
  filters: ['categoryId', 'productId', 'departmentId'],
  measures: {
    amount: sql`coalesce(sum(f.amount), 0)`,
    quantity: sql`coalesce(sum(f.quantity), 0)`,
  },
  answers: (p) => scopeByDepartment(p, 'orders'),
  // the whole tenant's rows unless the department is grouped or filtered on
  source: (p, fromMonth, toMonth, wants) =>
    orderLineRollupSource(
      p,
      fromMonth,
      toMonth,
      wants.dimension === 'department' || wants.filters.includes('departmentId'),
    ),
  refreshedAt: orderLineRollupRefreshedAt,
};
