import type { ModuleAuthz } from '../../test/authz-matrix.ts';

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** An opportunity a test can create: for a prospect, closing in a month. */
export const opportunityBody = (over: Record<string, unknown> = {}) => ({
  prospectName: `意向客户${Math.random().toString(36).slice(2, 8)}`,
  title: `机会${Math.random().toString(36).slice(2, 8)}`,
  expectedAmount: '120000.00',
  expectedCloseDate: day(30),
  ...over,
});

/** 销售机会: every guarded route, and the opportunities scope (owner = assignee, department) on list and look-up. */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'opportunities', routes: (r) => r.url.startsWith('/api/v1/opportunities') }],
  scopes: [
    {
      module: 'opportunities',
      permissions: ['opportunities:view'],
      listUrl: '/api/v1/opportunities',
      itemUrl: (id) => `/api/v1/opportunities/${id}`,
      // created by an admin and assigned (指派) to `owner`
      createOwned: async ({ admin }, owner) => {
        const res = await admin.post('/api/v1/opportunities', opportunityBody());
        if (res.statusCode !== 201) throw new Error(res.body);
        const created = res.json() as { id: string; version: number };
        const assigned = await admin.post(`/api/v1/opportunities/${created.id}/assign`, {
          userId: owner.id,
          version: created.version,
        });
        if (assigned.statusCode !== 200) throw new Error(assigned.body);
        return created.id;
      },
    },
  ],
};
