import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** 服务时限: the settings routes under the tickets permissions (no records of its own to scope). */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'sla', routes: (r) => r.url.startsWith('/api/v1/settings/sla') }],
  scopes: [],
};
