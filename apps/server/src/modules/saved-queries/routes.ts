import {
  createSavedQuery,
  idParams,
  savedQuery,
  savedQueryListQuery,
  updateSavedQuery,
} from '@guanxi/contract';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { type Api, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'saved-queries';

/** 我的查询: any signed-in user keeps their own; what a list shows is still scoped by that list. */
export function savedQueryRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/saved-queries',
      {
        schema: docs(T, 'My saved queries and those shared with me, for one list', {
          querystring: savedQueryListQuery,
          response: { 200: z.object({ data: z.array(savedQuery) }) },
        }),
      },
      async (req) => ({ data: await service.listSaved(db, principalOf(req), req.query.list) }),
    );
    app.post(
      '/saved-queries',
      {
        schema: docs(T, 'Save the current filters under a name', {
          body: createSavedQuery,
          response: { 201: savedQuery },
        }),
      },
      async (req, reply) => reply.status(201).send(await service.createSaved(db, principalOf(req), req.body)),
    );
    app.patch(
      '/saved-queries/:id',
      {
        schema: docs(T, 'Rename, change or (un)share one of my saved queries', {
          params: idParams,
          body: updateSavedQuery,
          response: { 200: savedQuery },
        }),
      },
      async (req) => service.updateSaved(db, principalOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      { path: '/saved-queries/:id', tag: T, summary: 'Delete one of my saved queries' },
      (req, id, version) => service.deleteSaved(db, principalOf(req), id, version),
    );
  };
}
