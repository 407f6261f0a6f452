import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** 库存: no data scope (stock is the tenant's). */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'inventory',
      routes: (r) => ['/api/v1/stock', '/api/v1/warehouses'].some((p) => r.url.startsWith(p)),
    },
  ],
  scopes: [],
};
