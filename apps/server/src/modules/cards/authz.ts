import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** 充值卡: batches and their cards are scoped by the batch's creator and department. */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'cards',
      routes: (r) => ['/api/v1/card-batches', '/api/v1/cards'].some((p) => r.url.startsWith(p)),
    },
  ],
  scopes: [
    {
      module: 'cards',
      permissions: ['cards:read', 'cards:manage'],
      listUrl: '/api/v1/card-batches',
      itemUrl: (id) => `/api/v1/card-batches/${id}`,
      // a batch belongs to whoever made it and their department
      createOwned: async ({ t }, owner) => {
        const agent = await t.login(owner.username);
        const res = await agent.post('/api/v1/card-batches', {
          name: `scope ${owner.username}`,
          faceValue: '10',
          count: 1,
          producedAt: '2026-01-01',
          expiresAt: '2099-12-31',
        });
        if (res.statusCode !== 201) throw new Error(res.body);
        return res.json().id;
      },
    },
  ],
};
