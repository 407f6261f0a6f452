import { defineModule } from '../../module-manifest.ts';
import { seedDemoPools } from './demo-seed.ts';
import { poolJobs } from './jobs.ts';
import { poolRoutes } from './routes.ts';

const poolUser = ['pools:view', 'pools:claim', 'pools:release'] as const;

/** Public pools (公海): rules, claim / release / assign, the nightly recycle. */
export const manifest = defineModule({
  name: 'pools',
  routes: [poolRoutes],
  permissions: ['pools'],
  defaultGrants: { executive: ['pools:view'], sales_supervisor: poolUser, account_manager: poolUser },
  jobs: poolJobs,
  seedDemo: seedDemoPools,
});
