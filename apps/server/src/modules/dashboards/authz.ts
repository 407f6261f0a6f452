import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** The role defaults under the roles permissions; a user's own dashboard needs none (it is theirs). */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'dashboards', routes: (r) => r.url.startsWith('/api/v1/dashboards/roles') }],
  scopes: [],
};
