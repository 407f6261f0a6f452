import type { ModuleAuthz } from '../../test/authz-matrix.ts';

export const authz: ModuleAuthz = {
  permissions: [{ name: 'custom fields', routes: (r) => r.url.startsWith('/api/v1/custom-fields') }],
  scopes: [],
};
