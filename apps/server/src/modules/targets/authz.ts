import type { ModuleAuthz } from '../../test/authz-matrix.ts';

const thisMonth = () => `${new Date().toISOString().slice(0, 7)}-01`;

/** 销售任务: every route, and the targets scope over people's targets (a person's department is where they are now). */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'targets', routes: (r) => r.url.startsWith('/api/v1/targets') }],
  scopes: [
    {
      module: 'targets',
      permissions: ['targets:view'],
      listUrl: `/api/v1/targets?period=month&start=${thisMonth()}`,
      itemUrl: (id) => `/api/v1/targets/${id}`,
      createOwned: async ({ admin }, owner) => {
        const res = await admin.post('/api/v1/targets', {
          period: 'month',
          start: thisMonth(),
          userId: owner.id,
          amount: '1000',
        });
        if (res.statusCode !== 201) throw new Error(res.body);
        return (res.json() as { id: string }).id;
      },
    },
  ],
};
