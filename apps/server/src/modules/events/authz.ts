import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** 日程: no data scope (an event is its owner's and its participants'). */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'events', routes: (r) => r.url.startsWith('/api/v1/events') }],
  scopes: [],
};
