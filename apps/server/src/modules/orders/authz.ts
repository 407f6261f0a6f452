import type { ModuleAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, unique } from '../../test/factories.ts';

/** 订单: every guarded route (with a quote's to-order and a customer's orders), and the orders scope. */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'orders',
      routes: (r) =>
        r.url.startsWith('/api/v1/orders') ||
        r.url === '/api/v1/quotes/:id/to-order' ||
        r.url === '/api/v1/customers/:id/orders',
    },
  ],
  scopes: [
    {
      module: 'orders',
      permissions: ['orders:view', 'orders:create', 'customers:view', 'customers:create'],
      listUrl: '/api/v1/orders',
      itemUrl: (id) => `/api/v1/orders/${id}`,
      // ordered directly by `owner` for a customer of their own
      createOwned: async ({ t, admin }, owner) => {
        const agent = await t.login(owner.username);
        const customer = await makeCustomer(agent);
        const product = (
          await admin.post('/api/v1/products', {
            code: unique('P'),
            name: unique('产品'),
            listPrice: '10.00',
          })
        ).json() as { id: string };
        const res = await agent.post('/api/v1/orders', {
          customerId: customer.id,
          lines: [{ productId: product.id, quantity: '1' }],
        });
        if (res.statusCode !== 201) throw new Error(res.body);
        return (res.json() as { id: string }).id;
      },
    },
  ],
};
