import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** Backups and restores (system:backup); the job queue runs, as backups are jobs. */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'backups',
      routes: (r) => r.url.startsWith('/api/v1/backups') || r.url.startsWith('/api/v1/restores'),
      jobs: true,
    },
  ],
  scopes: [],
};
