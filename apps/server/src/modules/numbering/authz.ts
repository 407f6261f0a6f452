import type { ModuleAuthz } from '../../test/authz-matrix.ts';

export const authz: ModuleAuthz = {
  permissions: [{ name: 'numbering', routes: (r) => r.url.startsWith('/api/v1/numbering-rules') }],
  scopes: [],
};
