import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** 打印模板: every route needs print-templates:admin; no data scope (a tenant's settings). */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'print-templates', routes: (r) => r.url.startsWith('/api/v1/print-templates') }],
  scopes: [],
};
