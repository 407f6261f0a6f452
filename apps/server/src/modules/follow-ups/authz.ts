import type { ModuleAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer } from '../../test/factories.ts';

/** 跟进记录: every guarded route, and the follow-ups scope (by author) on the list and look-up. */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'follow-ups', routes: (r) => r.url.startsWith('/api/v1/follow-ups') }],
  scopes: [
    {
      module: 'follow-ups',
      permissions: ['follow-ups:view', 'follow-ups:create', 'customers:view'],
      listUrl: '/api/v1/follow-ups',
      itemUrl: (id) => `/api/v1/follow-ups/${id}`,
      // written by `owner` on a customer they own
      createOwned: async ({ t, admin }, owner) => {
        const customer = await makeCustomer(admin, { ownerId: owner.id });
        const types = await admin.get('/api/v1/dictionaries/follow-up-type/items');
        const type = (types.json() as { data: { id: string }[] }).data[0].id;
        const author = await t.login(owner.username);
        const res = await author.post('/api/v1/follow-ups', {
          customerId: customer.id,
          type,
          content: '电话沟通',
        });
        if (res.statusCode !== 201) throw new Error(res.body);
        return (res.json() as { id: string }).id;
      },
    },
  ],
};
