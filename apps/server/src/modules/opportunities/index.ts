import { defineModule } from '../../module-manifest.ts';
import { seedDemoOpportunities } from './demo-seed.ts';
import { opportunityJobs } from './jobs.ts';
import { opportunityRoutes } from './routes.ts';
import { opportunitiesOnTimeline } from './service.ts';
import { seedStages } from './stages-service.ts';
import { opportunitiesLifecycle } from './user-lifecycle.ts';

const work = ['opportunities:view', 'opportunities:create', 'opportunities:edit'] as const;

/** 销售机会: stages, deals from prospect to won or lost, 指派, the development plan, the pipeline. */
export const manifest = defineModule({
  name: 'opportunities',
  routes: [opportunityRoutes],
  permissions: ['opportunities'],
  // supervisors create, assign (指派) and run the stages; account managers create and work theirs
  defaultGrants: {
    executive: ['opportunities:view', 'opportunities:export'],
    sales_supervisor: [...work, 'opportunities:assign', 'opportunities:delete', 'opportunities:export'],
    account_manager: work,
  },
  jobs: opportunityJobs,
  dictionaryReferences: [
    { type: 'customer-source', table: 'opportunities', column: 'source_id' },
    { type: 'lost-reason', table: 'opportunities', column: 'lost_reason_id' },
  ],
  // a won prospect's or a customer's deals follow it through a merge and show on its timeline
  customerChildren: [
    {
      table: 'opportunities',
      column: 'customer_id',
      entity: 'opportunities',
      visibleTo: opportunitiesOnTimeline,
    },
  ],
  userLifecycle: opportunitiesLifecycle,
  seedTenant: seedStages,
  seedDemo: seedDemoOpportunities,
});
