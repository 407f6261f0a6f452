import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** 市场活动: every guarded route, and the campaigns scope (owner and department) on the list and look-up. */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'campaigns', routes: (r) => r.url.startsWith('/api/v1/campaigns') }],
  scopes: [
    {
      module: 'campaigns',
      permissions: ['campaigns:view', 'campaigns:create'],
      listUrl: '/api/v1/campaigns',
      itemUrl: (id) => `/api/v1/campaigns/${id}`,
      // owned by `owner`, created by the admin (who sees everything)
      createOwned: async ({ admin }, owner) => {
        const channels = await admin.get('/api/v1/dictionaries/campaign-channel/items');
        const channel = (channels.json() as { data: { id: string }[] }).data[0].id;
        const res = await admin.post('/api/v1/campaigns', {
          name: '范围测试活动',
          channel,
          startDate: '2026-03-01',
          endDate: '2026-03-31',
          ownerId: owner.id,
        });
        if (res.statusCode !== 201) throw new Error(res.body);
        return (res.json() as { id: string }).id;
      },
    },
  ],
};
