import type { ModuleAuthz } from '../../test/authz-matrix.ts';

export const authz: ModuleAuthz = {
  permissions: [{ name: 'imports', routes: (r) => r.url.startsWith('/api/v1/imports') }],
  scopes: [],
};
