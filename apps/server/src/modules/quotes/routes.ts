import {
  createQuote,
  decideQuote,
  idParams,
  listResponse,
  printedDocument,
  type Quote,
  quote,
  quoteAction,
  quoteListQuery,
  quoteRow,
  quoteSettings,
  updateQuote,
  updateQuoteSettings,
} from '@guanxi/contract';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import { localeFrom } from '../../platform/i18n.ts';
import { type ExportColumn, sendSalesExport } from './export-service.ts';
import { costVisibility } from './pricing-service.ts';
import { printDocument } from './print-service.ts';
import * as service from './service.ts';

const T = 'quotes';

const statusNames: Record<Quote['status'], string> = {
  draft: '草稿',
  'in-approval': '审批中',
  approved: '已审批',
  sent: '已发送',
  accepted: '已接受',
  rejected: '已拒绝',
  expired: '已过期',
};

/** 报价单: draft → (approval of a discount above the threshold) → sent → accepted / rejected / expired. */
export function quoteRoutes({ db, readDb }: Deps) {
  return async (app: Api) => {
    app.get(
      '/quotes',
      {
        config: { permission: 'quotes:view' },
        schema: docs(
          T,
          'Quotes in my scope (newest first; by status, customer, owner, opportunity; q: number)',
          {
            querystring: quoteListQuery,
            response: { 200: listResponse(quoteRow) },
          },
        ),
      },
      async (req) => service.listQuotes(db, callerOf(req), req.query),
    );
    app.get(
      '/quotes/export',
      {
        config: { permission: 'quotes:export' },
        schema: docs(
          T,
          'The list with its filters as CSV or XLSX (scope; cost and margin only when my field rules show them)',
          {
            querystring: quoteListQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
            response: { 200: z.string().describe('the file') },
          },
        ),
      },
      async (req, reply) => {
        const c = callerOf(req);
        const { format, page: _p, pageSize: _s, sort: _o, cursor: _c, ...filters } = req.query;
        const seen = costVisibility(c.p, 'quotes');
        const locale = localeFrom(req.headers['accept-language']);
        const columns: ExportColumn<Quote>[] = [
          { zh: '编号', en: 'Number', cell: (q) => q.number },
          { zh: '客户', en: 'Customer', cell: (q) => q.customerName },
          { zh: '状态', en: 'Status', cell: (q) => (locale === 'zh-CN' ? statusNames[q.status] : q.status) },
          { zh: '有效期至', en: 'Valid until', cell: (q) => q.validUntil },
          { zh: '不含税金额', en: 'Subtotal', cell: (q) => q.subtotal },
          { zh: '税率(%)', en: 'Tax rate (%)', cell: (q) => q.taxRate },
          { zh: '税额', en: 'Tax', cell: (q) => q.tax },
          { zh: '合计', en: 'Total', cell: (q) => q.total },
          { zh: '成本', en: 'Cost', cell: (q) => q.cost, when: seen.cost },
          { zh: '毛利', en: 'Margin', cell: (q) => q.margin, when: seen.margin },
          { zh: '最大折扣(%)', en: 'Max discount (%)', cell: (q) => q.maxDiscount },
          { zh: '负责人', en: 'Owner', cell: (q) => q.ownerName },
          { zh: '部门', en: 'Department', cell: (q) => q.departmentName },
          { zh: '创建时间', en: 'Created', cell: (q) => q.createdAt },
        ];
        return sendSalesExport(
          db,
          c,
          reply,
          { entity: 'quotes', zh: '报价单', en: 'quotes', format, locale },
          columns,
          service.quoteExportRows(readDb, c.p, filters),
        );
      },
    );
    app.get(
      '/quotes/settings',
      {
        config: { permission: 'quotes:view' },
        schema: docs(T, 'The discount approval threshold (percent; default 15)', {
          response: { 200: quoteSettings },
        }),
      },
      async (req) => service.getSettings(db, callerOf(req).p.tenantId),
    );
    app.put(
      '/quotes/settings',
      {
        config: { permission: 'system:admin' },
        schema: docs(T, 'Change the discount approval threshold (version 0 the first time)', {
          body: updateQuoteSettings,
          response: { 200: quoteSettings },
        }),
      },
      async (req) => service.saveSettings(db, callerOf(req), req.body.discountThreshold, req.body.version),
    );
    app.get(
      '/quotes/:id',
      {
        config: { permission: 'quotes:view' },
        schema: docs(T, 'One quote with its lines (404 outside the data scope)', {
          params: idParams,
          response: { 200: quote },
        }),
      },
      async (req) => service.getQuote(db, callerOf(req).p, req.params.id),
    );
    app.get(
      '/quotes/:id/print',
      {
        config: { permission: 'quotes:view' },
        schema: docs(T, "The quote rendered by the tenant's print template (404 outside the data scope)", {
          params: idParams,
          response: { 200: printedDocument },
        }),
      },
      async (req) => {
        const c = callerOf(req);
        const q = await service.getQuote(db, c.p, req.params.id);
        const zh = localeFrom(req.headers['accept-language']) === 'zh-CN';
        return printDocument(db, c, 'quote', `${zh ? '报价单' : 'Quote'} ${q.number}`, q);
      },
    );
    app.post(
      '/quotes',
      {
        config: { permission: 'quotes:create' },
        schema: docs(
          T,
          'Create a draft quote; unit prices default to the customer’s price lists; totals computed exactly',
          {
            body: createQuote,
            response: { 201: quote },
          },
        ),
      },
      async (req, reply) => reply.status(201).send(await service.createQuote(db, callerOf(req), req.body)),
    );
    app.patch(
      '/quotes/:id',
      {
        config: { permission: 'quotes:edit' },
        schema: docs(
          T,
          'Change a draft quote (lines replace them all); 409 INVALID_TRANSITION once submitted',
          {
            params: idParams,
            body: updateQuote,
            response: { 200: quote },
          },
        ),
      },
      async (req) => service.updateQuote(db, callerOf(req), req.params.id, req.body),
    );
    const action = (
      path: string,
      summary: string,
      run: (
        req: { id: string; version: number; comment?: string },
        c: ReturnType<typeof callerOf>,
      ) => Promise<Quote>,
    ) =>
      app.post(
        `/quotes/:id/${path}`,
        {
          config: { permission: 'quotes:edit' },
          schema: docs(T, summary, { params: idParams, body: quoteAction, response: { 200: quote } }),
        },
        async (req) => run({ id: req.params.id, ...req.body }, callerOf(req)),
      );
    action(
      'submit',
      'Submit a draft: a discount above the threshold goes to approval, else approved at once',
      (r, c) => service.submitQuote(db, c, r.id, r.version),
    );
    action(
      'send',
      'Mark an approved quote sent to the customer (409 INVALID_TRANSITION before approval)',
      (r, c) => service.moveQuote(db, c, r.id, 'send', r.version, r.comment),
    );
    action('accept', 'The customer accepted a sent quote', (r, c) =>
      service.moveQuote(db, c, r.id, 'accept', r.version, r.comment),
    );
    action('reject', 'The customer rejected a sent quote', (r, c) =>
      service.moveQuote(db, c, r.id, 'reject', r.version, r.comment),
    );
    app.post(
      '/quotes/:id/decide',
      {
        config: { permission: 'quotes:approve' },
        schema: docs(T, 'Approve or reject a quote in approval that no approval flow took (not my own)', {
          params: idParams,
          body: decideQuote,
          response: { 200: quote },
        }),
      },
      async (req) => service.decideQuote(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      { path: '/quotes/:id', tag: T, summary: 'Delete a draft quote', permission: 'quotes:delete' },
      (req, id, version) => service.deleteQuote(db, callerOf(req), id, version),
    );
  };
}
