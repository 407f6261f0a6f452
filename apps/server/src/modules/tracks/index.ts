import { defineModule } from '../../module-manifest.ts';
import { seedDemoTracks } from './demo-seed.ts';
import { trackRoutes } from './routes.ts';

/** 轨迹: track points from phones on duty, a day's route with its mileage, the day's people. */
export const manifest = defineModule({
  name: 'tracks',
  routes: [trackRoutes],
  permissions: ['tracks'],
  // supervisors and executives watch the field (后台监控); sending points is check-ins:create
  defaultGrants: {
    executive: ['tracks:view'],
    sales_supervisor: ['tracks:view'],
  },
  seedDemo: seedDemoTracks,
});
