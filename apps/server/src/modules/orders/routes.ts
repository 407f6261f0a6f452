import {
  createOrder,
  idParams,
  listResponse,
  type Order,
  order,
  orderListQuery,
  orderRow,
  orderTransition,
  printedDocument,
  quoteAction,
  updateOrder,
} from '@guanxi/contract';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import { localeFrom } from '../../platform/i18n.ts';
import { type ExportColumn, sendSalesExport } from '../quotes/export-service.ts';
import { costVisibility } from '../quotes/pricing-service.ts';
import { printDocument } from '../quotes/print-service.ts';
import * as service from './service.ts';

const T = 'orders';

const statusNames: Record<Order['status'], string> = {
  new: '新建',
  confirmed: '已确认',
  paid: '已付款',
  delivered: '已发货',
  completed: '已完成',
  cancelled: '已取消',
};

/** 订单: new → confirmed → paid → delivered (stock out) → completed; cancelled from new / confirmed. */
export function orderRoutes({ db, readDb }: Deps) {
  return async (app: Api) => {
    app.get(
      '/orders',
      {
        config: { permission: 'orders:view' },
        schema: docs(
          T,
          'Orders in my scope (newest first; by status, customer, owner, quote, order date; q: number)',
          {
            querystring: orderListQuery,
            response: { 200: listResponse(orderRow) },
          },
        ),
      },
      async (req) => service.listOrders(db, callerOf(req), req.query),
    );
    app.get(
      '/orders/export',
      {
        config: { permission: 'orders:export' },
        schema: docs(
          T,
          'The list with its filters as CSV or XLSX (scope; cost and margin only when my field rules show them)',
          {
            querystring: orderListQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
            response: { 200: z.string().describe('the file') },
          },
        ),
      },
      async (req, reply) => {
        const c = callerOf(req);
        const { format, page: _p, pageSize: _s, sort: _o, cursor: _c, ...filters } = req.query;
        const seen = costVisibility(c.p, 'orders');
        const locale = localeFrom(req.headers['accept-language']);
        const columns: ExportColumn<Order>[] = [
          { zh: '编号', en: 'Number', cell: (o) => o.number },
          { zh: '客户', en: 'Customer', cell: (o) => o.customerName },
          { zh: '状态', en: 'Status', cell: (o) => (locale === 'zh-CN' ? statusNames[o.status] : o.status) },
          { zh: '下单日期', en: 'Order date', cell: (o) => o.orderDate },
          { zh: '报价单', en: 'Quote', cell: (o) => o.quoteNumber },
          { zh: '不含税金额', en: 'Subtotal', cell: (o) => o.subtotal },
          { zh: '税率(%)', en: 'Tax rate (%)', cell: (o) => o.taxRate },
          { zh: '税额', en: 'Tax', cell: (o) => o.tax },
          { zh: '合计', en: 'Total', cell: (o) => o.total },
          { zh: '成本', en: 'Cost', cell: (o) => o.cost, when: seen.cost },
          { zh: '毛利', en: 'Margin', cell: (o) => o.margin, when: seen.margin },
          { zh: '负责人', en: 'Owner', cell: (o) => o.ownerName },
          { zh: '部门', en: 'Department', cell: (o) => o.departmentName },
        ];
        return sendSalesExport(
          db,
          c,
          reply,
          { entity: 'orders', zh: '订单', en: 'orders', format, locale },
          columns,
          service.orderExportRows(readDb, c, filters),
        );
      },
    );
    app.get(
      '/orders/:id',
      {
        config: { permission: 'orders:view' },
        schema: docs(T, 'One order with its lines and status history (404 outside the data scope)', {
          params: idParams,
          response: { 200: order },
        }),
      },
      async (req) => service.getOrder(db, callerOf(req), req.params.id),
    );
    app.get(
      '/orders/:id/print',
      {
        config: { permission: 'orders:view' },
        schema: docs(T, "The order rendered by the tenant's print template (404 outside the data scope)", {
          params: idParams,
          response: { 200: printedDocument },
        }),
      },
      async (req) => {
        const c = callerOf(req);
        const o = await service.getOrder(db, c, req.params.id);
        const zh = localeFrom(req.headers['accept-language']) === 'zh-CN';
        return printDocument(db, c, 'order', `${zh ? '订单' : 'Order'} ${o.number}`, o);
      },
    );
    app.get(
      '/customers/:id/orders',
      {
        config: { permission: 'orders:view' },
        schema: docs(T, "A customer's orders in my orders scope (404 when I do not see the customer)", {
          params: idParams,
          querystring: orderListQuery.omit({ customerId: true }),
          response: { 200: listResponse(orderRow) },
        }),
      },
      async (req) => service.customerOrders(db, callerOf(req), req.params.id, req.query),
    );
    app.post(
      '/orders',
      {
        config: { permission: 'orders:create' },
        schema: docs(
          T,
          'Create an order directly, or from an accepted quote (quoteId: linked, its lines copied)',
          {
            body: createOrder,
            response: { 201: order },
          },
        ),
      },
      async (req, reply) => reply.status(201).send(await service.createOrder(db, callerOf(req), req.body)),
    );
    app.post(
      '/quotes/:id/to-order',
      {
        config: { permission: 'orders:create' },
        schema: docs(
          T,
          'Turn an accepted quote into an order, linked, in one step (409 INVALID_TRANSITION otherwise)',
          {
            params: idParams,
            body: quoteAction,
            response: { 201: order },
          },
        ),
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await service.quoteToOrder(db, callerOf(req), req.params.id, req.body.version)),
    );
    app.patch(
      '/orders/:id',
      {
        config: { permission: 'orders:edit' },
        schema: docs(T, 'Change a new order (lines replace them all)', {
          params: idParams,
          body: updateOrder,
          response: { 200: order },
        }),
      },
      async (req) => service.updateOrder(db, callerOf(req), req.params.id, req.body),
    );
    app.post(
      '/orders/:id/transition',
      {
        config: { permission: 'orders:edit' },
        schema: docs(
          T,
          'Move an order: new → confirmed → paid → delivered (warehouseId; stock out per line) → completed, cancelled from new/confirmed; any other move 409 INVALID_TRANSITION',
          { params: idParams, body: orderTransition, response: { 200: order } },
        ),
      },
      async (req) => service.transitionOrder(db, callerOf(req), req.params.id, req.body),
    );
  };
}
