import type { ModuleAuthz } from '../../test/authz-matrix.ts';

/** 线索: every guarded route (the public form's routes need no permission), and the leads scope by assignee. */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'leads', routes: (r) => r.url.startsWith('/api/v1/leads') }],
  scopes: [
    {
      module: 'leads',
      permissions: ['leads:view'],
      listUrl: '/api/v1/leads',
      itemUrl: (id) => `/api/v1/leads/${id}`,
      // handed to `owner` by an admin
      createOwned: async ({ admin }, owner) => {
        const res = await admin.post('/api/v1/leads', { name: `线索 ${owner.username}`, ownerId: owner.id });
        if (res.statusCode !== 201) throw new Error(res.body);
        return (res.json() as { id: string }).id;
      },
    },
  ],
};
