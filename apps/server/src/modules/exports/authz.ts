import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** Export jobs and the route that starts one; the job queue runs, as exports enqueue work. */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'exports',
      routes: (r) => r.url.startsWith('/api/v1/exports') || r.url === '/api/v1/customers/exports',
      jobs: true,
    },
  ],
  scopes: [],
};
