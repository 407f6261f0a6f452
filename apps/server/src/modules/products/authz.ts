import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** 产品 and 价格表: no data scope (the catalogue is the tenant's); cost is a field permission. */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'products',
      routes: (r) => ['/api/v1/products', '/api/v1/price-lists'].some((p) => r.url.startsWith(p)),
    },
  ],
  scopes: [],
};
