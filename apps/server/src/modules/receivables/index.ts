import { sql } from 'drizzle-orm';
import { defineModule } from '../../module-manifest.ts';
import { scopePredicate } from '../../platform/access.ts';
import { can } from '../../platform/auth/principal.ts';
import { seedDemoReceivables } from './demo-seed.ts';
import { receivableJobs } from './jobs.ts';
import { receivableRoutes } from './routes.ts';
import { onPaymentDecided, PAYMENT_DOCUMENT_TYPE, paymentVisible } from './service.ts';

const record = ['receivables:view', 'receivables:create', 'receivables:edit'] as const;

/** 回款 and 开票 of contracts and orders: plans, payments allocated to them, invoices; overdue reminders. */
export const manifest = defineModule({
  name: 'receivables',
  routes: [receivableRoutes],
  permissions: ['receivables', 'invoices'],
  // the people who sell record their customers' money and ask for invoices; supervisors also approve invoices
  defaultGrants: {
    executive: ['receivables:view', 'receivables:export', 'invoices:view', 'invoices:export'],
    sales_supervisor: [
      ...record,
      'receivables:delete',
      'receivables:export',
      'invoices:view',
      'invoices:create',
      'invoices:approve',
      'invoices:export',
    ],
    account_manager: [...record, 'invoices:view', 'invoices:create'],
  },
  jobs: receivableJobs,
  // merged with their customer (the 360 timeline shows them to who sees them in the receivables scope)
  customerChildren: (['payment_plans', 'payments', 'invoices'] as const).map((table) => ({
    table,
    column: 'customer_id',
    entity: table === 'payment_plans' ? 'payment-plans' : table,
    visibleTo: (p) => {
      const module = table === 'invoices' ? 'invoices' : 'receivables';
      return can(p, `${module}:view`)
        ? scopePredicate(p, module, { owner: sql`x.owner_id`, department: sql`x.department_id` })
        : false;
    },
  })),
  approvalDocuments: [
    { documentType: PAYMENT_DOCUMENT_TYPE, onDecided: onPaymentDecided, canSee: paymentVisible },
  ],
  seedDemo: seedDemoReceivables,
});
