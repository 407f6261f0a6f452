import { defineModule } from '../../module-manifest.ts';
import { seedDemoPlans } from './demo-seed.ts';
import { planJobs } from './jobs.ts';
import { marketingPlanRoutes } from './routes.ts';
import { DOCUMENT_TYPE, onApprovalDecided, planChangeable, planVisible } from './service.ts';

/** 营销计划: plan → review (or the approval engine) → 活动签到 → locked feedback, and the subtree summary. */
export const manifest = defineModule({
  name: 'marketing-plans',
  routes: [marketingPlanRoutes],
  permissions: ['marketing-plans'],
  // stores and branches plan (marketing, account managers); supervisors review their subtree's
  defaultGrants: {
    executive: ['marketing-plans:view', 'marketing-plans:review'],
    sales_supervisor: [
      'marketing-plans:view',
      'marketing-plans:create',
      'marketing-plans:edit',
      'marketing-plans:delete',
      'marketing-plans:review',
    ],
    account_manager: ['marketing-plans:view', 'marketing-plans:create', 'marketing-plans:edit'],
    marketing: [
      'marketing-plans:view',
      'marketing-plans:create',
      'marketing-plans:edit',
      'marketing-plans:delete',
    ],
  },
  jobs: planJobs,
  dictionaryReferences: [{ type: 'plan-type', table: 'marketing_plans', column: 'sub_type_id' }],
  // target customers move with a merge; not on the 360 timeline (a plan is not the customer's record)
  customerChildren: [
    {
      table: 'marketing_plan_customers',
      column: 'customer_id',
      entity: 'marketing-plans',
      visibleTo: () => false,
    },
  ],
  fileEntities: [{ entity: 'marketing-plans', canSee: planVisible, canChange: planChangeable }],
  approvalDocuments: [{ documentType: DOCUMENT_TYPE, onDecided: onApprovalDecided, canSee: planVisible }],
  seedDemo: seedDemoPlans,
});
