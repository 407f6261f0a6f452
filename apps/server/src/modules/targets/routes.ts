import {
  attainment,
  createTarget,
  idParams,
  periodQuery,
  splitTarget,
  target,
  targetSettings,
  updateTarget,
} from '@guanxi/contract';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'targets';

/** 销售任务: targets per department and person, their split, attainment, and what attainment counts. */
export function targetRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/targets',
      {
        config: { permission: 'targets:view' },
        schema: docs(
          T,
          'The targets of one period in my targets scope (departments in tree order, then people)',
          {
            querystring: periodQuery,
            response: { 200: z.object({ data: z.array(target) }) },
          },
        ),
      },
      async (req) => ({ data: await service.listTargets(db, callerOf(req).p, req.query) }),
    );
    app.get(
      '/targets/attainment',
      {
        config: { permission: 'targets:view' },
        schema: docs(
          T,
          "Target, actual and rate per department (its subtree's sales) and per person for a period, within my targets scope; actuals by the tenant's basis",
          { querystring: periodQuery, response: { 200: attainment } },
        ),
      },
      async (req) => service.attainment(db, callerOf(req), req.query),
    );
    app.get(
      '/targets/settings',
      {
        config: { permission: 'targets:view' },
        schema: docs(T, 'What attainment counts: won opportunities, orders or payments (default orders)', {
          response: { 200: targetSettings },
        }),
      },
      async (req) => service.getSettings(db, callerOf(req).p),
    );
    app.put(
      '/targets/settings',
      {
        config: { permission: 'targets:admin' },
        schema: docs(T, 'Change what attainment counts', {
          body: targetSettings,
          response: { 200: targetSettings },
        }),
      },
      async (req) => service.updateSettings(db, callerOf(req), req.body),
    );
    app.get(
      '/targets/:id',
      {
        config: { permission: 'targets:view' },
        schema: docs(T, 'One target in my scope', { params: idParams, response: { 200: target } }),
      },
      async (req) => service.getTarget(db, callerOf(req).p, req.params.id),
    );
    app.post(
      '/targets',
      {
        config: { permission: 'targets:create' },
        schema: docs(
          T,
          'Set the target of a department or a person for a period (start: its first day); one per subject and period (409 TARGET_EXISTS)',
          { body: createTarget, response: { 201: target } },
        ),
      },
      async (req, reply) => reply.status(201).send(await service.createTarget(db, callerOf(req), req.body)),
    );
    app.patch(
      '/targets/:id',
      {
        config: { permission: 'targets:edit' },
        schema: docs(
          T,
          'Change a target (null clears a value); its children may not then hold more than it',
          {
            params: idParams,
            body: updateTarget,
            response: { 200: target },
          },
        ),
      },
      async (req) => service.updateTarget(db, callerOf(req), req.params.id, req.body),
    );
    app.post(
      '/targets/:id/split',
      {
        config: { permission: 'targets:create' },
        schema: docs(
          T,
          "Split a department's target to its child departments and its people (create or replace theirs); together at most the parent (409 TARGET_EXCEEDS_PARENT)",
          { params: idParams, body: splitTarget, response: { 200: z.object({ data: z.array(target) }) } },
        ),
      },
      async (req) => ({ data: await service.splitTarget(db, callerOf(req), req.params.id, req.body) }),
    );
    deleteRoute(
      app,
      { path: '/targets/:id', tag: T, summary: 'Delete a target', permission: 'targets:delete' },
      (req, id, version) => service.deleteTarget(db, callerOf(req), id, version),
    );
  };
}
