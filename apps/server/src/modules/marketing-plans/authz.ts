import type { ModuleAuthz } from '../../test/authz-matrix.ts';

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A plan a test can create: 上门拜访 / 老客户深挖 running now (yesterday to the day after tomorrow,
 * whatever the tenant's time zone), no expenses (so it needs no approval flow).
 */
export const planBody = (over: Record<string, unknown> = {}) => {
  return {
    type: 'visit',
    subType: 'deepening',
    title: `计划${Math.random().toString(36).slice(2, 8)}`,
    startDate: day(-1),
    endDate: day(2),
    goals: [{ kind: 'visits', target: 5 }],
    ...over,
  };
};

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
