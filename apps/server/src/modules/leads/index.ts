import { defineModule } from '../../module-manifest.ts';
import { seedDemoLeads } from './demo-seed.ts';
import { leadRoutes } from './routes.ts';
import { leadsOnTimeline } from './service.ts';
import { leadsLifecycle } from './user-lifecycle.ts';

const work = ['leads:view', 'leads:create', 'leads:edit', 'leads:convert'] as const;

/** 线索: leads by hand, import and public web forms; rules, the pool (抢单), notes, conversion. */
export const manifest = defineModule({
  name: 'leads',
  routes: [leadRoutes],
  permissions: ['leads'],
  // marketing captures and hands out leads (forms, rules, import); sales works and converts them
  defaultGrants: {
    executive: ['leads:view'],
    sales_supervisor: [...work, 'leads:assign', 'leads:delete', 'leads:import'],
    account_manager: work,
    marketing: [...work, 'leads:assign', 'leads:import', 'leads:admin'],
  },
  dictionaryReferences: [
    { type: 'customer-source', table: 'leads', column: 'source_id' },
    { type: 'lead-disqualify-reason', table: 'leads', column: 'disqualify_reason_id' },
    { type: 'customer-source', table: 'lead_forms', column: 'source_id' },
    { type: 'customer-source', table: 'lead_rules', column: 'source_id' },
  ],
  // a converted lead follows its customer through a merge, and shows on its timeline
  customerChildren: [{ table: 'leads', column: 'customer_id', entity: 'leads', visibleTo: leadsOnTimeline }],
  // a person's leads follow them to a new department and are handed over when they leave
  userLifecycle: leadsLifecycle,
  seedDemo: seedDemoLeads,
});
