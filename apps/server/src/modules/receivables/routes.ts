import {
  createInvoice,
  createPayment,
  createPaymentPlan,
  decideInvoice,
  type Invoice,
  idParams,
  invoice,
  invoiceListQuery,
  issueInvoice,
  listResponse,
  overdueListQuery,
  type Payment,
  payment,
  paymentListQuery,
  paymentPlan,
  paymentPlanListQuery,
  receivableDocument,
  receivableDocumentQuery,
  updatePaymentPlan,
} from '@guanxi/contract';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import { localeFrom } from '../../platform/i18n.ts';
import { type ExportColumn, sendSalesExport } from '../quotes/export-service.ts';
import * as invoices from './invoice-service.ts';
import * as service from './service.ts';

const R = 'receivables';
const I = 'invoices';

/** An export holds at most this many rows (a list view's, newest first). */
const EXPORT_LIMIT = 10_000;

const format = { format: z.enum(['csv', 'xlsx']).default('xlsx') };
const paymentStatusNames = { pending: '待审批', counted: '已入账', rejected: '已驳回' } as const;
const invoiceStatusNames = {
  requested: '待审核',
  approved: '已审核',
  rejected: '已驳回',
  issued: '已开票',
} as const;

/** 回款 (payment plans, payments, the overdue list) in the receivables scope; 开票 in the invoices scope. */
export function receivableRoutes({ db, readDb }: Deps) {
  return async (app: Api) => {
    // ---- payment plans ----
    app.get(
      '/payment-plans',
      {
        config: { permission: 'receivables:view' },
        schema: docs(R, 'Payment plans in my scope (of a contract, order or customer), by due date', {
          querystring: paymentPlanListQuery,
          response: { 200: listResponse(paymentPlan) },
        }),
      },
      async (req) => service.listPlans(db, callerOf(req), req.query),
    );
    app.get(
      '/payment-plans/:id',
      {
        config: { permission: 'receivables:view' },
        schema: docs(R, 'One payment plan in my scope', { params: idParams, response: { 200: paymentPlan } }),
      },
      async (req) => service.getPlan(db, callerOf(req), req.params.id),
    );
    app.post(
      '/payment-plans',
      {
        config: { permission: 'receivables:create' },
        schema: docs(
          R,
          'An instalment of a contract or order; the plans may not exceed its amount (409 PLAN_EXCEEDS_AMOUNT)',
          {
            body: createPaymentPlan,
            response: { 201: paymentPlan },
          },
        ),
      },
      async (req, reply) => reply.status(201).send(await service.createPlan(db, callerOf(req), req.body)),
    );
    app.patch(
      '/payment-plans/:id',
      {
        config: { permission: 'receivables:edit' },
        schema: docs(R, 'Change a plan: its amount not below what is paid on it (409 PLAN_BELOW_PAID)', {
          params: idParams,
          body: updatePaymentPlan,
          response: { 200: paymentPlan },
        }),
      },
      async (req) => service.updatePlan(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      {
        path: '/payment-plans/:id',
        tag: R,
        summary: 'Delete a plan nothing was paid on',
        permission: 'receivables:delete',
      },
      (req, id, version) => service.deletePlan(db, callerOf(req), id, version),
    );
    app.get(
      '/receivables/overdue',
      {
        config: { permission: 'receivables:view' },
        schema: docs(R, '逾期: plans past due and not fully paid, in my scope, most overdue first', {
          querystring: overdueListQuery,
          response: { 200: listResponse(paymentPlan) },
        }),
      },
      async (req) => service.listOverdue(db, callerOf(req), req.query),
    );
    app.get(
      '/receivables/document',
      {
        config: { permission: 'receivables:view' },
        schema: docs(R, "A contract's or order's money: figures, plans, payments, invoices", {
          querystring: receivableDocumentQuery,
          response: { 200: receivableDocument },
        }),
      },
      async (req) => service.receivableDocument(db, callerOf(req), req.query),
    );
    app.get(
      '/customers/:id/receivables',
      {
        config: { permission: 'receivables:view' },
        schema: docs(R, "A customer's payment plans in my scope, summed (the customer visible to me)", {
          params: idParams,
          response: {
            200: z.object({
              planned: z.string(),
              paid: z.string(),
              outstanding: z.string(),
              overdue: z.string(),
            }),
          },
        }),
      },
      async (req) => service.customerReceivables(db, callerOf(req), req.params.id),
    );

    // ---- payments ----
    app.get(
      '/payments',
      {
        config: { permission: 'receivables:view' },
        schema: docs(R, 'Payments (回款记录) in my scope, latest paid first', {
          querystring: paymentListQuery,
          response: { 200: listResponse(payment) },
        }),
      },
      async (req) => service.listPayments(db, callerOf(req), req.query),
    );
    app.get(
      '/payments/export',
      {
        config: { permission: 'receivables:export' },
        schema: docs(R, `Payments of a list view as CSV or XLSX (scope applies; at most ${EXPORT_LIMIT})`, {
          querystring: paymentListQuery.extend(format),
          response: { 200: z.string().describe('the file') },
        }),
      },
      async (req, reply) => {
        const c = callerOf(req);
        const { format: f, page: _p, pageSize: _s, sort: _o, cursor: _c, ...filters } = req.query;
        const locale = localeFrom(req.headers['accept-language']);
        const zh = locale === 'zh-CN';
        const columns: ExportColumn<Payment>[] = [
          { zh: '回款日期', en: 'Paid on', cell: (x) => x.paidAt },
          { zh: '合同', en: 'Contract', cell: (x) => x.contractNumber },
          { zh: '订单', en: 'Order', cell: (x) => x.orderNumber },
          { zh: '客户', en: 'Customer', cell: (x) => x.customerName },
          { zh: '金额', en: 'Amount', cell: (x) => x.amount },
          { zh: '冲抵应收', en: 'Applied', cell: (x) => x.applied },
          { zh: '预收款', en: 'Prepaid', cell: (x) => x.prepaid },
          { zh: '付款方式', en: 'Method', cell: (x) => x.methodName },
          { zh: '付款人', en: 'Payer', cell: (x) => x.payer },
          { zh: '状态', en: 'Status', cell: (x) => (zh ? paymentStatusNames[x.status] : x.status) },
          { zh: '负责人', en: 'Owner', cell: (x) => x.ownerName },
        ];
        const rows = await service.exportPayments(readDb, c, filters, EXPORT_LIMIT);
        return sendSalesExport(
          db,
          c,
          reply,
          { entity: 'payments', zh: '回款', en: 'payments', format: f, locale },
          columns,
          (async function* () {
            yield rows;
          })(),
        );
      },
    );
    app.get(
      '/payments/:id',
      {
        config: { permission: 'receivables:view' },
        schema: docs(R, 'One payment in my scope, with its allocation to the plans', {
          params: idParams,
          response: { 200: payment },
        }),
      },
      async (req) => service.getPayment(db, callerOf(req), req.params.id),
    );
    app.post(
      '/payments',
      {
        config: { permission: 'receivables:create' },
        schema: docs(
          R,
          '回款登记: allocated to the plans; more than outstanding is 409 OVERPAYMENT unless a prepayment; waits for approval when a payment flow matches',
          { body: createPayment, response: { 201: payment } },
        ),
      },
      async (req, reply) => reply.status(201).send(await service.createPayment(db, callerOf(req), req.body)),
    );

    // ---- invoices ----
    app.get(
      '/invoices',
      {
        config: { permission: 'invoices:view' },
        schema: docs(I, '开票 requests in my scope, newest first', {
          querystring: invoiceListQuery,
          response: { 200: listResponse(invoice) },
        }),
      },
      async (req) => invoices.listInvoices(db, callerOf(req), req.query),
    );
    app.get(
      '/invoices/export',
      {
        config: { permission: 'invoices:export' },
        schema: docs(I, `Invoices of a list view as CSV or XLSX (scope applies; at most ${EXPORT_LIMIT})`, {
          querystring: invoiceListQuery.extend(format),
          response: { 200: z.string().describe('the file') },
        }),
      },
      async (req, reply) => {
        const c = callerOf(req);
        const { format: f, page: _p, pageSize: _s, sort: _o, cursor: _c, ...filters } = req.query;
        const locale = localeFrom(req.headers['accept-language']);
        const zh = locale === 'zh-CN';
        const columns: ExportColumn<Invoice>[] = [
          { zh: '申请时间', en: 'Requested', cell: (x) => x.createdAt },
          { zh: '合同', en: 'Contract', cell: (x) => x.contractNumber },
          { zh: '订单', en: 'Order', cell: (x) => x.orderNumber },
          { zh: '客户', en: 'Customer', cell: (x) => x.customerName },
          { zh: '发票抬头', en: 'Title', cell: (x) => x.title },
          { zh: '税号', en: 'Tax number', cell: (x) => x.taxNumber },
          { zh: '类型', en: 'Type', cell: (x) => (zh ? (x.type === 'special' ? '专票' : '普票') : x.type) },
          { zh: '金额', en: 'Amount', cell: (x) => x.amount },
          { zh: '状态', en: 'Status', cell: (x) => (zh ? invoiceStatusNames[x.status] : x.status) },
          { zh: '发票号码', en: 'Invoice number', cell: (x) => x.invoiceNumber },
          { zh: '开票日期', en: 'Issued on', cell: (x) => x.issuedOn },
        ];
        const rows = await invoices.exportInvoices(readDb, c, filters, EXPORT_LIMIT);
        return sendSalesExport(
          db,
          c,
          reply,
          { entity: 'invoices', zh: '开票', en: 'invoices', format: f, locale },
          columns,
          (async function* () {
            yield rows;
          })(),
        );
      },
    );
    app.get(
      '/invoices/:id',
      {
        config: { permission: 'invoices:view' },
        schema: docs(I, 'One invoice request in my scope', { params: idParams, response: { 200: invoice } }),
      },
      async (req) => invoices.getInvoice(db, callerOf(req), req.params.id),
    );
    app.post(
      '/invoices',
      {
        config: { permission: 'invoices:create' },
        schema: docs(I, '开票申请: at most the invoiceable amount (409 INVOICE_EXCEEDS_AMOUNT)', {
          body: createInvoice,
          response: { 201: invoice },
        }),
      },
      async (req, reply) => reply.status(201).send(await invoices.createInvoice(db, callerOf(req), req.body)),
    );
    app.post(
      '/invoices/:id/decide',
      {
        config: { permission: 'invoices:approve' },
        schema: docs(I, 'Approve or reject (with the reason) a request', {
          params: idParams,
          body: decideInvoice,
          response: { 200: invoice },
        }),
      },
      async (req) => invoices.decideInvoice(db, callerOf(req), req.params.id, req.body),
    );
    app.post(
      '/invoices/:id/issue',
      {
        config: { permission: 'invoices:approve' },
        schema: docs(I, '开具: mark an approved request issued with the invoice number and date', {
          params: idParams,
          body: issueInvoice,
          response: { 200: invoice },
        }),
      },
      async (req) => invoices.issueInvoice(db, callerOf(req), req.params.id, req.body),
    );
  };
}
