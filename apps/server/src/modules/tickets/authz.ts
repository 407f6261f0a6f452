import type { ModuleAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer } from '../../test/factories.ts';

/** 服务工单: every guarded route (the customer's signed link needs none), and the tickets scope by handler. */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'tickets',
      routes: (r) =>
        r.url.startsWith('/api/v1/tickets') ||
        r.url.startsWith('/api/v1/ticket-rules') ||
        r.url === '/api/v1/settings/tickets' ||
        r.url.startsWith('/api/v1/settings/ticket-form') ||
        r.url === '/api/v1/customers/:id/tickets',
    },
  ],
  scopes: [
    {
      module: 'tickets',
      permissions: ['tickets:view'],
      listUrl: '/api/v1/tickets',
      itemUrl: (id) => `/api/v1/tickets/${id}`,
      // opened by an admin and handed to `owner`
      createOwned: async ({ admin }, owner) => {
        const customer = await makeCustomer(admin);
        const types = await admin.get('/api/v1/dictionaries/service-type/items');
        const typeId = (types.json() as { data: { id: string }[] }).data[0].id;
        const res = await admin.post('/api/v1/tickets', {
          typeId,
          title: `工单 ${owner.username}`,
          customerId: customer.id,
          request: '设备故障',
          priority: 'normal',
        });
        if (res.statusCode !== 201) throw new Error(res.body);
        const t = res.json() as { id: string; version: number };
        const assigned = await admin.post(`/api/v1/tickets/${t.id}/assign`, {
          userId: owner.id,
          version: t.version,
        });
        if (assigned.statusCode !== 200) throw new Error(assigned.body);
        return t.id;
      },
    },
  ],
};
