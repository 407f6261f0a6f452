import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** Users, departments, roles, the tenant (and the audit log, read by administrators). */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'organisation',
      routes: (r) =>
        [
          '/api/v1/users',
          '/api/v1/departments',
          '/api/v1/roles',
          '/api/v1/permissions',
          '/api/v1/tenant',
          '/api/v1/settings/check-in',
          '/api/v1/settings/security',
          '/api/v1/audit-logs',
        ].some((p) => r.url.startsWith(p)),
    },
  ],
  scopes: [
    // Users are their own records: "owned" by themselves, in their main department.
    {
      module: 'users',
      permissions: ['users:view'],
      listUrl: '/api/v1/users',
      itemUrl: (id) => `/api/v1/users/${id}`,
      createOwned: async (_ctx, owner) => owner.id,
    },
  ],
};
