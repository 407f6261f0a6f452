import {
  assignCustomer,
  createPool,
  customer,
  idParams,
  okResponse,
  pool,
  releaseCustomer,
  updatePool,
} from '@guanxi/contract';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { callerOf } from '../../platform/caller.ts';
import { type Api, actorOf, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import { recycleTenant } from './recycle.ts';
import * as service from './service.ts';

const T = 'pools';

export function poolRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/pools',
      {
        config: { permission: 'pools:view' },
        schema: docs(T, 'Pools the caller’s department sees (all for pool admins)', {
          response: { 200: z.object({ data: z.array(pool) }) },
        }),
      },
      async (req) => ({ data: await service.listPools(db, principalOf(req)) }),
    );
    app.get(
      '/pools/:id',
      {
        config: { permission: 'pools:view' },
        schema: docs(T, 'One pool with its rules', { params: idParams, response: { 200: pool } }),
      },
      async (req) => service.getPool(db, principalOf(req), req.params.id),
    );
    app.post(
      '/pools',
      {
        config: { permission: 'pools:admin' },
        schema: docs(T, 'Create a pool with its rules', { body: createPool, response: { 201: pool } }),
      },
      async (req, reply) =>
        reply.status(201).send(await service.createPool(db, principalOf(req), actorOf(req), req.body)),
    );
    app.patch(
      '/pools/:id',
      {
        config: { permission: 'pools:admin' },
        schema: docs(T, 'Change a pool’s rules with its version', {
          params: idParams,
          body: updatePool,
          response: { 200: pool },
        }),
      },
      async (req) => service.updatePool(db, principalOf(req), actorOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      { path: '/pools/:id', tag: T, summary: 'Delete an empty pool', permission: 'pools:admin' },
      (req, id, version) => service.deletePool(db, principalOf(req), actorOf(req), id, version),
    );
    app.post(
      '/pools/recycle',
      {
        config: { permission: 'pools:admin' },
        schema: docs(T, 'Run the daily recycle and reminders now', {
          response: { 200: z.object({ recycled: z.number().int(), reminded: z.number().int() }) },
        }),
      },
      async (req) => {
        const { tenant } = principalOf(req).profile;
        return recycleTenant(db, { id: tenant.id, timezone: tenant.timezone });
      },
    );

    app.post(
      '/customers/:id/claim',
      {
        config: { permission: 'pools:claim' },
        schema: docs(T, 'Claim a pool customer (领取), within the pool’s limits', {
          params: idParams,
          response: { 200: customer },
        }),
      },
      async (req) => service.claimCustomer(db, callerOf(req), req.params.id),
    );
    app.post(
      '/customers/:id/release',
      {
        config: { permission: 'pools:release' },
        schema: docs(T, 'Release a customer into a pool with a reason (放弃)', {
          params: idParams,
          body: releaseCustomer,
          response: { 200: okResponse },
        }),
      },
      async (req) => {
        await service.releaseCustomer(db, callerOf(req), req.params.id, req.body);
        return { ok: true as const };
      },
    );
    app.post(
      '/customers/:id/assign',
      {
        config: { permission: 'customers:assign' },
        schema: docs(T, 'Assign a pool customer to a user (分配)', {
          params: idParams,
          body: assignCustomer,
          response: { 200: customer },
        }),
      },
      async (req) => service.assignCustomer(db, callerOf(req), req.params.id, req.body.userId),
    );
  };
}
