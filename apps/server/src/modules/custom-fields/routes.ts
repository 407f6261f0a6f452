import {
  createCustomField,
  customField,
  customFieldsQuery,
  customFieldVersion,
  fieldChange,
  idParams,
  moveCustomField,
  replaceCustomFieldOption,
  replaceCustomFieldOptionResult,
  updateCustomField,
} from '@guanxi/contract';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { type Api, actorOf, type Deps, deleteRoute, docs } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'custom-fields';
const ADMIN = 'custom-fields:admin';

export function customFieldRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/custom-fields',
      {
        schema: docs(
          T,
          'The custom fields of an entity in order, disabled ones included (forms and lists use them)',
          {
            querystring: customFieldsQuery,
            response: { 200: z.object({ data: z.array(customField) }) },
          },
        ),
      },
      async (req) => ({ data: await service.listFields(db, principalOf(req).tenantId, req.query.entity) }),
    );

    app.post(
      '/custom-fields',
      {
        config: { permission: ADMIN },
        schema: docs(T, 'Add a field at the end (at most 50 per entity)', {
          body: createCustomField,
          response: { 201: customField },
        }),
      },
      async (req, reply) => reply.status(201).send(await service.createField(db, actorOf(req), req.body)),
    );

    app.patch(
      '/custom-fields/:id',
      {
        config: { permission: ADMIN },
        schema: docs(
          T,
          'Change title and required flag; options and dependency only while disabled (409 CUSTOM_FIELD_ENABLED)',
          { params: idParams, body: updateCustomField, response: { 200: customField } },
        ),
      },
      async (req) => service.updateField(db, actorOf(req), req.params.id, req.body),
    );

    for (const [action, enabled] of [
      ['enable', true],
      ['disable', false],
    ] as const) {
      app.post(
        `/custom-fields/:id/${action}`,
        {
          config: { permission: ADMIN },
          schema: docs(
            T,
            enabled
              ? 'Enable a field: it shows in forms, lists, exports and imports; its options become read-only'
              : 'Disable a field: values stay on records, read-only; options become editable',
            { params: idParams, body: customFieldVersion, response: { 200: customField } },
          ),
        },
        async (req) => service.setEnabled(db, actorOf(req), req.params.id, req.body.version, enabled),
      );
    }

    app.post(
      '/custom-fields/:id/move',
      {
        config: { permission: ADMIN },
        schema: docs(T, 'Move a field to a 1-based position among its entity’s fields', {
          params: idParams,
          body: moveCustomField,
          response: { 200: customField },
        }),
      },
      async (req) => service.moveField(db, actorOf(req), req.params.id, req.body.to),
    );

    app.post(
      '/custom-fields/:id/replace-option',
      {
        config: { permission: ADMIN },
        schema: docs(
          T,
          'Replace an option value by another option in every record (替换), in one transaction; audited per record',
          {
            params: idParams,
            body: replaceCustomFieldOption,
            response: { 200: replaceCustomFieldOptionResult },
          },
        ),
      },
      async (req) => service.replaceOption(db, actorOf(req), req.params.id, req.body.from, req.body.to),
    );

    deleteRoute(
      app,
      {
        path: '/custom-fields/:id',
        tag: T,
        summary:
          'Delete a disabled field no record holds a value of (otherwise 409 CUSTOM_FIELD_IN_USE: keep it disabled)',
        permission: ADMIN,
      },
      (req, id, version) => service.deleteField(db, actorOf(req), id, version),
    );

    app.get(
      '/custom-fields/:id/history',
      {
        config: { permission: ADMIN },
        schema: docs(T, 'Field history of a custom field definition', {
          params: idParams,
          response: { 200: z.object({ data: z.array(fieldChange) }) },
        }),
      },
      async (req) => ({ data: await service.fieldHistoryOf(db, principalOf(req).tenantId, req.params.id) }),
    );
  };
}
