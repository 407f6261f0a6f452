import {
  createStockMove,
  createWarehouse,
  idParams,
  listResponse,
  stockEntry,
  stockLedgerQuery,
  stockMoveResponse,
  stockOverviewItem,
  stockOverviewQuery,
  stockQuery,
  stockResponse,
  updateWarehouse,
  warehouse,
} from '@guanxi/contract';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'inventory';

/** 库存: warehouses (inventory:admin), stock moves as ledger entries (inventory:create), stock and ledger (inventory:view). */
export function inventoryRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/stock',
      {
        config: { permission: 'inventory:view' },
        schema: docs(T, "A product's quantity per warehouse", {
          querystring: stockQuery,
          response: { 200: stockResponse },
        }),
      },
      async (req) => ({ data: await service.stockOf(db, callerOf(req).p, req.query.productId) }),
    );
    app.get(
      '/stock/products',
      {
        config: { permission: 'inventory:view' },
        schema: docs(T, 'Stock by product: the catalogue with the total and each warehouse’s quantity', {
          querystring: stockOverviewQuery,
          response: { 200: listResponse(stockOverviewItem) },
        }),
      },
      async (req) => service.stockOverview(db, callerOf(req).p, req.query),
    );
    app.get(
      '/stock-moves',
      {
        config: { permission: 'inventory:view' },
        schema: docs(T, 'The stock ledger, newest first; by product, warehouse, kind and dates', {
          querystring: stockLedgerQuery,
          response: { 200: listResponse(stockEntry) },
        }),
      },
      async (req) => service.listLedger(db, callerOf(req), req.query),
    );
    app.post(
      '/stock-moves',
      {
        config: { permission: 'inventory:create' },
        schema: docs(
          T,
          'Record a stock move (in, out, transfer as two entries, adjust with a reason); 409 INSUFFICIENT_STOCK when a balance would go below zero',
          { body: createStockMove, response: { 201: stockMoveResponse } },
        ),
      },
      async (req, reply) =>
        reply.status(201).send({ data: await service.createStockMove(db, callerOf(req), req.body) }),
    );
    app.get(
      '/warehouses',
      {
        config: { permission: 'inventory:view' },
        schema: docs(T, 'Every warehouse with its locations', {
          response: { 200: z.object({ data: z.array(warehouse) }) },
        }),
      },
      async (req) => ({ data: await service.listWarehouses(db, callerOf(req).p) }),
    );
    app.get(
      '/warehouses/:id',
      {
        config: { permission: 'inventory:view' },
        schema: docs(T, 'One warehouse', { params: idParams, response: { 200: warehouse } }),
      },
      async (req) => service.getWarehouse(db, callerOf(req).p, req.params.id),
    );
    app.post(
      '/warehouses',
      {
        config: { permission: 'inventory:admin' },
        schema: docs(T, 'Create a warehouse with its locations', {
          body: createWarehouse,
          response: { 201: warehouse },
        }),
      },
      async (req, reply) =>
        reply.status(201).send(await service.createWarehouse(db, callerOf(req), req.body)),
    );
    app.patch(
      '/warehouses/:id',
      {
        config: { permission: 'inventory:admin' },
        schema: docs(T, 'Change a warehouse; `locations` replaces them (one the ledger names stays)', {
          params: idParams,
          body: updateWarehouse,
          response: { 200: warehouse },
        }),
      },
      async (req) => service.updateWarehouse(db, callerOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      {
        path: '/warehouses/:id',
        tag: T,
        summary: 'Delete a warehouse the ledger never named',
        permission: 'inventory:admin',
      },
      (req, id, version) => service.deleteWarehouse(db, callerOf(req), id, version),
    );
  };
}
