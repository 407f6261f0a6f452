import {
  type Contract,
  contract,
  contractListQuery,
  contractPrint,
  contractSettings,
  contractVersion,
  createContract,
  idParams,
  listResponse,
  terminateContract,
  updateContract,
} from '@guanxi/contract';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import { localeFrom } from '../../platform/i18n.ts';
import { type ExportColumn, sendSalesExport } from '../quotes/export-service.ts';
import * as lifecycle from './lifecycle-service.ts';
import { printContract } from './print.ts';
import * as service from './service.ts';

const T = 'contracts';

/** An export holds at most this many contracts (a list view's, newest first). */
const EXPORT_LIMIT = 10_000;

const statusNames: Record<Contract['status'], string> = {
  draft: '草稿',
  'in-approval': '审批中',
  active: '执行中',
  expired: '已到期',
  terminated: '已终止',
};

/** 合同 within the contracts scope: create, edit a draft, submit (approval), terminate, print, export. */
export function contractRoutes({ db, readDb }: Deps) {
  return async (app: Api) => {
    app.get(
      '/contracts',
      {
        config: { permission: 'contracts:view' },
        schema: docs(T, 'Contracts in my scope; endingWithin=N the active ones ending within N days', {
          querystring: contractListQuery,
          response: { 200: listResponse(contract) },
        }),
      },
      async (req) => service.listContracts(db, callerOf(req), req.query),
    );
    app.get(
      '/contracts/export',
      {
        config: { permission: 'contracts:export' },
        schema: docs(T, `The list with its filters as CSV or XLSX (scope applies; at most ${EXPORT_LIMIT})`, {
          querystring: contractListQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
          response: { 200: z.string().describe('the file') },
        }),
      },
      async (req, reply) => {
        const c = callerOf(req);
        const { format, page: _p, pageSize: _s, sort: _o, cursor: _c, ...filters } = req.query;
        const locale = localeFrom(req.headers['accept-language']);
        const zh = locale === 'zh-CN';
        const columns: ExportColumn<Contract>[] = [
          { zh: '编号', en: 'Number', cell: (k) => k.number },
          { zh: '合同名称', en: 'Title', cell: (k) => k.title },
          { zh: '客户', en: 'Customer', cell: (k) => k.customerName },
          { zh: '订单', en: 'Order', cell: (k) => k.orderNumber },
          { zh: '状态', en: 'Status', cell: (k) => (zh ? statusNames[k.status] : k.status) },
          { zh: '合同金额', en: 'Amount', cell: (k) => k.amount },
          { zh: '已回款', en: 'Received', cell: (k) => k.figures.received },
          { zh: '未回款', en: 'Outstanding', cell: (k) => k.figures.outstanding },
          { zh: '已开票', en: 'Invoiced', cell: (k) => k.figures.invoiced },
          { zh: '签订日期', en: 'Signed', cell: (k) => k.signedAt },
          { zh: '开始日期', en: 'Start', cell: (k) => k.startDate },
          { zh: '结束日期', en: 'End', cell: (k) => k.endDate },
          { zh: '负责人', en: 'Owner', cell: (k) => k.ownerName },
          { zh: '部门', en: 'Department', cell: (k) => k.departmentName },
        ];
        const rows = await service.exportContracts(readDb, c, filters, EXPORT_LIMIT);
        async function* blocks() {
          yield rows;
        }
        return sendSalesExport(
          db,
          c,
          reply,
          { entity: 'contracts', zh: '合同', en: 'contracts', format, locale },
          columns,
          blocks(),
        );
      },
    );
    app.get(
      '/contracts/settings',
      {
        config: { permission: 'contracts:view' },
        schema: docs(T, 'Contract settings: 到期提醒 days before the end date', {
          response: { 200: contractSettings },
        }),
      },
      async (req) => service.getSettings(db, callerOf(req).p),
    );
    app.put(
      '/contracts/settings',
      {
        config: { permission: 'contracts:admin' },
        schema: docs(T, 'Change the contract settings (versioned)', {
          body: contractSettings,
          response: { 200: contractSettings },
        }),
      },
      async (req) => service.updateSettings(db, callerOf(req), req.body),
    );
    app.get(
      '/contracts/:id',
      {
        config: { permission: 'contracts:view' },
        schema: docs(T, 'One contract in my scope, with its receivable figures', {
          params: idParams,
          response: { 200: contract },
        }),
      },
      async (req) => service.getContract(db, callerOf(req), req.params.id),
    );
    app.get(
      '/contracts/:id/print',
      {
        config: { permission: 'contracts:view' },
        schema: docs(T, "The contract through the tenant's print template (scope applies)", {
          params: idParams,
          response: { 200: contractPrint },
        }),
      },
      async (req) => printContract(db, callerOf(req), req.params.id),
    );
    app.post(
      '/contracts',
      {
        config: { permission: 'contracts:create' },
        schema: docs(T, 'A draft contract (numbered HT…) of a customer I see, optionally of its order', {
          body: createContract,
          response: { 201: contract },
        }),
      },
      async (req, reply) => reply.status(201).send(await service.createContract(db, callerOf(req), req.body)),
    );
    app.patch(
      '/contracts/:id',
      {
        config: { permission: 'contracts:edit' },
        schema: docs(T, 'Change a draft (409 INVALID_TRANSITION otherwise; its amount not below its plans)', {
          params: idParams,
          body: updateContract,
          response: { 200: contract },
        }),
      },
      async (req) => service.updateContract(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      {
        path: '/contracts/:id',
        tag: T,
        summary: 'Delete a draft without payment plans',
        permission: 'contracts:delete',
      },
      (req, id, version) => service.deleteContract(db, callerOf(req), id, version),
    );
    app.post(
      '/contracts/:id/submit',
      {
        config: { permission: 'contracts:edit' },
        schema: docs(
          T,
          'Submit a draft: in approval when a contract flow matches its amount and department, else active at once',
          { params: idParams, body: contractVersion, response: { 200: contract } },
        ),
      },
      async (req) => lifecycle.submitContract(db, callerOf(req), req.params.id, req.body.version),
    );
    app.post(
      '/contracts/:id/terminate',
      {
        config: { permission: 'contracts:edit' },
        schema: docs(T, '终止 an active contract, with the reason', {
          params: idParams,
          body: terminateContract,
          response: { 200: contract },
        }),
      },
      async (req) => lifecycle.terminateContract(db, callerOf(req), req.params.id, req.body),
    );
    app.get(
      '/customers/:id/contracts',
      {
        config: { permission: 'contracts:view' },
        schema: docs(
          T,
          "合同历史: a customer's contracts in my contracts scope (the customer visible to me)",
          {
            params: idParams,
            querystring: contractListQuery.omit({ customerId: true }),
            response: { 200: listResponse(contract) },
          },
        ),
      },
      async (req) => service.customerContracts(db, callerOf(req), req.params.id, req.query),
    );
  };
}
