import {
  createDictionaryItem,
  dictionaryIds,
  dictionaryItem,
  dictionaryItemParams,
  dictionaryItemsQuery,
  dictionarySummary,
  dictionaryTypeParams,
  fieldChange,
  moveDictionaryItem,
  updateDictionaryItem,
  versionQuery,
} from '@guanxi/contract';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { type Api, actorOf, type Deps, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'dictionaries';
const ADMIN = 'dictionaries:admin';
const countResponse = z.object({ count: z.number().int() });

export function dictionaryRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/dictionaries',
      {
        schema: docs(T, 'Every dictionary with its item counts', {
          response: { 200: z.object({ data: z.array(dictionarySummary) }) },
        }),
      },
      async (req) => ({ data: await service.listSummaries(db, principalOf(req).tenantId) }),
    );

    app.get(
      '/dictionaries/:type/items',
      {
        schema: docs(T, 'Items of a dictionary in order (all, or one level of a tree)', {
          params: dictionaryTypeParams,
          querystring: dictionaryItemsQuery,
          response: { 200: z.object({ data: z.array(dictionaryItem) }) },
        }),
      },
      async (req) => ({
        data: await service.listItems(db, principalOf(req).tenantId, req.params.type, req.query),
      }),
    );

    app.post(
      '/dictionaries/:type/items',
      {
        config: { permission: ADMIN },
        schema: docs(T, 'Add an item at the end of its level', {
          params: dictionaryTypeParams,
          body: createDictionaryItem,
          response: { 201: dictionaryItem },
        }),
      },
      async (req, reply) =>
        reply.status(201).send(await service.createItem(db, actorOf(req), req.params.type, req.body)),
    );

    app.patch(
      '/dictionaries/:type/items/:id',
      {
        config: { permission: ADMIN },
        schema: docs(T, 'Rename or annotate a valid item', {
          params: dictionaryItemParams,
          body: updateDictionaryItem,
          response: { 200: dictionaryItem },
        }),
      },
      async (req) => service.updateItem(db, actorOf(req), req.params.type, req.params.id, req.body),
    );

    app.delete(
      '/dictionaries/:type/items/:id',
      {
        config: { permission: ADMIN },
        schema: docs(T, 'Delete an unused item (a used one answers DICTIONARY_ITEM_IN_USE)', {
          params: dictionaryItemParams,
          querystring: versionQuery,
          response: { 200: z.object({ ok: z.literal(true) }) },
        }),
      },
      async (req) => {
        await service.deleteItem(db, actorOf(req), req.params.type, req.params.id, req.query.version);
        return { ok: true as const };
      },
    );

    for (const [action, valid] of [
      ['invalidate', false],
      ['restore', true],
    ] as const) {
      app.post(
        `/dictionaries/:type/items/${action}`,
        {
          config: { permission: ADMIN },
          schema: docs(
            T,
            valid ? 'Make invalidated items choosable again' : 'Invalidate items (and what is below them)',
            { params: dictionaryTypeParams, body: dictionaryIds, response: { 200: countResponse } },
          ),
        },
        async (req) => ({
          count: await service.setValidity(db, actorOf(req), req.params.type, req.body.ids, valid),
        }),
      );
    }

    app.post(
      '/dictionaries/:type/items/:id/move',
      {
        config: { permission: ADMIN },
        schema: docs(T, 'Move an item to a 1-based position among its siblings', {
          params: dictionaryItemParams,
          body: moveDictionaryItem,
          response: { 200: dictionaryItem },
        }),
      },
      async (req) => service.moveItem(db, actorOf(req), req.params.type, req.params.id, req.body.to),
    );

    app.get(
      '/dictionaries/:type/items/:id/history',
      {
        config: { permission: ADMIN },
        schema: docs(T, 'Field history of an item', {
          params: dictionaryItemParams,
          response: { 200: z.object({ data: z.array(fieldChange) }) },
        }),
      },
      async (req) => ({
        data: await service.itemHistory(db, principalOf(req).tenantId, req.params.type, req.params.id),
      }),
    );
  };
}
