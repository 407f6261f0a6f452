import { type SQL, sql } from 'drizzle-orm';
import { customerRegions } from '../../customers/reporting-service.ts';
import { orderLineSource, orderReportSource } from '../../orders/reporting-service.ts';
import { defineReport, type Measure } from '../kit/definition.ts';
import {
  departmentDimension,
  dictionaryDimension,
  dictionaryTreeFilter,
  monthDimension,
  ownerDimension,
  regionDimensions,
  regionFilter,
} from '../kit/dimensions.ts';
import {
  customerDimension,
  customerFilter,
  orderDrill,
  orderFilters,
  orderLineDrill,
  orderMeasures,
  productDimension,
  productFilter,
} from './order-parts.ts';
import { orderRollup } from './order-rollup.ts';

/** Orders or their lines with the province, city and district of the order's customer (its region now). */
const withCustomerRegion = (rows: SQL, tenantId: string) =>
  sql`SELECT s.*, cr.province_id, cr.city_id, cr.district_id
    FROM (${rows}) s LEFT JOIN (${customerRegions(tenantId)}) cr ON cr.id = s.customer_id`;

/**
 * At the lines' grain: the lines add up to their orders' subtotals, before tax (an order's total
 * adds the tax on its subtotal, which no line carries), so the measure says so; and an order
 * spread over several products is counted once per line, never as an order per product.
 */
const lineMeasures: Measure[] = [
  {
    key: 'lineAmount',
    name: { 'zh-CN': '产品销售额（未税）', 'en-US': 'Product sales (before tax)' },
    agg: sql`coalesce(sum(f.amount), 0)`,
    perRecord: sql`f.amount`,
    format: 'money',
  },
  {
    key: 'lines',
    name: { 'zh-CN': '订单行数', 'en-US': 'Order lines' },
    agg: sql`count(*)`,
    perRecord: sql`1`,
    format: 'count',
  },
];

/**
 * 销售分析: sales of the caller's scope in the period by any one dimension, or as a pivot of two
 * (`groupBy2`: rows × columns, e.g. 省份 × 产品) — region (of the order's customer: province →
 * city → district), customer, department, owner, month, product category, product. Orders' totals
 * (with tax) and counts; by product or category (grouped or filtered) their lines' amounts before
 * tax and line counts, drilling down to the lines.
 */
export const salesPivot = defineReport({
  code: 'sales-pivot',
  name: { 'zh-CN': '销售分析', 'en-US': 'Sales analysis' },
  requires: ['orders:view'],
  source: ({ p, from, to }) => withCustomerRegion(orderReportSource(p, from, to), p.tenantId),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [
    departmentDimension,
    ownerDimension,
    monthDimension,
    ...regionDimensions,
    customerDimension,
    {
      ...dictionaryDimension('category_id', 'category', { 'zh-CN': '产品分类', 'en-US': 'Category' }),
      next: { groupBy: 'product', filter: 'categoryId' },
    },
    productDimension,
  ],
  defaultGroupBy: 'department',
  pivot: true,
  measures: orderMeasures,
  filters: [
    ...orderFilters,
    regionFilter,
    customerFilter,
    dictionaryTreeFilter(
      'category_id',
      'categoryId',
      { 'zh-CN': '产品分类', 'en-US': 'Category' },
      'product-category',
    ),
    productFilter,
  ],
  chart: 'bar',
  defaultTop: 20,
  // whole months from the orders' monthly rollup (freshness: its last refresh) by owner, department
  // or month; by region or customer live
  rollup: orderRollup,
  drill: orderDrill,
  // products are on the order lines
  finer: {
    keys: ['category', 'product', 'categoryId', 'productId'],
    source: ({ p, from, to }) => withCustomerRegion(orderLineSource(p, from, to), p.tenantId),
    measures: lineMeasures,
    drill: orderLineDrill,
  },
});
