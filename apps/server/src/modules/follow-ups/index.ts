import { defineModule } from '../../module-manifest.ts';
import { seedDemoFollowUps } from './demo-seed.ts';
import { followUpJobs } from './jobs.ts';
import { followUpRoutes } from './routes.ts';
import { dictionaryFields, followUpChangeable, followUpsOnTimeline, followUpVisible } from './service.ts';

const write = ['follow-ups:view', 'follow-ups:create', 'follow-ups:edit', 'follow-ups:delete'] as const;

/** 跟进记录: follow-ups on customers, with 点评 (comments) by supervisors. */
export const manifest = defineModule({
  name: 'follow-ups',
  routes: [followUpRoutes],
  // the monthly rollup 活动量 reads whole months from
  jobs: followUpJobs,
  permissions: ['follow-ups'],
  // every role that works customers records follow-ups; who reads whose is the role's data scope
  // (the default roles' scopes: executive all, supervisor department and children, manager own)
  defaultGrants: {
    executive: ['follow-ups:view', 'follow-ups:comment'],
    sales_supervisor: [...write, 'follow-ups:comment'],
    account_manager: write,
    marketing: ['follow-ups:view', 'follow-ups:create', 'follow-ups:edit'],
    service: ['follow-ups:view', 'follow-ups:create', 'follow-ups:edit'],
  },
  customFieldEntities: [{ entity: 'follow-ups', table: 'follow_ups', column: 'custom_fields' }],
  dictionaryReferences: dictionaryFields.map(([, type, column]) => ({ type, table: 'follow_ups', column })),
  // merged with their customer, and on its 360 timeline (comments are audited on the follow-up)
  customerChildren: [
    { table: 'follow_ups', column: 'customer_id', entity: 'follow-ups', visibleTo: followUpsOnTimeline },
  ],
  fileEntities: [{ entity: 'follow-ups', canSee: followUpVisible, canChange: followUpChangeable }],
  seedDemo: seedDemoFollowUps,
});
