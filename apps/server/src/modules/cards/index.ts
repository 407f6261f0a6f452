import { defineModule } from '../../module-manifest.ts';
import { seedDemoCards } from './demo-seed.ts';
import { cardJobs } from './jobs.ts';
import { cardRoutes } from './routes.ts';

/** 充值卡: batches of prepaid cards, their ledger, use at stores, expiry. */
export const manifest = defineModule({
  name: 'cards',
  routes: [cardRoutes],
  permissions: ['cards'],
  // stores (service) recharge and take payment by card; batches, freezing, scrapping are the admins'
  defaultGrants: {
    service: ['cards:read', 'cards:use'],
  },
  jobs: cardJobs,
  seedDemo: seedDemoCards,
  // the batch's secret-hashing key and the clear secrets until their export
  sealedColumns: [
    { table: 'card_batches', column: 'mac_key' },
    { table: 'card_batches', column: 'secrets_sealed' },
  ],
});
