import { defineModule } from '../../module-manifest.ts';
import { seedDemoOrders } from './demo-seed.ts';
import { orderJobs } from './jobs.ts';
import { orderRoutes } from './routes.ts';
import { ordersOnTimeline } from './service.ts';
import { ordersLifecycle } from './user-lifecycle.ts';

const write = ['orders:view', 'orders:create', 'orders:edit', 'orders:export'] as const;

/** 订单: from a quote or directly; confirmed, paid, delivered with stock out, completed. */
export const manifest = defineModule({
  name: 'orders',
  routes: [orderRoutes],
  // the monthly rollup the reports read whole months from
  jobs: orderJobs,
  permissions: ['orders'],
  defaultGrants: {
    executive: ['orders:view', 'orders:export'],
    sales_supervisor: [...write, 'orders:approve'],
    account_manager: write,
    service: ['orders:view'],
  },
  // open orders go with their customers at a departure; all follow their owner's department
  userLifecycle: ordersLifecycle,
  defaultFieldRules: {
    account_manager: { orders: { cost: 'hidden', margin: 'hidden' } },
    service: { orders: { cost: 'hidden', margin: 'hidden' } },
  },
  // merged with their customer; on its timeline within the orders scope
  customerChildren: [
    { table: 'orders', column: 'customer_id', entity: 'orders', visibleTo: ordersOnTimeline },
  ],
  seedDemo: seedDemoOrders,
});
