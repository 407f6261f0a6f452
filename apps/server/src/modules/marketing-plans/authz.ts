import type { ModuleAuthz } from '../../test/authz-matrix.ts';
import { planBody } from '../../test/marketing-plan-body.ts';

export { planBody };

/** 营销计划: every guarded route, and the marketing-plans scope (executor, department) on list and look-up. */
export const authz: ModuleAuthz = {
  permissions: [{ name: 'marketing-plans', routes: (r) => r.url.startsWith('/api/v1/marketing-plans') }],
  scopes: [
    {
      module: 'marketing-plans',
      permissions: ['marketing-plans:view', 'marketing-plans:create'],
      listUrl: '/api/v1/marketing-plans',
      itemUrl: (id) => `/api/v1/marketing-plans/${id}`,
      // planned by `owner`, who executes it, in their department
      createOwned: async ({ t }, owner) => {
        const res = await (await t.login(owner.username)).post('/api/v1/marketing-plans', planBody());
        if (res.statusCode !== 201) throw new Error(res.body);
        return (res.json() as { id: string }).id;
      },
    },
  ],
};
