import { sql } from 'drizzle-orm';
import { customerNames } from '../../customers/reporting-service.ts';
import { productNames } from '../../products/reporting-service.ts';
import type { Dimension, Measure, ReportDefinition, ReportFilter } from '../kit/definition.ts';
import { departmentFilter, ownerFilter, uuidFilter } from '../kit/dimensions.ts';

/** What the reports over orders and their lines share (业务员销售额排名, 销售分析, 客户贡献). */

export const orderMeasures: Measure[] = [
  {
    key: 'amount',
    name: { 'zh-CN': '销售额', 'en-US': 'Sales' },
    agg: sql`coalesce(sum(f.total), 0)`,
    perRecord: sql`f.total`,
    format: 'money',
  },
  {
    key: 'orders',
    name: { 'zh-CN': '订单数', 'en-US': 'Orders' },
    agg: sql`count(*)`,
    perRecord: sql`1`,
    format: 'count',
  },
];

export const orderFilters: ReportFilter[] = [departmentFilter, ownerFilter()];

/** An order of the drill-down: its number and date, opening the order. */
export const orderDrill: ReportDefinition['drill'] = {
  id: sql`f.id`,
  title: sql`f.number`,
  subtitle: sql`to_char(f.at, 'YYYY-MM-DD')`,
  orderBy: sql`f.at DESC, f.id DESC`,
  link: (id) => `/orders?id=${id}`,
};

/** 客户 over the source's `customer_id`, named by the customers module. */
export const customerDimension: Dimension = {
  key: 'customer',
  name: { 'zh-CN': '客户', 'en-US': 'Customer' },
  expr: sql`f.customer_id`,
  sqlType: 'uuid',
  label: customerNames,
};

/** 客户: one customer's records (the page searches customers). */
export const customerFilter: ReportFilter = {
  ...uuidFilter('customer_id', 'customerId', { 'zh-CN': '客户', 'en-US': 'Customer' }, 'customer'),
  label: customerNames,
};

/** 产品 over an order line's `product_id`, named by the products module. */
export const productDimension: Dimension = {
  key: 'product',
  name: { 'zh-CN': '产品', 'en-US': 'Product' },
  expr: sql`f.product_id`,
  sqlType: 'uuid',
  label: productNames,
};

/** 产品: one product's lines (the page searches products). */
export const productFilter: ReportFilter = {
  ...uuidFilter('product_id', 'productId', { 'zh-CN': '产品', 'en-US': 'Product' }, 'product'),
  label: productNames,
};

/** An order line of a drill-down: the id carries its order and itself (order:line), opening the order. */
export const orderLineDrill: ReportDefinition['drill'] = {
  id: sql`f.order_id::text || ':' || f.id::text`,
  title: sql`f.number || ' · ' || f.product_name`,
  subtitle: sql`to_char(f.at, 'YYYY-MM-DD')`,
  orderBy: sql`f.at DESC, f.id DESC`,
  link: (id) => `/orders?id=${id.split(':')[0]}`,
};
