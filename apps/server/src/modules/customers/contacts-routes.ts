import {
  contact,
  contactListQuery,
  createContact,
  idParams,
  listResponse,
  updateContact,
} from '@guanxi/contract';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { type Api, actorOf, type Deps, deleteRoute, docs, historyRoute } from '../../platform/http.ts';
import * as contacts from './contacts-service.ts';
import { getCustomer } from './service.ts';

const K = 'contacts';

/** Contacts (联系人): their scope is their customer's. */
export function contactRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/customers/:id/contacts',
      {
        config: { permission: 'contacts:view' },
        schema: docs(K, 'Contacts of a customer', {
          params: idParams,
          response: { 200: z.object({ data: z.array(contact) }) },
        }),
      },
      async (req) => {
        const p = principalOf(req);
        await getCustomer(db, p, req.params.id);
        const page = await contacts.listContacts(db, p, {
          customerId: req.params.id,
          page: 1,
          pageSize: 100,
        });
        return { data: page.data };
      },
    );
    app.get(
      '/contacts',
      {
        config: { permission: 'contacts:view' },
        schema: docs(K, 'Contacts of customers in scope', {
          querystring: contactListQuery,
          response: { 200: listResponse(contact) },
        }),
      },
      async (req) => contacts.listContacts(db, principalOf(req), req.query),
    );
    app.get(
      '/contacts/:id',
      {
        config: { permission: 'contacts:view' },
        schema: docs(K, 'One contact (404 when its customer is outside the scope)', {
          params: idParams,
          response: { 200: contact },
        }),
      },
      async (req) => contacts.getContact(db, principalOf(req), req.params.id),
    );
    app.post(
      '/contacts',
      {
        config: { permission: 'contacts:create' },
        schema: docs(K, 'Add a contact to a customer the caller may change', {
          body: createContact,
          response: { 201: contact },
        }),
      },
      async (req, reply) =>
        reply.status(201).send(await contacts.createContact(db, principalOf(req), actorOf(req), req.body)),
    );
    app.patch(
      '/contacts/:id',
      {
        config: { permission: 'contacts:edit' },
        schema: docs(K, 'Change a contact with its version', {
          params: idParams,
          body: updateContact,
          response: { 200: contact },
        }),
      },
      async (req) => contacts.updateContact(db, principalOf(req), actorOf(req), req.params.id, req.body),
    );
    deleteRoute(
      app,
      { path: '/contacts/:id', tag: K, summary: 'Delete a contact', permission: 'contacts:delete' },
      (req, id, version) => contacts.deleteContact(db, principalOf(req), actorOf(req), id, version),
    );
    historyRoute(
      app,
      {
        path: '/contacts/:id/history',
        tag: K,
        summary: 'Field history of a contact',
        permission: 'contacts:view',
      },
      (req, id) => contacts.contactHistory(db, principalOf(req), id),
    );
  };
}
