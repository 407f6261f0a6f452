import { defineModule } from '../../module-manifest.ts';
import { seedDemoChurn } from './demo-seed.ts';
import { churnJobs } from './jobs.ts';
import { churnRoutes } from './routes.ts';

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
  jobs: churnJobs,
  seedDemo: seedDemoChurn,
});
