import { sql } from 'drizzle-orm';
import { defineModule } from '../../module-manifest.ts';
import { scopePredicate } from '../../platform/access.ts';
import { can } from '../../platform/auth/principal.ts';
import { seedDemoContracts } from './demo-seed.ts';
import { contractJobs } from './jobs.ts';
import { onApprovalDecided } from './lifecycle-service.ts';
import { contractRoutes } from './routes.ts';
import { contractChangeable, contractVisible, DOCUMENT_TYPE } from './service.ts';
import { contractsLifecycle } from './user-lifecycle.ts';

const write = ['contracts:view', 'contracts:create', 'contracts:edit', 'contracts:export'] as const;

/** 合同: of a customer (and its order), approved through the engine, reminded of before they end. */
export const manifest = defineModule({
  name: 'contracts',
  routes: [contractRoutes],
  permissions: ['contracts'],
  // account managers contract their deals; supervisors also delete drafts and set the reminders
  defaultGrants: {
    executive: ['contracts:view', 'contracts:export', 'contracts:approve'],
    sales_supervisor: [...write, 'contracts:delete', 'contracts:approve', 'contracts:admin'],
    account_manager: write,
  },
  jobs: contractJobs,
  // contracts follow their owner's department, and go with their customers at a departure
  userLifecycle: contractsLifecycle,
  // merged with their customer; on its timeline for whoever sees them in the contracts scope
  customerChildren: [
    {
      table: 'contracts',
      column: 'customer_id',
      entity: 'contracts',
      visibleTo: (p) =>
        can(p, 'contracts:view')
          ? scopePredicate(p, 'contracts', { owner: sql`x.owner_id`, department: sql`x.department_id` })
          : false,
    },
  ],
  fileEntities: [{ entity: 'contracts', canSee: contractVisible, canChange: contractChangeable }],
  approvalDocuments: [{ documentType: DOCUMENT_TYPE, onDecided: onApprovalDecided, canSee: contractVisible }],
  seedDemo: seedDemoContracts,
});
