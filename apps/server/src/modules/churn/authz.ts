import { sql } from 'drizzle-orm';
import type { ModuleAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer } from '../../test/factories.ts';

/** 客户流失: every guarded route, and the churn scope (the customer's owner and department at creation). */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'churn',
      routes: (r) => r.url.startsWith('/api/v1/churn') || r.url.startsWith('/api/v1/settings/churn'),
    },
  ],
  scopes: [
    {
      module: 'churn',
      permissions: ['churn:view'],
      listUrl: '/api/v1/churn-records',
      itemUrl: (id) => `/api/v1/churn-records/${id}`,
      // a customer of `owner` owned for two years without an order, warned by the daily run
      createOwned: async ({ t, admin }, owner) => {
        const customer = (await makeCustomer(admin, { ownerId: owner.id })) as { id: string };
        await t.database.db.execute(
          sql`UPDATE customers SET owned_since = now() - interval '2 years', created_at = now() - interval '2 years'
            WHERE id = ${customer.id}`,
        );
        const run = await admin.post('/api/v1/churn/run', {});
        if (run.statusCode !== 200) throw new Error(run.body);
        const list = await admin.get(`/api/v1/churn-records?customerId=${customer.id}`);
        const [record] = (list.json() as { data: { id: string }[] }).data;
        if (!record) throw new Error(`no warning for ${customer.id}`);
        return record.id;
      },
    },
  ],
};
