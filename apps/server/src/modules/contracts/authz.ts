import type { ModuleAuthz } from '../../test/authz-matrix.ts';
import { makeContract } from '../../test/contract-factories.ts';

/** 合同: every guarded route, and the contracts scope (owner, department) on the list and look-ups. */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'contracts',
      routes: (r) => r.url.startsWith('/api/v1/contracts') || r.url === '/api/v1/customers/:id/contracts',
    },
  ],
  scopes: [
    {
      module: 'contracts',
      permissions: ['contracts:view'],
      listUrl: '/api/v1/contracts',
      itemUrl: (id) => `/api/v1/contracts/${id}`,
      createOwned: async ({ admin }, owner) => (await makeContract(admin, { ownerId: owner.id })).id,
    },
  ],
};
