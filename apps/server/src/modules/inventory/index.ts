import { defineModule } from '../../module-manifest.ts';
import { seedDemoInventory } from './demo-seed.ts';
import { inventoryRoutes } from './routes.ts';

/** 库存: warehouses and locations, the stock ledger and the balances it keeps. */
export const manifest = defineModule({
  name: 'inventory',
  routes: [inventoryRoutes],
  permissions: ['inventory'],
  // sellers look up stock; supervisors record moves; warehouses are the admins' (all permissions)
  defaultGrants: {
    executive: ['inventory:view'],
    sales_supervisor: ['inventory:view', 'inventory:create'],
    account_manager: ['inventory:view'],
    service: ['inventory:view'],
  },
  seedDemo: seedDemoInventory,
});
