import { defineModule } from '../../module-manifest.ts';
import { seedDemoApprovals } from './demo-seed.ts';
import { approvalFlowRoutes, approvalRoutes } from './routes.ts';
import { approvalsLifecycle } from './user-lifecycle.ts';

/**
 * 审批: one engine for every document that needs a decision. The inbox needs no permission (each
 * sees what is theirs); `approvals:admin` edits the flows. Document modules plug in through their
 * manifests' `approvalDocuments` and call `submitForApproval`.
 */
export const manifest = defineModule({
  name: 'approvals',
  routes: [approvalFlowRoutes, approvalRoutes],
  permissions: ['approvals'],
  // a leaving person's open tasks go to whoever takes over
  userLifecycle: approvalsLifecycle,
  seedDemo: seedDemoApprovals,
});
