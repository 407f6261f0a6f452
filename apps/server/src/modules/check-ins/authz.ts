import type { ModuleAuthz } from '../../test/authz-matrix.ts';
import { createCheckInAs } from './test-helpers.ts';

/** 签到 and 考勤: every guarded route; the check-ins scope (who checked in) and the attendance scope (over users). */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'check-ins and attendance',
      routes: (r) => r.url.startsWith('/api/v1/check-ins') || r.url.startsWith('/api/v1/attendance'),
    },
  ],
  scopes: [
    {
      module: 'check-ins',
      permissions: ['check-ins:view', 'check-ins:create'],
      listUrl: '/api/v1/check-ins',
      itemUrl: (id) => `/api/v1/check-ins/${id}`,
      createOwned: async ({ t }, owner) => (await createCheckInAs(await t.login(owner.username))).id,
    },
    // attendance rows are people: the scope over users (who they are, their department)
    {
      module: 'attendance',
      permissions: ['attendance:view'],
      listUrl: '/api/v1/attendance',
      itemUrl: (id) => `/api/v1/attendance/${id}`,
      createOwned: async (_ctx, owner) => owner.id,
    },
  ],
};
