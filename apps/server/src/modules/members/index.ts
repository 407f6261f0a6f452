import { defineModule } from '../../module-manifest.ts';
import { seedDemoMembers } from './demo-seed.ts';
import { memberJobs } from './jobs.ts';
import { memberRoutes } from './routes.ts';

/** 会员: members of customers, their points ledger (orders, activities, redemption, expiry) and levels. */
export const manifest = defineModule({
  name: 'members',
  routes: [memberRoutes],
  permissions: ['members'],
  // sellers and service staff look members up and make customers members; points and settings are the admins'
  defaultGrants: {
    sales_supervisor: ['members:view', 'members:create', 'members:edit', 'members:points', 'members:export'],
    account_manager: ['members:view', 'members:create'],
    service: ['members:view', 'members:create', 'members:points'],
    marketing: ['members:view', 'members:edit', 'members:export'],
    executive: ['members:view', 'members:export'],
  },
  jobs: memberJobs,
  seedDemo: seedDemoMembers,
  dictionaryReferences: [{ type: 'member-level', table: 'members', column: 'level_id' }],
});
