import { sql } from 'drizzle-orm';
import { defineModule } from '../../module-manifest.ts';
import { scopePredicate } from '../../platform/access.ts';
import { can } from '../../platform/auth/principal.ts';
import { seedDemoChurn } from './demo-seed.ts';
import { churnJobs } from './jobs.ts';
import { settleChurnMerge } from './merge.ts';
import { churnRoutes } from './routes.ts';
import { ENTITY } from './service.ts';

/** 客户流失: daily 流失预警, 暂缓 / 确认流失, recovery on a new order, the nightly risk score. */
export const manifest = defineModule({
  name: 'churn',
  routes: [churnRoutes],
  permissions: ['churn'],
  // account managers act on their customers' warnings; supervisors too, on their departments';
  // executives watch (the default roles' scopes decide whose)
  defaultGrants: {
    executive: ['churn:view'],
    sales_supervisor: ['churn:view', 'churn:handle'],
    account_manager: ['churn:view', 'churn:handle'],
    service: ['churn:view'],
  },
  dictionaryReferences: [{ type: 'churn-reason', table: 'churn_records', column: 'reason_id' }],
  // with their customer through a merge (one open warning kept); on its timeline within the churn scope
  customerChildren: [
    {
      table: 'churn_records',
      column: 'customer_id',
      entity: ENTITY,
      beforeMerge: settleChurnMerge,
      visibleTo: (p) =>
        can(p, 'churn:view')
          ? scopePredicate(p, 'churn', { owner: sql`x.owner_id`, department: sql`x.department_id` })
          : false,
    },
  ],
  jobs: churnJobs,
  seedDemo: seedDemoChurn,
});
