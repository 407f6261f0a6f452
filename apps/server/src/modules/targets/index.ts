import { defineModule } from '../../module-manifest.ts';
import { seedDemoTargets } from './demo-seed.ts';
import { targetRoutes } from './routes.ts';

/** 销售任务: targets per department and person, split down the tree; attainment by the tenant's basis. */
export const manifest = defineModule({
  name: 'targets',
  routes: [targetRoutes],
  permissions: ['targets'],
  // supervisors set and split their departments' targets; everyone who sells sees their own attainment
  defaultGrants: {
    executive: ['targets:view'],
    sales_supervisor: ['targets:view', 'targets:create', 'targets:edit', 'targets:delete'],
    account_manager: ['targets:view'],
  },
  seedDemo: seedDemoTargets,
});
