import {
  createPriceList,
  createProduct,
  idParams,
  listResponse,
  priceList,
  priceListListQuery,
  priceListSummary,
  product,
  productListItem,
  productListQuery,
  proposedPrice,
  proposedPricesQuery,
  updatePriceList,
  updateProduct,
} from '@guanxi/contract';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs, historyRoute } from '../../platform/http.ts';
import { localeFrom } from '../../platform/i18n.ts';
import { sendTable } from '../../platform/table-download.ts';
import { productExport } from './export.ts';
import * as lists from './price-lists-service.ts';
import * as service from './service.ts';

const T = 'products';

/** 产品 (the catalogue, not scoped; cost behind its field permission) and 价格表. */
export function productRoutes({ db, readDb }: Deps) {
  return async (app: Api) => {
    app.get(
      '/products',
      {
        config: { permission: 'products:view' },
        schema: docs(T, 'Products; q: code, name, model or pinyin; categoryId takes its sub-categories', {
          querystring: productListQuery,
          response: { 200: listResponse(productListItem) },
        }),
      },
      async (req) => service.listProducts(db, callerOf(req).p, req.query),
    );
    app.get(
      '/products/export',
      {
        config: { permission: 'products:export' },
        schema: docs(
          T,
          'The product list with its filters as CSV or XLSX (a hidden cost column is left out)',
          {
            querystring: productListQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
            response: { 200: z.string().describe('the file') },
          },
        ),
      },
      async (req, reply) => {
        const { format, page: _p, pageSize: _s, sort: _o, cursor: _c, ...filters } = req.query;
        const locale = localeFrom(req.headers['accept-language']);
        return sendTable(
          reply,
          locale === 'zh-CN' ? '产品' : 'products',
          format,
          productExport(db, callerOf(req), filters, locale, readDb),
        );
      },
    );
    app.get(
      '/products/proposed-prices',
      {
        config: { permission: 'products:view' },
        schema: docs(
          T,
          'The unit prices a quote proposes for a customer I see: the lowest valid price list naming it or its level, else the list price',
          { querystring: proposedPricesQuery, response: { 200: z.object({ data: z.array(proposedPrice) }) } },
        ),
      },
      async (req) => ({ data: await lists.proposedPricesFor(db, callerOf(req), req.query) }),
    );
    app.get(
      '/products/:id',
      {
        config: { permission: 'products:view' },
        schema: docs(T, 'One product', { params: idParams, response: { 200: product } }),
      },
      async (req) => service.getProduct(db, callerOf(req).p, req.params.id),
    );
    app.post(
      '/products',
      {
        config: { permission: 'products:create' },
        schema: docs(T, 'Create a product (code unique in the tenant)', {
          body: createProduct,
          response: { 201: product },
        }),
      },
      async (req, reply) => reply.status(201).send(await service.createProduct(db, callerOf(req), req.body)),
    );
    app.patch(
      '/products/:id',
      {
        config: { permission: 'products:edit' },
        schema: docs(T, 'Change a product', {
          params: idParams,
          body: updateProduct,
          response: { 200: product },
        }),
      },
      async (req) => service.updateProduct(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      {
        path: '/products/:id',
        tag: T,
        summary: 'Delete a product without stock (one with stock is discontinued instead)',
        permission: 'products:delete',
      },
      (req, id, version) => service.deleteProduct(db, callerOf(req), id, version),
    );
    historyRoute(
      app,
      {
        path: '/products/:id/history',
        tag: T,
        summary: 'Field history of a product',
        permission: 'products:view',
      },
      (req, id) => service.productHistory(db, callerOf(req).p, id),
    );

    // ---- 价格表 ----
    app.get(
      '/price-lists',
      {
        config: { permission: 'products:view' },
        schema: docs(T, 'Price lists; validOn: those valid that day', {
          querystring: priceListListQuery,
          response: { 200: listResponse(priceListSummary) },
        }),
      },
      async (req) => lists.listPriceLists(db, callerOf(req), req.query),
    );
    app.get(
      '/price-lists/:id',
      {
        config: { permission: 'products:view' },
        schema: docs(T, 'One price list with its prices', { params: idParams, response: { 200: priceList } }),
      },
      async (req) => lists.getPriceList(db, callerOf(req), req.params.id),
    );
    app.post(
      '/price-lists',
      {
        config: { permission: 'products:edit' },
        schema: docs(T, 'Create a price list for customer levels and/or customers I see', {
          body: createPriceList,
          response: { 201: priceList },
        }),
      },
      async (req, reply) => reply.status(201).send(await lists.createPriceList(db, callerOf(req), req.body)),
    );
    app.patch(
      '/price-lists/:id',
      {
        config: { permission: 'products:edit' },
        schema: docs(T, 'Change a price list; `items` replaces every price', {
          params: idParams,
          body: updatePriceList,
          response: { 200: priceList },
        }),
      },
      async (req) => lists.updatePriceList(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      { path: '/price-lists/:id', tag: T, summary: 'Delete a price list', permission: 'products:delete' },
      (req, id, version) => lists.deletePriceList(db, callerOf(req), id, version),
    );
    historyRoute(
      app,
      {
        path: '/price-lists/:id/history',
        tag: T,
        summary: 'Field history of a price list',
        permission: 'products:view',
      },
      (req, id) => lists.priceListHistory(db, callerOf(req), id),
    );
  };
}
