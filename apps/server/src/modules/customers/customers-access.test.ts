import { describe } from 'vitest';
import { describePermissionMatrix, describeScopeMatrix } from '../../test/authz-matrix.ts';
import { makeContact, makeCustomer } from '../../test/factories.ts';

describe('customers access', () => {
  describePermissionMatrix('customers and contacts', (r) =>
    ['/api/v1/customers', '/api/v1/contacts'].some((p) => r.url.startsWith(p)),
  );

  describeScopeMatrix({
    module: 'customers',
    permissions: ['customers:view'],
    listUrl: '/api/v1/customers',
    itemUrl: (id) => `/api/v1/customers/${id}`,
    createOwned: async ({ admin }, owner) => (await makeCustomer(admin, { ownerId: owner.id })).id,
  });

  // contacts have no scope of their own: they follow their customer's
  describeScopeMatrix({
    module: 'customers',
    permissions: ['customers:view', 'contacts:view'],
    listUrl: '/api/v1/contacts',
    itemUrl: (id) => `/api/v1/contacts/${id}`,
    createOwned: async ({ admin }, owner) => {
      const customer = await makeCustomer(admin, { ownerId: owner.id });
      return (await makeContact(admin, customer.id)).id;
    },
  });
});
