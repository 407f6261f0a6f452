import {
  bulkDeleteCustomers,
  bulkInvalidateCustomers,
  bulkResult,
  bulkTransferCustomers,
  bulkUpdateCustomers,
  createCustomer,
  customer,
  customerListQuery,
  customerShare,
  delayCustomer,
  duplicateCheck,
  duplicateCheckResponse,
  idParams,
  invalidateCustomer,
  listResponse,
  mergeCustomer,
  okResponse,
  type Permission,
  shareCustomer,
  shareParams,
  submitCustomer,
  timelineEntry,
  transferCustomer,
  updateCustomer,
} from '@guanxi/contract';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs, historyRoute } from '../../platform/http.ts';
import { localeFrom } from '../../platform/i18n.ts';
import { exportCustomers } from './export.ts';
import { assertDirectExportFits } from './export-service.ts';
import * as ownership from './ownership-service.ts';
import * as service from './service.ts';
import * as validity from './validity-service.ts';

// registers what happens to customers when their owner moves department or leaves

const C = 'customers';

export function customerRoutes({ db, readDb }: Deps) {
  return async (app: Api) => {
    app.get(
      '/customers',
      {
        config: { permission: 'customers:view' },
        schema: docs(
          C,
          'Customers in scope: quick search (name, short name, number, phone, pinyin initials) and filters',
          {
            querystring: customerListQuery,
            response: { 200: listResponse(customer) },
          },
        ),
      },
      async (req) => service.listCustomers(db, callerOf(req), req.query),
    );

    app.post(
      '/customers/duplicate-check',
      {
        config: { permission: 'customers:view' },
        schema: docs(C, 'Customers that look like these values (owner masked outside scope)', {
          body: duplicateCheck,
          response: { 200: duplicateCheckResponse },
        }),
      },
      async (req) => {
        const { name, phone, taxNumber, email, excludeId } = req.body;
        const matches = await service.findDuplicates(
          db,
          principalOf(req),
          { name, phones: [phone], taxNumber, email },
          excludeId,
        );
        return { matches };
      },
    );

    app.get(
      '/customers/export',
      {
        config: { permission: 'customers:export' },
        schema: docs(
          C,
          'The list with its current filters as a CSV or XLSX file, streamed (scope and field permissions apply)',
          {
            querystring: customerListQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
            response: { 200: z.string().describe('the file') },
          },
        ),
      },
      async (req, reply) => {
        const { format, page: _p, pageSize: _s, sort: _o, exactTotal: _e, ...filters } = req.query;
        const locale = localeFrom(req.headers['accept-language']);
        // custom-field filters are checked before the file starts (a bad one is a 400, not a broken file)
        const custom = await service.customListSql(db, principalOf(req), filters);
        await assertDirectExportFits(readDb, callerOf(req), filters, custom);
        const name = `${locale === 'zh-CN' ? '客户' : 'customers'}-${new Date().toISOString().slice(0, 10)}.${format}`;
        const type =
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        return reply
          .header('content-type', type)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
          .send(
            exportCustomers(db, callerOf(req), filters, format, locale, undefined, custom, readDb) as never,
          );
      },
    );

    app.get(
      '/customers/:id',
      {
        config: { permission: 'customers:view' },
        schema: docs(C, 'One customer (404 outside the data scope)', {
          params: idParams,
          response: { 200: customer },
        }),
      },
      async (req) => service.getCustomer(db, principalOf(req), req.params.id),
    );

    app.post(
      '/customers',
      {
        config: { permission: 'customers:create' },
        schema: docs(
          C,
          'Create a customer (numbered) or a draft (`draft: true`); 409 DUPLICATE_CUSTOMER with matches',
          {
            body: createCustomer,
            response: { 201: customer },
          },
        ),
      },
      async (req, reply) => reply.status(201).send(await service.createCustomer(db, callerOf(req), req.body)),
    );

    app.patch(
      '/customers/:id',
      {
        config: { permission: 'customers:edit' },
        schema: docs(C, 'Change a customer with its version', {
          params: idParams,
          body: updateCustomer.extend({ force: z.boolean().optional() }),
          response: { 200: customer },
        }),
      },
      async (req) => service.updateCustomer(db, callerOf(req), req.params.id, req.body),
    );

    app.post(
      '/customers/:id/submit',
      {
        config: { permission: 'customers:create' },
        schema: docs(C, 'Submit a draft: it gets its number and becomes active', {
          params: idParams,
          body: submitCustomer,
          response: { 200: customer },
        }),
      },
      async (req) => service.submitCustomer(db, callerOf(req), req.params.id, req.body),
    );

    deleteRoute(
      app,
      { path: '/customers/:id', tag: C, summary: 'Delete a customer (soft)', permission: 'customers:delete' },
      (req, id, version) => service.deleteCustomer(db, callerOf(req), id, version),
    );

    historyRoute(
      app,
      {
        path: '/customers/:id/history',
        tag: C,
        summary: 'Field history of a customer',
        permission: 'customers:view',
      },
      (req, id) => service.customerHistory(db, principalOf(req), id),
    );

    app.get(
      '/customers/:id/timeline',
      {
        config: { permission: 'customers:view' },
        schema: docs(C, 'Everything that happened to a customer and its records, newest first', {
          params: idParams,
          response: { 200: z.object({ data: z.array(timelineEntry) }) },
        }),
      },
      async (req) => ({ data: await ownership.customerTimeline(db, principalOf(req), req.params.id) }),
    );

    // ---- ownership ----
    /** A POST on one customer that answers with the customer (`body` undefined: it takes none). */
    const action = <B extends z.ZodType>(
      path: string,
      permission: Permission,
      summary: string,
      body: B | undefined,
      run: (req: FastifyRequest, id: string, body: z.infer<B>) => Promise<z.infer<typeof customer>>,
    ) =>
      app.post(
        path,
        {
          config: { permission },
          schema: docs(C, summary, {
            params: idParams,
            ...(body ? { body } : {}),
            response: { 200: customer },
          }),
        },
        async (req) => run(req, (req.params as { id: string }).id, req.body as z.infer<B>),
      );

    action(
      '/customers/:id/transfer',
      'customers:transfer',
      'Change the owner (更改负责人)',
      transferCustomer,
      (req, id, b) => ownership.transferCustomer(db, callerOf(req), id, b.ownerId),
    );
    action(
      '/customers/:id/delay',
      'customers:edit',
      'Protect from pool recycling until a date (延期)',
      delayCustomer,
      (req, id, b) => ownership.delayCustomer(db, callerOf(req), id, b.until),
    );
    action(
      '/customers/:id/invalidate',
      'customers:edit',
      'Invalidate (失效): kept on old records and in lists, view-only, not chosen for new records',
      invalidateCustomer,
      (req, id, b) => validity.invalidateCustomer(db, callerOf(req), id, b.reason),
    );
    action(
      '/customers/:id/restore',
      'customers:edit',
      'Make an invalidated customer valid again (恢复)',
      undefined,
      (req, id) => validity.restoreCustomer(db, callerOf(req), id),
    );
    action(
      '/customers/:id/merge',
      'customers:merge',
      'Merge another customer into this one (children move here)',
      mergeCustomer,
      (req, id, b) => ownership.mergeCustomers(db, callerOf(req), id, b.sourceId),
    );

    const bulkRoute = <B extends z.ZodType>(
      path: string,
      permission: Permission,
      summary: string,
      body: B,
      run: (req: FastifyRequest, body: z.infer<B>) => Promise<z.infer<typeof bulkResult>>,
    ) =>
      app.post(
        path,
        { config: { permission }, schema: docs(C, summary, { body, response: { 200: bulkResult } }) },
        async (req) => run(req, req.body as z.infer<B>),
      );
    bulkRoute(
      '/customers/bulk-transfer',
      'customers:transfer',
      'Transfer many customers to one owner',
      bulkTransferCustomers,
      (req, b) => ownership.bulkTransfer(db, callerOf(req), b.ids, b.ownerId),
    );
    bulkRoute(
      '/customers/bulk-update',
      'customers:edit',
      'Set dictionary fields or add tags on many customers',
      bulkUpdateCustomers,
      (req, b) => ownership.bulkUpdate(db, callerOf(req), b.ids, b.values),
    );
    bulkRoute(
      '/customers/bulk-invalidate',
      'customers:edit',
      'Invalidate many customers (批量失效)',
      bulkInvalidateCustomers,
      (req, b) => validity.bulkInvalidate(db, callerOf(req), b.ids, b.reason),
    );
    bulkRoute(
      '/customers/bulk-delete',
      'customers:delete',
      'Delete many customers',
      bulkDeleteCustomers,
      (req, b) => ownership.bulkDelete(db, callerOf(req), b.ids),
    );

    // ---- shares ----
    app.get(
      '/customers/:id/shares',
      {
        config: { permission: 'customers:view' },
        schema: docs(C, 'Who the customer is shared with', {
          params: idParams,
          response: { 200: z.object({ data: z.array(customerShare) }) },
        }),
      },
      async (req) => ({ data: await ownership.listShares(db, principalOf(req), req.params.id) }),
    );
    app.post(
      '/customers/:id/share',
      {
        config: { permission: 'customers:edit' },
        schema: docs(C, 'Share read-only or read-write with users or departments', {
          params: idParams,
          body: shareCustomer,
          response: { 200: z.object({ data: z.array(customerShare) }) },
        }),
      },
      async (req) => ({ data: await ownership.shareCustomer(db, callerOf(req), req.params.id, req.body) }),
    );
    app.delete(
      '/customers/:id/shares/:shareId',
      {
        config: { permission: 'customers:edit' },
        schema: docs(C, 'Stop sharing', { params: shareParams, response: { 200: okResponse } }),
      },
      async (req) => {
        await ownership.unshareCustomer(db, callerOf(req), req.params.id, req.params.shareId);
        return { ok: true as const };
      },
    );
  };
}
