import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** Work reports: every guarded route, and the work-reports scope (by author) on the list and by id. */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'work-reports', routes: (r) => r.url.startsWith('/api/v1/work-reports') }],
  scopes: [
    {
      module: 'work-reports',
      permissions: ['work-reports:view', 'work-reports:create'],
      listUrl: '/api/v1/work-reports',
      itemUrl: (id) => `/api/v1/work-reports/${id}`,
      // a report is its author's: each cast member submits one
      createOwned: async ({ t }, owner) => {
        const agent = await t.login(owner.username);
        const res = await agent.post('/api/v1/work-reports', {
          period: 'day',
          start: '2026-11-02',
          summary: `${owner.username} 的日报`,
        });
        if (res.statusCode !== 201) throw new Error(res.body);
        return res.json().id;
      },
    },
  ],
};
