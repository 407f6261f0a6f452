import type { ModuleAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer } from '../../test/factories.ts';
import { makeProduct, quoteBody } from './test-helpers.ts';

/** 报价单: every guarded route (to-order is the orders' matrix), and the quotes scope (owner, department). */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'quotes',
      routes: (r) => r.url.startsWith('/api/v1/quotes') && !r.url.endsWith('/to-order'),
    },
  ],
  scopes: [
    {
      module: 'quotes',
      permissions: ['quotes:view', 'quotes:create', 'customers:view', 'customers:create'],
      listUrl: '/api/v1/quotes',
      itemUrl: (id) => `/api/v1/quotes/${id}`,
      // quoted by `owner` to a customer of their own
      createOwned: async ({ t, admin }, owner) => {
        const agent = await t.login(owner.username);
        const customer = await makeCustomer(agent);
        const product = await makeProduct(admin);
        const res = await agent.post('/api/v1/quotes', quoteBody(customer.id, product.id));
        if (res.statusCode !== 201) throw new Error(res.body);
        return (res.json() as { id: string }).id;
      },
    },
  ],
};
