import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** 会员: no scope of its own (a member follows its customer's scope, tested in members.test.ts). */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'members',
      routes: (r) => ['/api/v1/members', '/api/v1/member-settings'].some((p) => r.url.startsWith(p)),
    },
  ],
  scopes: [],
};
