import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** 知识库: no data scope (published articles are the tenant's; a draft is its author's and the publishers'). */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'kb', routes: (r) => r.url.startsWith('/api/v1/kb-articles') }],
  scopes: [],
};
