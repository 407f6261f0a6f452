import type { ModuleAuthz } from '../../test/authz-matrix.ts';

export const authz: ModuleAuthz = {
  permissions: [{ name: 'webhooks', routes: (r) => r.url.startsWith('/api/v1/webhooks') }],
  scopes: [],
};
