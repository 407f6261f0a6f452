import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** The pools and the customer actions they bring: claim, release, assign. */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'pools',
      routes: (r) => r.url.startsWith('/api/v1/pools') || /\/(claim|release|assign)$/.test(r.url),
    },
  ],
  scopes: [],
};
