/**
 * Orders as the reports count them (统计分析): the caller's orders in scope that count as sales
 * (not cancelled, not deleted), dated by their order date, with the month in the tenant's zone.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.ts';
import { customerOwnership } from '../customers/reporting-service.ts';
import { productCategories } from '../products/reporting-service.ts';
import { orderScope } from './published.ts';

export const orderReportSource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT o.id, o.number, o.customer_id, o.owner_id, o.department_id, o.total, o.ordered_at AS at,
      to_char(o.ordered_at AT TIME ZONE ${p.profile.tenant.timezone}, 'YYYY-MM') AS month
    FROM orders o
    WHERE o.tenant_id = ${p.tenantId} AND o.deleted_at IS NULL AND o.status <> 'cancelled' AND ${orderScope(p)}
      ${from && to ? sql`AND o.ordered_at >= ${from} AND o.ordered_at < ${to}` : sql``}`;

/** The counted orders with their year in the tenant's zone (客户贡献 by year). */
export const orderYearSource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT s.*, to_char(s.at AT TIME ZONE ${p.profile.tenant.timezone}, 'YYYY') AS year
    FROM (${orderReportSource(p, from, to)}) s`;

/**
 * One row per customer with counted orders in the period: their amount and number (大客户 keeps
 * those at or above a threshold), attributed to the customer's 负责人 and department. A customer
 * appears with the part of its orders the caller's scope holds.
 */
export const customerOrderSource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT s.customer_id AS id, c.name, c.number, c.owner_id, c.department_id, s.amount, s.orders, s.at
    FROM (SELECT customer_id, sum(total) AS amount, count(*)::int AS orders, max(at) AS at
          FROM (${orderReportSource(p, from, to)}) o GROUP BY customer_id) s
    LEFT JOIN (${customerOwnership(p.tenantId)}) c ON c.id = s.customer_id`;

/**
 * Order lines of the counted orders (产品销售构成), each with its product's category as the products
 * module gives it, its order's customer, owner, department, date and month. A line's amount is
 * before tax: the lines of an order add up to its subtotal, its total adds the tax on that.
 */
export const orderLineSource = (p: Principal, from: SQL | null, to: SQL | null): SQL =>
  sql`SELECT l.id, l.order_id, o.number, l.product_id, l.product_name, pc.category_id, l.quantity, l.amount,
      o.customer_id, o.owner_id, o.department_id, o.at, o.month
    FROM (${orderReportSource(p, from, to)}) o
    JOIN order_lines l ON l.tenant_id = ${p.tenantId} AND l.order_id = o.id
    LEFT JOIN (${productCategories(p.tenantId)}) pc ON pc.id = l.product_id`;
