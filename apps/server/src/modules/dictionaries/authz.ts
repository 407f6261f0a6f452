import type { ModuleAuthz } from '../../test/authz-matrix.ts';

export const authz: ModuleAuthz = {
  permissions: [{ name: 'dictionaries', routes: (r) => r.url.startsWith('/api/v1/dictionaries') }],
  scopes: [],
};
