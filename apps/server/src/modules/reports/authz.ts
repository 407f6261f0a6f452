import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/**
 * Reports: the compliance routes need follow-ups:view and the norms' PUT system:admin; the data
 * scope is the follow-ups one (its matrix is the follow-ups module's), applied to the customers'
 * owners — reports.test.ts proves the report, the drill-down and the export keep to it.
 */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'reports',
      routes: (r) =>
        r.url.startsWith('/api/v1/reports/') || r.url.startsWith('/api/v1/settings/contact-norms'),
    },
  ],
  scopes: [],
};
