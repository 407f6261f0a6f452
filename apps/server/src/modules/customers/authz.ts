import type { ModuleAuthz } from '../../test/authz-matrix.ts';
import { makeContact, makeCustomer } from '../../test/factories.ts';

/** Customers and contacts: every guarded route, and the customers scope on both lists. */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'customers and contacts',
      routes: (r) => ['/api/v1/customers', '/api/v1/contacts'].some((p) => r.url.startsWith(p)),
    },
  ],
  scopes: [
    {
      module: 'customers',
      permissions: ['customers:view'],
      listUrl: '/api/v1/customers',
      itemUrl: (id) => `/api/v1/customers/${id}`,
      createOwned: async ({ admin }, owner) => (await makeCustomer(admin, { ownerId: owner.id })).id,
    },
    // contacts have no scope of their own: they follow their customer's
    {
      module: 'customers',
      permissions: ['customers:view', 'contacts:view'],
      listUrl: '/api/v1/contacts',
      itemUrl: (id) => `/api/v1/contacts/${id}`,
      createOwned: async ({ admin }, owner) => {
        const customer = await makeCustomer(admin, { ownerId: owner.id });
        return (await makeContact(admin, customer.id)).id;
      },
    },
  ],
};
