import { describe } from 'vitest';
import { describePermissionMatrix, describeScopeMatrix } from '../../test/authz-matrix.ts';

describe('organisation access', () => {
  describePermissionMatrix('organisation', (r) =>
    [
      '/api/v1/users',
      '/api/v1/departments',
      '/api/v1/roles',
      '/api/v1/permissions',
      '/api/v1/tenant',
      '/api/v1/audit-logs',
    ].some((p) => r.url.startsWith(p)),
  );

  // Users are their own records: "owned" by themselves, in their main department.
  describeScopeMatrix({
    module: 'users',
    permissions: ['users:view'],
    listUrl: '/api/v1/users',
    itemUrl: (id) => `/api/v1/users/${id}`,
    createOwned: async (_ctx, owner) => owner.id,
  });
});
