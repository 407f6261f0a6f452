import { sql } from 'drizzle-orm';
import { invalid } from '../../../platform/errors.ts';
import { orderLineSource } from '../../orders/reporting-service.ts';
import { productNames } from '../../products/reporting-service.ts';
import { defineReport } from '../kit/definition.ts';
import {
  departmentDimension,
  departmentFilter,
  dictionaryDimension,
  ownerDimension,
  ownerFilter,
  uuidFilter,
} from '../kit/dimensions.ts';
import { orderLineRollup } from './order-line-rollup.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 产品销售构成: the lines of the counted orders (not cancelled) in the caller's scope and period,
 * by product category or product — amount (the lines' totals) and quantity. Category → product:
 * filter on a category (its sub-categories included) and group by product.
 */
export const productSales = defineReport({
  code: 'product-sales',
  name: { 'zh-CN': '产品销售构成', 'en-US': 'Product sales' },
  requires: ['orders:view'],
  source: ({ p, from, to }) => orderLineSource(p, from, to),
  timed: true,
  defaultRange: 'thisYear',
  dimensions: [
    dictionaryDimension('category_id', 'category', { 'zh-CN': '产品分类', 'en-US': 'Category' }),
    {
      key: 'product',
      name: { 'zh-CN': '产品', 'en-US': 'Product' },
      expr: sql`f.product_id`,
      sqlType: 'uuid',
      label: productNames,
    },
    ownerDimension,
    departmentDimension,
  ],
  defaultGroupBy: 'category',
  measures: [
    {
      key: 'amount',
      name: { 'zh-CN': '销售额', 'en-US': 'Sales' },
      agg: sql`coalesce(sum(f.amount), 0)`,
      perRecord: sql`f.amount`,
      format: 'money',
    },
    {
      key: 'quantity',
      name: { 'zh-CN': '数量', 'en-US': 'Quantity' },
      agg: sql`coalesce(sum(f.quantity), 0)`,
      perRecord: sql`f.quantity`,
      format: 'number',
      // quantities of different units do not add up to a meaningful share
      share: false,
    },
  ],
  filters: [
    {
      key: 'categoryId',
      name: { 'zh-CN': '产品分类', 'en-US': 'Category' },
      type: 'dictionary',
      dictionary: 'product-category',
      // the category tree (dictionary parent_id): a category stands for its sub-categories too
      where: (value) => {
        if (!UUID.test(value)) throw invalid('categoryId', 'not an id');
        return sql`f.category_id IN (WITH RECURSIVE tree AS (
            SELECT id FROM dictionary_items WHERE id = ${value}::uuid
            UNION ALL SELECT i.id FROM dictionary_items i JOIN tree ON i.parent_id = tree.id)
          SELECT id FROM tree)`;
      },
    },
    uuidFilter('product_id', 'productId', { 'zh-CN': '产品', 'en-US': 'Product' }, 'text'),
    ownerFilter(),
    departmentFilter,
  ],
  chart: 'pie',
  defaultTop: 20,
  // whole months from the order lines' monthly rollup (freshness: its last refresh)
  rollup: orderLineRollup,
  drill: {
    // a line opens its order: the id carries both (order:line), unique per line
    id: sql`f.order_id::text || ':' || f.id::text`,
    title: sql`f.number || ' · ' || f.product_name`,
    subtitle: sql`to_char(f.at, 'YYYY-MM-DD')`,
    orderBy: sql`f.at DESC, f.id DESC`,
    link: (id) => `/orders?id=${id.split(':')[0]}`,
  },
});
