import { defineModule } from '../../module-manifest.ts';
import { seedDemoQuotes } from './demo-seed.ts';
import { quoteJobs } from './jobs.ts';
import { quoteRoutes } from './routes.ts';
import { DOCUMENT_TYPE, onApprovalDecided, quotesOnTimeline, quoteVisible } from './service.ts';
import { quotesLifecycle } from './user-lifecycle.ts';

const write = ['quotes:view', 'quotes:create', 'quotes:edit', 'quotes:export'] as const;

/** 报价单: priced lines with exact totals, discount approval, sent / accepted / expired, into an order. */
export const manifest = defineModule({
  name: 'quotes',
  routes: [quoteRoutes],
  permissions: ['quotes'],
  // account managers quote; supervisors also approve discounts and delete drafts; executives read and approve
  defaultGrants: {
    executive: ['quotes:view', 'quotes:approve', 'quotes:export'],
    sales_supervisor: [...write, 'quotes:delete', 'quotes:approve'],
    account_manager: [...write, 'quotes:delete'],
  },
  // sellers quote prices, not what the goods cost us or the margin left
  defaultFieldRules: { account_manager: { quotes: { cost: 'hidden', margin: 'hidden' } } },
  // quotes in play go with their customers at a departure; all follow their owner's department
  userLifecycle: quotesLifecycle,
  jobs: quoteJobs,
  // a quote is the customer's record: merged with it, on its timeline for who sees it in the quotes scope
  customerChildren: [
    { table: 'quotes', column: 'customer_id', entity: 'quotes', visibleTo: quotesOnTimeline },
  ],
  approvalDocuments: [{ documentType: DOCUMENT_TYPE, onDecided: onApprovalDecided, canSee: quoteVisible }],
  seedDemo: seedDemoQuotes,
});
